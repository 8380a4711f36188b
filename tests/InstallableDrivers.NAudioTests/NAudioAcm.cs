using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Native;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// Points NAudio.WinMM's msacm32 imports at the msacm32 export library and the process's default driver manager at a
/// temporary registry naming the codecs we ship, once per process: DriverManager.Default reads
/// $INSTALLABLE_DRIVERS_REGISTRY when it is first used, and NAudio's imports resolve at its first ACM call.
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
        File.WriteAllText(registry, $"""
            [Drivers32]
            msacm.g711={Path.Combine(drivers, "g711.so")}
            msacm.imaadpcm={Path.Combine(drivers, "imaadpcm.so")}
            msacm.msadpcm={Path.Combine(drivers, "msadpcm.so")}
            """);
        Environment.SetEnvironmentVariable("INSTALLABLE_DRIVERS_REGISTRY", registry);

        // WinMM.RedirectImports (the winmm side's) is not on this branch yet: the resolver is set here for now.
        NativeLibrary.SetDllImportResolver(typeof(NAudio.Wave.Compression.AcmStream).Assembly, (name, _, _) =>
            name.Contains("msacm32", StringComparison.OrdinalIgnoreCase) ? MsAcm32Library.Load() : 0);
        return true;
    }
}
