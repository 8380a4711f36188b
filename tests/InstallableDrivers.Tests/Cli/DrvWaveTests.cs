using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Multimedia;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// drv devices, play and record, run as a process against a registry whose wave drivers are copies of the WAV-file
/// driver: played files compared byte for byte with the input, recordings with the input file's samples, the documented
/// exit codes, and Ctrl+C (a real SIGINT) in the middle of a real-time playback.
/// </summary>
public sealed partial class DrvWaveTests : DrvTest
{
    private static readonly WAVEFORMATEX Cd = WavFileBytes.Pcm(44100, 16, 2);

    [Fact]
    public void Devices_lists_output_and_input_devices_with_their_driver()
    {
        var input = WriteInput(Cd, Samples(4000));
        Configure($"wave={Home.CopyDriver("wavefile")} out={Home.PathOf()}", $"wave1={Home.CopyDriver("wavefile", "wavefile1.so")} in={input}");

        var result = Home.Run("devices");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Out.Split('\n').Where(line => line.Contains("WAV file", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count); // two outputs, one input
        Assert.Matches(@"│ out\s+│ 0\s+│ WAV file out\s+│ wave\s+│ 2\s+│ 11\.025k 22\.05k 44\.1k 48k 96k\s+│ volume, L/R volume", rows[0]);
        Assert.Matches(@"│ out\s+│ 1\s+│ WAV file out\s+│ wave1\s+│", rows[1]);
        // The input device takes only its file's format: 44.1 kHz stereo 16-bit, WAVE_FORMAT_4S16.
        Assert.Matches(@"│ in\s+│ 0\s+│ WAV file in\s+│ wave1\s+│ 2\s+│ 44\.1k\(S16\)\s+│", rows[2]);
    }

    [Fact]
    public void Devices_says_so_when_the_registry_has_no_wave_driver()
    {
        Configure();
        var result = Home.Run("devices");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("No wave devices", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Play_writes_the_file_bit_exact_to_the_WAV_file_device()
    {
        var output = OutputFolder();
        var wav = WavFileBytes.Of(Cd, Samples(44100)); // a quarter of a second, not a whole number of buffers
        File.WriteAllBytes(Home.PathOf("in.wav"), wav);
        Configure($"wave={Home.CopyDriver("wavefile")} out={output} pace=fast");

        var result = Home.Run("play", Home.PathOf("in.wav"), "--device", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("(44100 Hz, 16-bit, 2 channels, PCM, 0.25 s) on device 0 (WAV file out, driver wave)", result.Out, StringComparison.Ordinal);
        Assert.Equal(wav, File.ReadAllBytes(Assert.Single(Directory.GetFiles(output))));
    }

    [Theory]
    [InlineData("play", "--device", "1", 3, "drv: waveOutOpen failed: MMSYSERR_BADDEVICEID (2)")]
    [InlineData("play", "--device", "x", 2, "drv: --device 'x' is not a device id")]
    [InlineData("record", "--format", "44100/12/2", 2, "drv: --format '44100/12/2' is not RATE/BITS/CHANNELS")]
    [InlineData("record", "--format", "8000/16/3", 7, "drv: waveInOpen failed: WAVERR_BADFORMAT (32)")] // the input file is 44.1 kHz stereo; the mapper's PCM converter makes mono or stereo
    [InlineData("record", "--device", "2", 3, "drv: waveInOpen failed: MMSYSERR_BADDEVICEID (2)")]
    public void A_bad_device_or_format_is_a_documented_error_that_leaves_no_file(string command, string option, string value, int exitCode, string error)
    {
        var output = OutputFolder();
        File.WriteAllBytes(Home.PathOf("in.wav"), WavFileBytes.Of(Cd, Samples(400)));
        Configure($"wave={Home.CopyDriver("wavefile")} out={output} pace=fast in={Home.PathOf("in.wav")}");
        string[] args = command == "play" ? ["play", Home.PathOf("in.wav")] : ["record", Home.PathOf("rec.wav"), "--seconds", "1"];

        var result = Home.Run([.. args, option, value]);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output));
        Assert.False(File.Exists(Home.PathOf("rec.wav")));
    }

    [Fact]
    public void Play_refuses_a_file_that_is_not_WAV_and_a_file_that_does_not_exist()
    {
        Configure($"wave={Home.CopyDriver("wavefile")} out={OutputFolder()} pace=fast");
        File.WriteAllText(Home.PathOf("notes.txt"), "not audio, only some notes");

        var notWav = Home.Run("play", Home.PathOf("notes.txt"));
        Assert.Equal(2, notWav.ExitCode);
        Assert.Contains("Not a WAV file: it does not start with 'RIFF'.", notWav.Error, StringComparison.Ordinal);
        Assert.Equal(3, Home.Run("play", Home.PathOf("missing.wav")).ExitCode);
    }

    [Fact]
    public void Record_writes_the_seconds_asked_from_the_input_file()
    {
        var format = WavFileBytes.Pcm(8000, 16, 1);
        var samples = Samples(16000); // one second
        File.WriteAllBytes(Home.PathOf("in.wav"), WavFileBytes.Of(format, samples));
        Configure($"wave={Home.CopyDriver("wavefile")} out={OutputFolder()} pace=fast in={Home.PathOf("in.wav")}");

        var result = Home.Run("record", Home.PathOf("rec.wav"), "--seconds", "0.5", "--format", "8000/16/1", "--device", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(WavFileBytes.Of(format, samples.AsSpan(0, 8000)), File.ReadAllBytes(Home.PathOf("rec.wav")));

        var again = Home.Run("record", Home.PathOf("rec.wav"), "--seconds", "0.5", "--format", "8000/16/1");
        Assert.Equal(2, again.ExitCode); // an existing file is replaced only with --force
        Assert.Contains("give --force", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_stops_a_playback_cleanly_with_exit_130_and_a_valid_shorter_file()
    {
        var output = OutputFolder();
        var samples = Samples(44100 * 4 * 4); // 4 s, played in real time
        File.WriteAllBytes(Home.PathOf("in.wav"), WavFileBytes.Of(Cd, samples));
        Configure($"wave={Home.CopyDriver("wavefile")} out={output} pace=realtime");

        using var drv = Home.Start(["play", Home.PathOf("in.wav")]);
        WaitUntilPlaying(output, drv);
        Assert.Equal(0, Kill(drv.Id, Sigint));
        var result = DrvHome.Finish(drv);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Matches(@"^drv: Stopped after \d+\.\d\d s of 4\.00 s: the device was reset and closed\.\n$", result.Error);
        using var reader = WaveFileReader.Open(Assert.Single(Directory.GetFiles(output)));
        var played = new MemoryStream();
        reader.Data.CopyTo(played);
        Assert.InRange(played.Length, 1, samples.Length - 1);
        Assert.Equal(samples.AsSpan(0, (int)played.Length).ToArray(), played.ToArray());
    }

    [Fact]
    public void Ctrl_C_ends_a_recording_early_with_exit_130_and_a_complete_file()
    {
        var samples = Samples(44100 * 4 * 4); // 4 s, recorded in real time
        File.WriteAllBytes(Home.PathOf("in.wav"), WavFileBytes.Of(Cd, samples));
        Configure($"wave={Home.CopyDriver("wavefile")} out={OutputFolder()} pace=realtime in={Home.PathOf("in.wav")}");
        var recording = Home.PathOf("rec.wav");

        using var drv = Home.Start(["record", recording, "--seconds", "4"]);
        WaitUntilLonger(recording, 44 + 17640, drv);
        Assert.Equal(0, Kill(drv.Id, Sigint));
        var result = DrvHome.Finish(drv);

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.StartsWith("drv: Stopped by a signal: recorded ", result.Error, StringComparison.Ordinal);
        var file = File.ReadAllBytes(recording);
        var dataLength = file.Length - 44;
        Assert.InRange(dataLength, 17640, samples.Length - 1);
        Assert.Equal(WavFileBytes.Of(Cd, samples.AsSpan(0, dataLength)), file); // sizes written: a complete WAV file
    }

    private const int Sigint = 2;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    /// <summary>Waits until the driver has written 100 ms of audio to the output file (drv has started and is playing).</summary>
    private static void WaitUntilPlaying(string output, System.Diagnostics.Process drv) =>
        WaitUntilLonger(() => Directory.GetFiles(output).FirstOrDefault(), 44 + 17640, drv);

    private static void WaitUntilLonger(string file, long length, System.Diagnostics.Process drv) => WaitUntilLonger(() => file, length, drv);

    /// <summary>Waits until a file drv writes is longer than <paramref name="length"/> bytes.</summary>
    private static void WaitUntilLonger(Func<string?> file, long length, System.Diagnostics.Process drv)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (file() is not { } path || !File.Exists(path) || new FileInfo(path).Length <= length)
        {
            Assert.False(drv.HasExited, "drv ended before it wrote that much.");
            Assert.True(DateTime.UtcNow < deadline, "drv did not write that much within 30 s.");
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void An_ALSA_device_that_cannot_be_opened_is_reported_in_one_line_with_ALSAs_own_reason()
    {
        // A configuration of ALSA's that defines no device of that name; libasound would print its failure step by step.
        var configuration = Home.PathOf("asound.conf");
        File.WriteAllText(configuration, "pcm.quiet { type null }\n");
        Configure($"wave={Home.CopyDriver("alsa")} device=nosuch");

        var result = Home.RunRaw(["--registry", Home.RegistryPath, "devices"], environment: new Dictionary<string, string> { ["ALSA_CONFIG_PATH"] = configuration });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("alsa wave driver: cannot open ALSA playback device 'nosuch': No such file or directory (ALSA: Unknown PCM nosuch)\n", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ALSA lib", result.Error, StringComparison.Ordinal);
    }

    private void Configure(params string[] entries) =>
        File.WriteAllText(Home.RegistryPath, "[Drivers32]\n" + string.Concat(entries.Select(entry => entry + "\n")));

    private string OutputFolder() => Directory.CreateDirectory(Home.PathOf("out")).FullName;

    private string WriteInput(WAVEFORMATEX format, byte[] samples)
    {
        var path = Home.PathOf($"in-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, WavFileBytes.Of(format, samples));
        return path;
    }

    private static byte[] Samples(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
