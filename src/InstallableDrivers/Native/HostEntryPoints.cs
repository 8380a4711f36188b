using System.Runtime.InteropServices;

namespace InstallableDrivers.Native;

/// <summary>
/// The C# twin of the host library's <c>installable_drivers_host</c> struct (installable_drivers_host.h): the managed
/// functions its exported Win32 functions forward to, in the header's order. HostEntryPointsLayoutTests checks the two agree.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct HostEntryPoints
{
    /// <summary>OpenDriver(name, section, lParam2).</summary>
    public delegate* unmanaged<char*, char*, nint, nint> Open;

    /// <summary>CloseDriver(hDriver, lParam1, lParam2).</summary>
    public delegate* unmanaged<nint, nint, nint, nint> Close;

    /// <summary>SendDriverMessage(hDriver, message, lParam1, lParam2).</summary>
    public delegate* unmanaged<nint, uint, nint, nint, nint> Send;

    /// <summary>GetDriverModuleHandle(hDriver).</summary>
    public delegate* unmanaged<nint, nint> ModuleHandle;

    /// <summary>DriverCallback(callback, flags, device, message, user, param1, param2).</summary>
    public delegate* unmanaged<nuint, uint, nint, uint, nuint, nuint, nuint, int> Callback;
}
