using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// <see cref="WaveServices"/> over a manager whose memory registry lists the wave drivers a test adds, as
/// <c>[Drivers32]</c> <c>wave</c>, <c>wave1</c> …. Each driver is loaded from a copy of its own (a driver keeps one
/// configuration per loaded image, docs/wave-drivers.md), in a folder the harness deletes.
/// </summary>
internal sealed class WaveServicesHarness : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private readonly Lazy<WaveServices> services;
    private int drivers;

    public WaveServicesHarness()
    {
        Manager = TestDrivers.CreateManager(Registry);
        services = new Lazy<WaveServices>(() => new WaveServices(Manager));
    }

    public MemoryDriverRegistry Registry { get; } = new();

    public DriverManager Manager { get; }

    /// <summary>The services; created on first use, after the test registered its drivers.</summary>
    public WaveServices Services => services.Value;

    public WaveCallbackLog Log { get; } = new();

    /// <summary>Registers the WAV-file driver with its own output folder (returned), as the next <c>waveN</c> value.</summary>
    public string AddWaveFile(string args = "pace=fast")
    {
        var output = Directory.CreateDirectory(folder.File($"out{drivers}")).FullName;
        AddDriver("wavefile", $"out={output} {args}");
        return output;
    }

    /// <summary>Registers a copy of a C driver from the test drivers folder as the next <c>waveN</c> value.</summary>
    public void AddDriver(string name, string args = "")
    {
        var copy = folder.File($"{name}{drivers}.so");
        File.Copy(TestDrivers.PathOf(name), copy);
        AddRegistryLine($"{copy} {args}");
    }

    /// <summary>Registers a registry line (<c>file args</c>) as the next <c>waveN</c> value.</summary>
    public void AddRegistryLine(string line)
    {
        Registry.SetValue("Drivers32", drivers == 0 ? "wave" : $"wave{drivers}", line.TrimEnd());
        drivers++;
    }

    /// <summary>Writes a file into the harness's folder and returns its path.</summary>
    public string WriteFile(string name, byte[] contents)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    /// <summary>A path in the harness's folder for a driver to write.</summary>
    public string PathFor(string name) => folder.File(name);

    public void Dispose()
    {
        if (services.IsValueCreated)
        {
            services.Value.Dispose();
        }

        Manager.Dispose();
        Log.Dispose();
        folder.Dispose();
    }
}
