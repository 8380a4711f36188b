using System.Reflection;
using System.Runtime.Loader;
using InstallableDrivers.Multimedia.Native;

namespace InstallableDrivers.Multimedia;

/// <summary>Redirecting other code's P/Invoke imports of winmm and msacm32 to these services, and of kernel32 to the Win32 subset (docs/naudio.md).</summary>
public static partial class WinMM
{
    /// <summary>
    /// Makes <paramref name="assembly"/>'s P/Invoke imports of <c>winmm</c> and <c>msacm32</c> (any case, with or without
    /// <c>.dll</c>: NAudio writes <c>"winmm.dll"</c>, <c>"Msacm32.dll"</c> and <c>"msacm32.dll"</c>) resolve to this
    /// library's export libraries, which forward winmm's waveOut/waveIn functions to <see cref="WaveServices.Default"/>
    /// (and msacm32's functions to the Audio Compression Manager, when its export library
    /// <c>libinstallable_drivers_msacm32.so</c> is beside this assembly; without it they take the runtime's own search).
    /// Its <c>kernel32</c> imports resolve to the runtime's host library, whose Win32 subset has <c>LoadLibrary</c>,
    /// <c>GetProcAddress</c> and <c>FreeLibrary</c> (NAudio 2's <c>AcmDriver.AddLocalDriver</c> calls them, from
    /// NAudio.Core, so redirect that assembly too) and the other functions docs/sdk.md lists; any other kernel32 function
    /// the assembly imports then fails at its first call with <see cref="EntryPointNotFoundException"/> naming it, where
    /// it failed with <see cref="DllNotFoundException"/> before. Other imports of the assembly are left to the runtime.
    /// Calling it again for the same assembly does nothing. On Windows it sets the resolver but redirects nothing: the
    /// system's winmm, msacm32 and kernel32 serve the imports.
    /// </summary>
    /// <remarks>
    /// Call it before the assembly's first call into winmm or msacm32: the runtime binds each imported function at its
    /// first call and keeps that binding, so an import called earlier stays bound to whatever the runtime found then —
    /// on Linux and macOS nothing, so that call failed with <see cref="DllNotFoundException"/> and later calls fail the
    /// same way; on Windows the system's library. A missing export library surfaces at the first winmm call as a
    /// <see cref="DllNotFoundException"/> that names its path.
    /// </remarks>
    /// <param name="assembly">The assembly whose imports to redirect, e.g. <c>typeof(NAudio.Wave.WaveOutEvent).Assembly</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="assembly"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Other code already set a DllImport resolver for
    /// <paramref name="assembly"/> (.NET allows one per assembly); the message names the assembly.
    /// Use <see cref="RedirectImportsEverywhere"/> then, which works beside such a resolver if it declines winmm.</exception>
    public static void RedirectImports(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ImportRedirection.Redirect(assembly);
    }

    /// <summary>
    /// Redirects the <c>winmm</c>, <c>msacm32</c> and <c>kernel32</c> imports of every assembly of the process, those loaded later
    /// included, as <see cref="RedirectImports"/> does for one: it hooks
    /// <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/> of <see cref="AssemblyLoadContext.Default"/>, which the
    /// runtime raises only after its own search for a library failed (and after an assembly's own resolver declined).
    /// Calling it again does nothing.
    /// </summary>
    /// <remarks>
    /// Being a fallback, it redirects only where the system has no library of that name: on Linux and macOS, where there
    /// is no winmm, that is every such import; on Windows none. Imports already bound before the call stay as they are.
    /// </remarks>
    public static void RedirectImportsEverywhere() => ImportRedirection.RedirectEverywhere();
}
