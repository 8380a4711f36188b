using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// The winmm export library built beside this assembly off Windows (<c>libinstallable_drivers_winmm.so</c>, from
/// Native/installable_drivers_winmm.c): loaded once per process and attached to <see cref="WinMMExportCalls"/> before anyone can
/// bind to it.
/// </summary>
internal static unsafe class WinMMExportLibrary
{
    /// <summary>The library's file name.</summary>
    public const string FileName = "libinstallable_drivers_winmm.so";

    private static readonly Lock Sync = new();
    private static nint handle;

    /// <summary>The library's path: the build copies it into the application's folder, beside this assembly.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>Loads and attaches the library once.</summary>
    /// <returns>Its handle.</returns>
    /// <exception cref="DllNotFoundException">The library is missing or does not load.</exception>
    /// <exception cref="EntryPointNotFoundException">It is not the winmm export library.</exception>
    public static nint Load()
    {
        lock (Sync)
        {
            if (handle != 0)
            {
                return handle;
            }

            if (!File.Exists(FilePath))
            {
                throw new DllNotFoundException($"The winmm export library '{FilePath}' is missing; it is built with InstallableDrivers.Multimedia off Windows and copied beside it.");
            }

            var library = NativeLibrary.Load(FilePath);
            var attach = NativeLibrary.GetExport(library, "installable_drivers_winmm_attach");
            var entryPoints = WinMMExportCalls.EntryPoints;
            ((delegate* unmanaged<WinMMEntryPoints*, void>)attach)(&entryPoints);
            handle = library;
            return handle;
        }
    }
}
