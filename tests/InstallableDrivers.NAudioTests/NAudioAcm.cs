using System.Reflection;
using InstallableDrivers.Multimedia;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// Points NAudio.WinMM's winmm and msacm32 imports at the export libraries and the process's default driver manager at
/// a temporary registry naming the codecs we ship and the WAV-file devices (<see cref="WaveFileDevices"/>), once per
/// process: DriverManager.Default reads $INSTALLABLE_DRIVERS_REGISTRY when it is first used, and NAudio's imports
/// resolve at their first call.
/// </summary>
internal static class NAudioAcm
{
    /// <summary>
    /// The collection every test of the process-wide ACM belongs to: one test adds and removes local drivers, which
    /// every search sees first, so they run one at a time.
    /// </summary>
    public const string Collection = "The process-wide ACM";

    private static readonly Lazy<bool> Ready = new(Prepare);

    /// <summary>Makes sure the registry and the import redirection are in place.</summary>
    public static void EnsureReady() => _ = Ready.Value;

    private static bool Prepare()
    {
        var drivers = Path.Combine(AppContext.BaseDirectory, "drivers");
        var directory = Directory.CreateTempSubdirectory("naudio-acm-");
        var registry = Path.Combine(directory.FullName, "system.ini");
        File.WriteAllLines(registry,
        [
            "[Drivers32]",
            $"msacm.g711={Path.Combine(drivers, "g711.so")}",
            $"msacm.imaadpcm={Path.Combine(drivers, "imaadpcm.so")}",
            $"msacm.msadpcm={Path.Combine(drivers, "msadpcm.so")}",
            $"msacm.mp3={Path.Combine(drivers, "mp3.so")}",
            .. WaveFileDevices.Install(directory.FullName),
        ]);
        Environment.SetEnvironmentVariable("INSTALLABLE_DRIVERS_REGISTRY", registry);

        // NAudio.WinMM holds NAudio's wave, mixer and msacm32 imports in 2.x and 3.x alike (its classes moved between
        // assemblies); the MIDI imports are NAudio.Midi's in 2.x, NAudio.WinMM's in 3.x.
        WinMM.RedirectImports(Assembly.Load("NAudio.WinMM"));
        WinMM.RedirectImports(Assembly.Load("NAudio.Midi"));
        return true;
    }
}
