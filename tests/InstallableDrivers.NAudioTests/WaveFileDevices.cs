using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// The process's wave devices, installed once by <see cref="NAudioAcm"/> in the registry it points
/// <see cref="DriverManager.Default"/> at: two copies of the WAV-file driver (one configuration per loaded file), device
/// 0 moving audio as fast as it can and device 1 at the format's rate, both recording from <see cref="InputFile"/>.
/// </summary>
public sealed class WaveFileDevices
{
    /// <summary>The device that moves whole buffers at once (WAVE_MAPPER's first choice).</summary>
    public const int Fast = 0;

    /// <summary>The device that moves audio at the format's rate.</summary>
    public const int Realtime = 1;

    private static readonly WaveFormat InputFormat = new(22050, 16, 2);
    private static string? folder;
    private readonly string root;

    public WaveFileDevices()
    {
        NAudioAcm.EnsureReady();
        root = folder!;
    }

    /// <summary>The input file's format.</summary>
    public WaveFormat Format { get; } = InputFormat;

    /// <summary>The input file's samples: one second of bytes from a fixed-seed generator, so a lost or repeated block shows.</summary>
    public byte[] InputData { get; } = Signal(InputFormat.AverageBytesPerSecond);

    /// <summary>
    /// What the WAV-file device writes of <see cref="InputData"/> at a volume level: each 16-bit sample scaled by
    /// level / 0xFFFF, rounding toward zero (docs/wave-drivers.md).
    /// </summary>
    public byte[] InputDataAtVolume(int level)
    {
        var expected = new byte[InputData.Length];
        for (var i = 0; i < expected.Length; i += 2)
        {
            var sample = BitConverter.ToInt16(InputData, i);
            BitConverter.TryWriteBytes(expected.AsSpan(i), (short)(sample * level / 0xFFFF));
        }

        return expected;
    }

    /// <summary>The WAV file both devices record from.</summary>
    public string InputFile => InputPath(root);

    /// <summary>Where a device writes the files it plays.</summary>
    public string OutputFolder(int device) => OutputFolder(root, device);

    /// <summary>
    /// Writes the input file and the driver copies into <paramref name="into"/>; called once, by <see cref="NAudioAcm"/>,
    /// before the registry is in use.
    /// </summary>
    /// <returns>The registry's <c>[Drivers32]</c> lines for the two devices.</returns>
    internal static IEnumerable<string> Install(string into)
    {
        folder = into;
        var input = Signal(InputFormat.AverageBytesPerSecond);
        using (var writer = new WaveFileWriter(InputPath(into), InputFormat))
        {
            writer.Write(input, 0, input.Length);
        }

        var driver = Path.Combine(AppContext.BaseDirectory, "drivers", "wavefile.so");
        foreach (var (value, device, pace) in new[] { ("wave", Fast, "fast"), ("wave1", Realtime, "realtime") })
        {
            var copy = Path.Combine(into, $"wavefile-{pace}.so");
            File.Copy(driver, copy);
            Directory.CreateDirectory(OutputFolder(into, device));
            yield return $"{value} = {copy} out={OutputFolder(into, device)} in={InputPath(into)} pace={pace}";
        }
    }

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

    private static string InputPath(string root) => Path.Combine(root, "in.wav");

    private static string OutputFolder(string root, int device) => Path.Combine(root, device == Fast ? "out-fast" : "out-realtime");

    private static byte[] Signal(int length)
    {
        var data = new byte[length];
        new Random(12).NextBytes(data);
        return data;
    }
}
