using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// The msacm32 export library (<c>libinstallable_drivers_msacm32.so</c>, from Native/installable_drivers_msacm32.c),
/// built beside this assembly: msacm32's functions under their C names, forwarding to <see cref="MsAcm"/>. A program's
/// msacm32 imports resolve to the handle this loads; loading also hands the library its managed entry points, without
/// which every function answers MMSYSERR_ERROR.
/// </summary>
internal static unsafe class MsAcm32Library
{
    /// <summary>The library's file name.</summary>
    public const string FileName = "libinstallable_drivers_msacm32.so";

    private static readonly Lock Sync = new();
    private static nint handle;

    /// <summary>The library's path: the build copies it into the application's folder, beside InstallableDrivers.Multimedia.dll.</summary>
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary>
    /// Loads and attaches the library once per process and returns its handle. <see cref="AcmServices.Default"/>, which
    /// the exports forward to, is created first: a registry that cannot be located (a relative
    /// $INSTALLABLE_DRIVERS_REGISTRY, say) fails here, in managed code, as an exception to whoever binds an msacm32
    /// import, and never inside an export, from where nothing may unwind into the native caller.
    /// </summary>
    /// <returns>The handle NativeLibrary.Load returned.</returns>
    /// <exception cref="DllNotFoundException">The library is missing or does not load (it is built off Windows only).</exception>
    /// <exception cref="InvalidOperationException">DriverManager.Default cannot be created: its registry's location is not valid.</exception>
    public static nint Load()
    {
        lock (Sync)
        {
            if (handle == 0)
            {
                _ = AcmServices.Default;
                handle = LoadFrom(Path);
            }

            return handle;
        }
    }

    /// <summary>Loads the library at <paramref name="path"/> and hands it the entry points.</summary>
    /// <param name="path">The library file.</param>
    /// <returns>The handle NativeLibrary.Load returned.</returns>
    /// <exception cref="DllNotFoundException">The file is missing, does not load, or is not the msacm32 export library
    /// (which it then unloads again).</exception>
    internal static nint LoadFrom(string path)
    {
        if (!File.Exists(path))
        {
            throw new DllNotFoundException($"The msacm32 export library '{path}' is missing: it is built with InstallableDrivers.Multimedia off Windows.");
        }

        var library = NativeLibrary.Load(path);
        if (!NativeLibrary.TryGetExport(library, "installable_drivers_msacm32_attach", out var attach))
        {
            NativeLibrary.Free(library);
            throw new DllNotFoundException($"'{path}' is not the msacm32 export library: it has no installable_drivers_msacm32_attach.");
        }

        var entryPoints = MsAcm32Exports.EntryPoints;
        ((delegate* unmanaged<MsAcm32EntryPoints*, void>)attach)(&entryPoints);
        return library;
    }
}
