using System.Runtime.InteropServices;

namespace InstallableDrivers.Native;

/// <summary>
/// Off Windows, makes OpenDriver, SendDriverMessage, CloseDriver, GetDriverModuleHandle, DrvGetModuleHandle and
/// DriverCallback callable from native drivers: loads the host library built beside this assembly
/// (<c>libinstallable_drivers_host.so</c>, from Native/installable_drivers_host.c) with RTLD_GLOBAL, before any
/// driver, so that a driver's references to them resolve against it, and hands it these entry points.
/// </summary>
internal static unsafe class HostLibrary
{
    private static readonly Lock Sync = new();
    private static bool attached;

    /// <summary>Loads and attaches the host library once per process.</summary>
    /// <returns>Null when attached (or on Windows, where winmm serves drivers); otherwise why native drivers cannot call the host.</returns>
    public static string? Attach()
    {
        lock (Sync)
        {
            return attached || !OperatingSystem.IsLinux() ? null : Load();
        }
    }

    private static string? Load()
    {
        // The build copies it into the application's folder, beside InstallableDrivers.dll.
        var path = Path.Combine(AppContext.BaseDirectory, "libinstallable_drivers_host.so");
        if (!File.Exists(path))
        {
            return $"the host library '{path}' is missing: native drivers that call OpenDriver, SendDriverMessage, CloseDriver, GetDriverModuleHandle or DriverCallback will fail to resolve them";
        }

        // RTLD_GLOBAL is the point: NativeLibrary.Load keeps a library's symbols to itself.
        var library = DynamicLinker.Open(path, DynamicLinker.RTLD_NOW | DynamicLinker.RTLD_GLOBAL, out var error);
        if (library == 0 || !NativeLibrary.TryGetExport(library, "installable_drivers_host_attach", out var attach))
        {
            return $"the host library '{path}' could not be loaded ({error ?? "no installable_drivers_host_attach"})";
        }

        var entryPoints = new HostEntryPoints
        {
            Open = &Open,
            Close = &Close,
            Send = &Send,
            ModuleHandle = &ModuleHandle,
            Callback = &Callback,
        };
        ((delegate* unmanaged<HostEntryPoints*, void>)attach)(&entryPoints);
        attached = true;
        return null;
    }

    [UnmanagedCallersOnly]
    private static nint Open(char* name, char* section, nint lParam)
        => name == null ? 0 : HostCalls.Open(new string(name), section == null ? null : new string(section), lParam);

    [UnmanagedCallersOnly]
    private static nint Close(nint handle, nint lParam1, nint lParam2) => HostCalls.Close(handle, lParam1, lParam2);

    [UnmanagedCallersOnly]
    private static nint Send(nint handle, uint message, nint lParam1, nint lParam2) => HostCalls.Send(handle, message, lParam1, lParam2);

    [UnmanagedCallersOnly]
    private static nint ModuleHandle(nint handle) => HostCalls.ModuleHandle(handle);

    [UnmanagedCallersOnly]
    private static int Callback(nuint callback, uint flags, nint device, uint message, nuint user, nuint param1, nuint param2)
        => HostCalls.Callback(callback, flags, device, message, user, param1, param2) ? 1 : 0;
}
