// NAudio on Linux: a WAV and an MP3 played by NAudio's own WaveOut, unchanged, once its winmm and msacm32 imports are
// redirected to the services (NAudio's Mp3FileReader decodes each MP3 frame through the ACM, here our MP3 codec over
// libmpg123); then the WAV again through InstallableDriversWaveOut, which needs no P/Invoke at all.
// Usage: NAudioOnLinux [--alsa DEVICE] [file.wav|file.mp3]...
//   With no file it plays half a second of a tone (a WAV made here) and chord.mp3 (built into the sample).
//   --alsa DEVICE plays to that ALSA device (a name from ~/.asoundrc, say); without it, to ALSA's "default" where a
//   sound card may exist, else into the WAV-file device.
using InstallableDrivers;
using WaveServices = InstallableDrivers.Multimedia.WaveServices;
using WinMM = InstallableDrivers.Multimedia.WinMM;
using InstallableDrivers.NAudio;
using InstallableDrivers.Registries;
using InstallableDrivers.Samples;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

var alsaDevice = args.Length >= 2 && args[0] == "--alsa" ? args[1] : null;
var files = alsaDevice is null ? args : args[2..];

// The drivers go into DriverManager.Default's registry. Unless the caller chose one, that is a registry of this run
// (the user's own is left alone), set before DriverManager.Default is first used.
string? home = null;
if (Environment.GetEnvironmentVariable(DriverRegistryLocation.EnvironmentVariable) is null)
{
    home = Directory.CreateTempSubdirectory("naudio-on-linux-").FullName;
    Environment.SetEnvironmentVariable(DriverRegistryLocation.EnvironmentVariable, Path.Combine(home, "system.ini"));
}

// The WAV-file device writes what it plays beside the registry.
var renders = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(DriverRegistryLocation.DefaultFilePath)!, "naudio-on-linux-renders")).FullName;
var drivers = Path.Combine(AppContext.BaseDirectory, "drivers");
var registry = DriverManager.Default.Registry;
var wavefile = $"{Path.Combine(drivers, "wavefile.so")} out={renders} pace=fast";
alsaDevice ??= SoundCard.MayBePresent() ? "default" : null;
if (alsaDevice is not null)
{
    // WAVE_MAPPER takes device 0 first: ALSA, with the WAV file as the second device.
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave", $"{Path.Combine(drivers, "alsa.so")} device={alsaDevice}");
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave1", wavefile);
}
else
{
    Console.WriteLine("No sound card here: the WAV-file device (pace=fast) writes what is played into " + renders);
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave", wavefile);
}

// The MP3 codec we ship (over libmpg123), which NAudio's MP3 decompressor finds through acmStreamOpen.
registry.SetValue(DriverRegistryLocation.DefaultSection, "msacm.mp3", Path.Combine(drivers, "mp3.so"));
WaveServices.Default.RefreshDevices();

// 1. NAudio's WaveOut, unchanged: one call sends NAudio.WinMM's winmm and msacm32 imports to the services.
WinMM.RedirectImports(typeof(WaveOut).Assembly);
foreach (var (name, open) in Sources())
{
    using var output = new WaveOut();
    Play($"NAudio's WaveOut, {name}", output, open);
}

// 2. The WAV again through InstallableDriversWaveOut, an IWavePlayer directly over the services.
foreach (var (name, open) in Sources().Where(source => !IsMp3(source.Name)))
{
    using var output = new InstallableDriversWaveOut();
    Play($"InstallableDriversWaveOut, {name}", output, open);
}

foreach (var written in Directory.GetFiles(renders))
{
    Console.WriteLine($"The WAV-file device wrote {Path.GetFileName(written)} ({new FileInfo(written).Length} bytes).");
}

if (home is not null)
{
    Directory.Delete(home, recursive: true);
}

// What to play: the files given, else a tone as a WAV and the MP3 built into the sample.
IEnumerable<(string Name, Func<WaveStream> Open)> Sources()
{
    if (files.Length > 0)
    {
        return files.Select(file => (Path.GetFileName(file), (Func<WaveStream>)(() => IsMp3(file) ? new Mp3FileReader(file) : new WaveFileReader(file))));
    }

    return
    [
        ("tone.wav", () => new WaveFileReader(ToneWav())),
        ("chord.mp3", () => new Mp3FileReader(typeof(Program).Assembly.GetManifestResourceStream("chord.mp3")!)),
    ];
}

static bool IsMp3(string name) => name.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase);

// Half a second of a 440 Hz tone, 16-bit mono at 22.05 kHz, as the bytes of a WAV file.
static MemoryStream ToneWav()
{
    var tone = new SignalGenerator(22050, 1) { Frequency = 440, Gain = 0.2 }.Take(TimeSpan.FromSeconds(0.5)).ToWaveProvider16();
    var wav = new MemoryStream();
    WaveFileWriter.WriteWavFileToStream(wav, tone);
    wav.Position = 0;
    return wav;
}

// Plays a source to its end (a device that fails says so on PlaybackStopped).
static void Play(string name, IWavePlayer output, Func<WaveStream> open)
{
    using var source = open();
    using var stopped = new ManualResetEventSlim();
    Exception? failure = null;
    output.PlaybackStopped += (_, e) =>
    {
        failure = e.Exception;
        stopped.Set();
    };
    try
    {
        output.Init(source);
    }
    catch (Exception e) when (e is NAudio.MmException or InstallableDrivers.Multimedia.MmException)
    {
        // The device did not open (a sound card that is busy, say): say so and go on.
        Console.WriteLine($"{name}: {e.Message}");
        return;
    }

    output.Play();
    stopped.Wait();
    Console.WriteLine(failure is null ? $"{name}: played {source.WaveFormat}." : $"{name}: {failure.Message}");
}
