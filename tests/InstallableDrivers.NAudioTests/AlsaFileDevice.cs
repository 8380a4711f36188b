using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// The ALSA wave driver we ship (drivers/alsa.so) as wave device <see cref="DeviceNumber"/> of the process's registry
/// for the life of one test, playing into ALSA's own <c>file</c> plugin over its <c>null</c> plugin, which takes samples
/// as fast as they come and writes every byte played to <see cref="PlayedFile"/> (anew at each open). Tests that use it
/// belong to <see cref="NAudioCollection"/>, whose tests run one at a time: they alone see the third device.
/// </summary>
internal sealed class AlsaFileDevice : IDisposable
{
    /// <summary>The device id: after the two WAV-file devices.</summary>
    public const int DeviceNumber = 2;

    private const string Alias = "wave2";
    private const string AlsaName = "naudiotest";

    /// <summary>One ALSA configuration per process: libasound reads $ALSA_CONFIG_PATH at each open.</summary>
    private static readonly Lazy<string> Folder = new(Configure);

    public AlsaFileDevice()
    {
        NAudioAcm.EnsureReady();
        File.Delete(PlayedFile);
        DriverManager.Default.Registry.SetValue(DriverRegistryLocation.DefaultSection, Alias,
            $"{Path.Combine(AppContext.BaseDirectory, "drivers", "alsa.so")} device={AlsaName}");
        WaveServices.Default.RefreshDevices();
    }

    /// <summary>The raw bytes the device was given since it was last opened.</summary>
    public string PlayedFile { get; } = Path.Combine(Folder.Value, "played.raw");

    public void Dispose()
    {
        DriverManager.Default.Registry.DeleteValue(DriverRegistryLocation.DefaultSection, Alias);
        WaveServices.Default.RefreshDevices();
    }

    private static string Configure()
    {
        var folder = Directory.CreateTempSubdirectory("naudio-alsa-").FullName;
        var configuration = Path.Combine(folder, "asound.conf");
        // It stands alone: the plugins are built into libasound and need none of ALSA's own alsa.conf.
        File.WriteAllText(configuration, $$"""
            pcm.{{AlsaName}} {
              type file
              slave.pcm { type null }
              format "raw"
              file "{{Path.Combine(folder, "played.raw")}}"
            }
            """);
        NativeEnvironment.Set("ALSA_CONFIG_PATH", configuration);
        return folder;
    }
}
