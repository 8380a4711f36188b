using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// An <see cref="AcmServices"/> over codec drivers listed as <c>msacm.NAME</c> in a memory registry, in a manager that
/// runs every driver isolated (<see cref="DriverIsolation.All"/>) or every one in process, to compare the two.
/// </summary>
internal sealed class IsolatedAcm : IDisposable
{
    /// <summary>The ACM over <paramref name="codecs"/> (file names without .so, or full paths), in host processes when <paramref name="isolated"/>.</summary>
    public IsolatedAcm(bool isolated, params string[] codecs)
    {
        var registry = new MemoryDriverRegistry();
        foreach (var codec in codecs)
        {
            registry.SetValue("Drivers32", "msacm." + Path.GetFileNameWithoutExtension(codec), codec);
        }

        var options = new DriverManagerOptions { Isolation = isolated ? DriverIsolation.All : DriverIsolation.None };
        options.DriverDirectories.Add(TestDrivers.Directory);
        Manager = new DriverManager(registry, options);
        Acm = new AcmServices(Manager);
    }

    public DriverManager Manager { get; }

    public AcmServices Acm { get; }

    /// <summary>Converts all of <paramref name="input"/> with an <see cref="AcmConverter"/>, in buffers of <paramref name="chunk"/> bytes.</summary>
    public byte[] Convert(WaveFormat source, WaveFormat destination, byte[] input, int chunk = 4096)
    {
        using var converter = new AcmConverter(Acm, source, destination);
        var output = new List<byte>();
        for (var offset = 0; offset < input.Length || input.Length == 0; offset += chunk)
        {
            var length = Math.Min(chunk, input.Length - offset);
            output.AddRange(converter.Convert(input.AsSpan(offset, length), isLast: offset + length >= input.Length).ToArray());
            if (offset + length >= input.Length)
            {
                break;
            }
        }

        return [.. output];
    }

    public void Dispose()
    {
        Acm.Dispose();
        Manager.Dispose();
    }
}
