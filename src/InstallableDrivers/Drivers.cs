using InstallableDrivers.Callbacks;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers;

/// <summary>
/// The Win32 installable-driver functions as static methods, as mmiscapi.h declares them, over
/// <see cref="DriverManager.Default"/>; plus DefDriverProc and DriverCallback.
/// </summary>
/// <remarks>
/// A function that takes a handle goes to the manager that issued it (the default manager for a handle none issued).
/// OpenDriver called by a .NET driver from inside one of its messages goes to the manager that runs the driver, as a
/// native driver's does (docs/managed-drivers.md); from a driver running isolated, in a host process, these calls go
/// to those managers in the application.
/// </remarks>
public static class Drivers
{
    /// <inheritdoc cref="DriverManager.OpenDriver"/>
    public static HDRVR OpenDriver(string driverName, string? sectionName, nint lParam) => DriverHostCalls.Open(driverName, sectionName, lParam);

    /// <inheritdoc cref="DriverManager.SendDriverMessage"/>
    public static nint SendDriverMessage(HDRVR hDriver, uint message, nint lParam1, nint lParam2) => DriverHostCalls.Send(hDriver, message, lParam1, lParam2);

    /// <inheritdoc cref="DriverManager.CloseDriver"/>
    public static nint CloseDriver(HDRVR hDriver, nint lParam1, nint lParam2) => DriverHostCalls.Close(hDriver, lParam1, lParam2);

    /// <inheritdoc cref="DriverManager.GetDriverModuleHandle"/>
    public static nint GetDriverModuleHandle(HDRVR hDriver) => DriverHostCalls.ModuleHandle(hDriver);

    /// <inheritdoc cref="DriverManager.DrvGetModuleHandle"/>
    public static nint DrvGetModuleHandle(HDRVR hDriver) => DriverHostCalls.ModuleHandle(hDriver);

    /// <summary>
    /// The default answer to a message a driver does not handle (docs/contract.md#defdriverproc): 1 for DRV_LOAD, DRV_FREE, DRV_ENABLE,
    /// DRV_DISABLE, DRV_INSTALL and DRV_REMOVE; 0 for everything else. It shows no dialog.
    /// </summary>
    /// <param name="driverId">The driver id (unused, as in Win32).</param>
    /// <param name="hDriver">The instance (unused).</param>
    /// <param name="message">The message.</param>
    /// <param name="lParam1">The first message parameter (unused).</param>
    /// <param name="lParam2">The second message parameter (unused).</param>
    /// <returns>The default result.</returns>
    public static nint DefDriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2) => message switch
    {
        DRV_LOAD or DRV_FREE or DRV_ENABLE or DRV_DISABLE or DRV_INSTALL or DRV_REMOVE => 1,
        _ => 0,
    };

    /// <summary>
    /// Notifies a driver's client (docs/contract.md#defdriverproc). DCB_FUNCTION calls
    /// <c>void (HDRVR, UINT msg, DWORD_PTR user, DWORD_PTR p1, DWORD_PTR p2)</c> at <paramref name="callback"/>;
    /// DCB_EVENT signals the event registered under <paramref name="callback"/> with <see cref="DriverCallbackEvents"/>;
    /// DCB_WINDOW and DCB_TASK post (message, device, param1) to a window or thread queue on Windows and return false
    /// elsewhere, where there is none.
    /// </summary>
    /// <param name="callback">The callback: a function pointer, an event value, a window handle or a thread id.</param>
    /// <param name="flags">DCB_* type in the low bits; DCB_NOSWITCH is ignored.</param>
    /// <param name="device">The device handle passed to the callback.</param>
    /// <param name="message">The message passed to the callback.</param>
    /// <param name="user">The client's own value.</param>
    /// <param name="param1">The first message parameter.</param>
    /// <param name="param2">The second message parameter.</param>
    /// <returns>False when <paramref name="callback"/> is 0, the type is DCB_NULL or the callback could not be made.</returns>
    public static bool DriverCallback(nuint callback, uint flags, HDRVR device, uint message, nuint user, nuint param1, nuint param2)
        => DriverCallbackDispatcher.Invoke(callback, flags, device, message, user, param1, param2);
}
