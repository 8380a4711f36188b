using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// Points P/Invoke imports of <c>winmm</c> and <c>msacm32</c> at our export libraries, and of <c>kernel32</c> at the
/// host library's Win32 subset (LoadLibrary, GetProcAddress, FreeLibrary, ...): per assembly through its DllImport
/// resolver, or for the whole process through <see cref="AssemblyLoadContext.Default"/>'s fallback.
/// </summary>
internal static class ImportRedirection
{
    private static readonly Lock Sync = new();
    private static readonly HashSet<Assembly> Redirected = [];
    private static bool everywhere;

    /// <summary>The host library's file (src/InstallableDrivers/Native/installable_drivers_host.c and win32_subset.c).</summary>
    private const string HostLibraryFileName = "libinstallable_drivers_host.so";

    /// <summary>Sets <paramref name="assembly"/>'s DllImport resolver, once.</summary>
    /// <param name="assembly">The assembly whose imports to redirect.</param>
    /// <exception cref="InvalidOperationException">The assembly already has a resolver set by someone else.</exception>
    public static void Redirect(Assembly assembly)
    {
        lock (Sync)
        {
            if (Redirected.Contains(assembly))
            {
                return;
            }

            try
            {
                NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => Resolve(name));
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException(
                    $"The assembly '{assembly.FullName}' already has a DllImport resolver, set by other code; .NET allows one per assembly, so its winmm and msacm32 imports cannot be redirected. Resolve them in that resolver with WinMM.RedirectImportsEverywhere() instead, or do not set it.",
                    e);
            }

            Redirected.Add(assembly);
        }
    }

    /// <summary>Hooks the default load context's fallback for unmanaged libraries, once.</summary>
    public static void RedirectEverywhere()
    {
        lock (Sync)
        {
            if (!everywhere)
            {
                AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) => Resolve(name);
                everywhere = true;
            }
        }
    }

    /// <summary>
    /// Our library for a winmm, msacm32 or kernel32 import (any case, with or without <c>.dll</c>), else 0: the runtime's
    /// own search. A kernel32 function the host library does not have then fails with EntryPointNotFoundException
    /// naming it, rather than DllNotFoundException.
    /// </summary>
    /// <param name="libraryName">The name the import gives.</param>
    /// <returns>A library handle, or 0.</returns>
    public static nint Resolve(string libraryName)
    {
        var name = libraryName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? libraryName[..^4] : libraryName;
        if (OperatingSystem.IsWindows())
        {
            // The system's winmm and msacm32 serve Windows; the export libraries are built only elsewhere.
            return 0;
        }

        if (name.Equals("winmm", StringComparison.OrdinalIgnoreCase))
        {
            return WinMMExportLibrary.Load();
        }

        if (name.Equals("kernel32", StringComparison.OrdinalIgnoreCase))
        {
            // The host library the runtime loads for native drivers, beside InstallableDrivers.dll (NAudio 2's
            // AcmDriver.AddLocalDriver loads a codec with LoadLibrary). Without it the runtime's search fails as before.
            return NativeLibrary.TryLoad(Path.Combine(AppContext.BaseDirectory, HostLibraryFileName), out var host) ? host : 0;
        }

        // Without its export library beside this assembly, msacm32 is left to the runtime's search.
        return name.Equals("msacm32", StringComparison.OrdinalIgnoreCase) && File.Exists(MsAcm32Library.Path) ? MsAcm32Library.Load() : 0;
    }
}
