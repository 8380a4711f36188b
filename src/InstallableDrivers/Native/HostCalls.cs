using InstallableDrivers.Dispatch;

namespace InstallableDrivers.Native;

/// <summary>
/// What a native driver's calls back into its host do: OpenDriver, CloseDriver, SendDriverMessage,
/// GetDriverModuleHandle and DriverCallback, routed to the right manager. The host library (<see cref="HostLibrary"/>)
/// calls these for a driver in this process, and an isolated module's channel for a driver in a host process
/// (Isolation/HostRequests), on the thread that waits for the call the driver makes them from. None of them throws.
/// </summary>
internal static class HostCalls
{
    /// <summary>OpenDriver: goes to the manager whose driver made the call; 0 outside any call (a driver's own thread).</summary>
    public static nint Open(string name, string? section, nint lParam)
    {
        var manager = CallContext.CallingManager();
        if (manager is null)
        {
            return 0;
        }

        try
        {
            return manager.OpenDriver(name, section, lParam).Value;
        }
        catch (ObjectDisposedException)
        {
            // An exception must not unwind into native code: a disposed manager opens nothing.
            return 0;
        }
    }

    /// <summary>CloseDriver, by the manager that issued the handle.</summary>
    public static nint Close(nint handle, nint lParam1, nint lParam2) => OwnerOf(handle)?.CloseDriver(new HDRVR(handle), lParam1, lParam2) ?? 0;

    /// <summary>SendDriverMessage, by the manager that issued the handle.</summary>
    public static nint Send(nint handle, uint message, nint lParam1, nint lParam2)
        => OwnerOf(handle)?.SendDriverMessage(new HDRVR(handle), message, lParam1, lParam2) ?? 0;

    /// <summary>GetDriverModuleHandle, by the manager that issued the handle.</summary>
    public static nint ModuleHandle(nint handle) => OwnerOf(handle)?.GetDriverModuleHandle(new HDRVR(handle)) ?? 0;

    /// <summary>DriverCallback.</summary>
    public static bool Callback(nuint callback, uint flags, nint device, uint message, nuint user, nuint param1, nuint param2)
        => Drivers.DriverCallback(callback, flags, new HDRVR(device), message, user, param1, param2);

    /// <summary>The manager that issued a handle, or null. Handles are not shared between managers.</summary>
    public static DriverManager? OwnerOf(nint handle) => ManagerDirectory.OwnerOf(handle);
}
