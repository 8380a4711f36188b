using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// CPU time to play 60 s of 44.1 kHz 16-bit stereo through the ALSA wave driver into ALSA's <c>null</c> PCM, against
/// <c>aplay -D null</c> playing the same file (issue #10 goal: at most 1.5x). Measured processes, all in one run:
/// aplay (getrusage of the reaped child); this program run again as a child that only plays the file (a whole .NET
/// process: runtime start, JIT, playback), and the playback alone inside this process after a warm-up (getrusage of
/// the process around <see cref="WavePlayer.PlayAsync"/>). ALSA's null PCM takes samples as fast as they come, so both
/// measure the cost of moving the audio, not 60 s of waiting. Needs aplay (alsa-utils) and libasound.
/// </summary>
internal static partial class WaveCpuComparison
{
    private const int Seconds = 60;

    public static void Run()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wave-cpu-{Environment.ProcessId}.wav");
        WriteTone(file);
        try
        {
            var aplay = MeasureChild("aplay", ["-q", "-D", "null", file]);
            var dotnetHost = Environment.ProcessPath ?? "dotnet";
            string[] childArgs = dotnetHost.EndsWith("dotnet", StringComparison.Ordinal)
                ? [typeof(WaveCpuComparison).Assembly.Location, "--wave-cpu-child", file]
                : ["--wave-cpu-child", file];
            var child = MeasureChild(dotnetHost, childArgs);
            PlayAlsaNull(file, TimeSpan.FromSeconds(1), DefaultBuffer); // warm-up: JIT, driver load
            var inProcess = Measure(() => PlayAlsaNull(file, null, DefaultBuffer));
            var bigBuffers = Measure(() => PlayAlsaNull(file, null, TimeSpan.FromMilliseconds(500)));

            Console.WriteLine($"CPU time to play {Seconds} s of 44.1 kHz 16-bit stereo into ALSA's null PCM (user + system):");
            Print("aplay -D null (baseline, whole process)", aplay, aplay);
            Print("WavePlayer + alsa.so, whole .NET process", child, aplay);
            Print("WavePlayer + alsa.so, playback only", inProcess, aplay);
            Print("  the same with 500 ms buffers", bigBuffers, aplay);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The child's work: play the file once.</summary>
    public static void RunChild(string file) => PlayAlsaNull(file, null, DefaultBuffer);

    // WavePlayer's default: 4 buffers of 50 ms.
    private static readonly TimeSpan DefaultBuffer = TimeSpan.FromMilliseconds(50);

    private static void PlayAlsaNull(string file, TimeSpan? limit, TimeSpan bufferDuration)
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", $"{Path.Combine(BenchDriver.Directory, "alsa.so")} device=null");
        using var manager = new DriverManager(registry);
        using var services = new WaveServices(manager);
        using var reader = WaveFileReader.Open(file);
        using var player = new WavePlayer(services, reader.Format, 0, bufferDuration: bufferDuration);
        Stream data = limit is { } l ? new MemoryStream(new BinaryReader(reader.Data).ReadBytes((int)reader.Format.BytesFor(l))) : reader.Data;
        player.PlayAsync(data).GetAwaiter().GetResult();
    }

    private static void WriteTone(string path)
    {
        var format = WaveFormat.Pcm(44100, 16, 2);
        using var writer = WaveFileWriter.Create(path, format);
        var second = new byte[format.AverageBytesPerSecond];
        for (var frame = 0; frame < 44100; frame++)
        {
            var sample = (short)(8000 * Math.Sin(2 * Math.PI * 440 * frame / 44100.0));
            BinaryPrimitives.WriteInt16LittleEndian(second.AsSpan(frame * 4), sample);
            BinaryPrimitives.WriteInt16LittleEndian(second.AsSpan((frame * 4) + 2), sample);
        }

        for (var s = 0; s < Seconds; s++)
        {
            writer.Write(second);
        }
    }

    private static (TimeSpan Cpu, TimeSpan Wall) MeasureChild(string program, string[] arguments)
    {
        var before = Usage(RusageChildren);
        var wall = Stopwatch.StartNew();
        using (var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} exited with {process.ExitCode}.");
            }
        }

        return (Usage(RusageChildren) - before, wall.Elapsed);
    }

    private static (TimeSpan Cpu, TimeSpan Wall) Measure(Action work)
    {
        var before = Usage(RusageSelf);
        var wall = Stopwatch.StartNew();
        work();
        return (Usage(RusageSelf) - before, wall.Elapsed);
    }

    private static void Print(string what, (TimeSpan Cpu, TimeSpan Wall) measured, (TimeSpan Cpu, TimeSpan Wall) baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-42} {measured.Cpu.TotalMilliseconds,8:0.0} ms CPU {measured.Wall.TotalMilliseconds,8:0.0} ms wall  {measured.Cpu / baseline.Cpu,6:0.00}x"));

    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    private static TimeSpan Usage(int who)
    {
        if (GetRusage(who, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed.");
        }

        return TimeSpan.FromMicroseconds((usage.UserSeconds * 1e6) + usage.UserMicroseconds + (usage.SystemSeconds * 1e6) + usage.SystemMicroseconds);
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    // struct rusage on 64-bit Linux: two struct timevals, then fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public fixed long Rest[14];
    }
}
