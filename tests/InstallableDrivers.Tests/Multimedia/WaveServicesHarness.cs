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

    /// <summary>Registers a copy of a driver from the test drivers folder as the next <c>waveN</c> value; returns the alias.</summary>
    public string AddDriver(string name, string args = "", string extension = ".so")
    {
        var alias = drivers == 0 ? "wave" : $"wave{drivers}";
        var copy = folder.File($"{name}{drivers}{extension}");
        File.Copy(Path.Combine(TestDrivers.Directory, name + extension), copy);
        Registry.SetValue("Drivers32", alias, $"{copy} {args}".TrimEnd());
        drivers++;
        return alias;
    }

    /// <summary>The WAV files a WAV-file driver wrote into a folder.</summary>
    public static string[] OutputFiles(string outputFolder) => Directory.GetFiles(outputFolder);

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
