using System.Reflection;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// The process's devices, set up once before anything touches <see cref="DriverManager.Default"/>: a temporary registry
/// named by <c>$INSTALLABLE_DRIVERS_REGISTRY</c> with two copies of the WAV-file driver (one configuration per loaded
/// file), device 0 moving audio as fast as it can and device 1 at the format's rate, both recording from
/// <see cref="InputFile"/>; and NAudio.WinMM's imports redirected to the services.
/// </summary>
public sealed class WaveFileDevices : IDisposable
{
    /// <summary>The device that moves whole buffers at once (WAVE_MAPPER's first choice).</summary>
    public const int Fast = 0;

    /// <summary>The device that moves audio at the format's rate.</summary>
    public const int Realtime = 1;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("naudio-tests-");

    public WaveFileDevices()
    {
        Format = new WaveFormat(22050, 16, 2);
        InputData = Signal(Format.AverageBytesPerSecond);
        InputFile = Path.Combine(folder.FullName, "in.wav");
        using (var writer = new WaveFileWriter(InputFile, Format))
        {
            writer.Write(InputData, 0, InputData.Length);
        }

        var driver = Path.Combine(AppContext.BaseDirectory, "drivers", "wavefile.so");
        var lines = new List<string> { "[Drivers32]" };
        foreach (var (value, pace) in new[] { ("wave", "fast"), ("wave1", "realtime") })
        {
            var copy = Path.Combine(folder.FullName, $"wavefile-{pace}.so");
            File.Copy(driver, copy);
            Directory.CreateDirectory(OutputFolder(pace == "fast" ? Fast : Realtime));
            lines.Add($"{value} = {copy} out={OutputFolder(pace == "fast" ? Fast : Realtime)} in={InputFile} pace={pace}");
        }

        var registry = Path.Combine(folder.FullName, "system.ini");
        File.WriteAllLines(registry, lines);
        Environment.SetEnvironmentVariable(DriverRegistryLocation.EnvironmentVariable, registry);
        // NAudio.WinMM holds NAudio's winmm imports in 2.x and 3.x alike; its classes moved between assemblies.
        WinMM.RedirectImports(Assembly.Load("NAudio.WinMM"));
    }

    /// <summary>The input file's format.</summary>
    public WaveFormat Format { get; }

    /// <summary>The input file's samples: one second of a deterministic signal.</summary>
    public byte[] InputData { get; }

    /// <summary>The WAV file both devices record from.</summary>
    public string InputFile { get; }

    /// <summary>Where a device writes the files it plays.</summary>
    public string OutputFolder(int device) => Path.Combine(folder.FullName, device == Fast ? "out-fast" : "out-realtime");

    /// <summary>The samples of the one file <paramref name="device"/> wrote during <paramref name="play"/>.</summary>
    public byte[] PlayedData(int device, Action play)
    {
        var before = Directory.GetFiles(OutputFolder(device)).ToHashSet();
        play();
        var written = Assert.Single(Directory.GetFiles(OutputFolder(device)), file => !before.Contains(file));
        using var reader = new WaveFileReader(written);
        Assert.Equal(Format, reader.WaveFormat);
        var data = new byte[reader.Length];
        Assert.Equal(data.Length, reader.Read(data, 0, data.Length));
        return data;
    }

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>Bytes from a fixed-seed generator: every sample differs from its neighbours, so a lost or repeated block shows.</summary>
    private static byte[] Signal(int length)
    {
        var data = new byte[length];
        new Random(12).NextBytes(data);
        return data;
    }
}
