using InstallableDrivers.Dispatch;
using InstallableDrivers.Native;

namespace InstallableDrivers.Callbacks;

/// <summary>
/// Which manager <see cref="Drivers"/>' OpenDriver, SendDriverMessage, CloseDriver and GetDriverModuleHandle reach,
/// so that a .NET driver's calls go where a native driver's go (<see cref="HostCalls"/>), whichever manager runs it, in
/// process or in a host process (where <see cref="Forward"/> carries them to the application): OpenDriver from inside a
/// driver's message to the manager whose call runs the driver; a function that takes a handle to the manager that
/// issued it. Anything else (OpenDriver from application code or a thread of the driver's own, a handle no manager
/// issued) goes to <see cref="DriverManager.Default"/>.
/// </summary>
internal static class DriverHostCalls
{
    /// <summary>
    /// Where the calls go instead of this process's managers: set only inside a .NET driver host process, whose
    /// managers are in the application. Null in an application.
    /// </summary>
    internal static IHostCallForwarder? Forward { get; set; }

    public static HDRVR Open(string driverName, string? sectionName, nint lParam)
    {
        if (Forward is { } forward)
        {
            return new HDRVR(forward.Open(driverName, sectionName, lParam));
        }

        return (CallContext.CallingManager() ?? DriverManager.Default).OpenDriver(driverName, sectionName, lParam);
    }

    public static nint Close(HDRVR handle, nint lParam1, nint lParam2)
        => Forward is { } forward ? forward.Close(handle.Value, lParam1, lParam2) : ManagerOf(handle).CloseDriver(handle, lParam1, lParam2);

    public static nint Send(HDRVR handle, uint message, nint lParam1, nint lParam2)
        => Forward is { } forward ? forward.Send(handle.Value, message, lParam1, lParam2) : ManagerOf(handle).SendDriverMessage(handle, message, lParam1, lParam2);

    public static nint ModuleHandle(HDRVR handle)
        => Forward is { } forward ? forward.ModuleHandle(handle.Value) : ManagerOf(handle).GetDriverModuleHandle(handle);

    /// <summary>
    /// The manager that issued the handle; for a handle no manager issued, the one that refuses it and says so in its
    /// last error: the calling manager inside a driver's message, else the default manager.
    /// </summary>
    private static DriverManager ManagerOf(HDRVR handle)
        => HostCalls.OwnerOf(handle.Value) ?? CallContext.CallingManager() ?? DriverManager.Default;
}
