// NAudio on Linux: a WAV file (or a tone made here) played by NAudio's own WaveOut, unchanged, once its winmm imports
// are redirected to the services; then the same through InstallableDriversWaveOut, which needs no P/Invoke at all.
// Usage: NAudioOnLinux [file.wav]
using InstallableDrivers;
using WaveServices = InstallableDrivers.Multimedia.WaveServices;
using WinMM = InstallableDrivers.Multimedia.WinMM;
using InstallableDrivers.NAudio;
using InstallableDrivers.Registries;
using InstallableDrivers.Samples;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

// The wave drivers go into DriverManager.Default's registry. Unless the caller chose one, that is a registry of this run
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
if (SoundCard.MayBePresent())
{
    // WAVE_MAPPER takes device 0 first: the speakers, with the WAV file as the second device.
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave", $"{Path.Combine(drivers, "alsa.so")} device=default");
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave1", wavefile);
}
else
{
    Console.WriteLine("No sound card here: the WAV-file device (pace=fast) writes what is played into " + renders);
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave", wavefile);
}

WaveServices.Default.RefreshDevices();
var file = args.Length > 0 ? args[0] : null;

// 1. NAudio's WaveOut, unchanged: one call sends its winmm imports to the services.
WinMM.RedirectImports(typeof(WaveOut).Assembly);
using (var output = new WaveOut())
{
    Play("NAudio's WaveOut", output);
}

// 2. The same through InstallableDriversWaveOut, an IWavePlayer directly over the services.
using (var output = new InstallableDriversWaveOut())
{
    Play("InstallableDriversWaveOut", output);
}

foreach (var written in Directory.GetFiles(renders))
{
    Console.WriteLine($"The WAV-file device wrote {Path.GetFileName(written)} ({new FileInfo(written).Length} bytes).");
}

if (home is not null)
{
    Directory.Delete(home, recursive: true);
}

// Plays the file, or half a second of a 440 Hz tone, to its end (a device that fails says so on PlaybackStopped).
void Play(string name, IWavePlayer output)
{
    using var reader = file is null ? null : new WaveFileReader(file);
    var source = reader as IWaveProvider
        ?? new SignalGenerator(44100, 1) { Frequency = 440, Gain = 0.2 }.Take(TimeSpan.FromSeconds(0.5)).ToWaveProvider16();
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
