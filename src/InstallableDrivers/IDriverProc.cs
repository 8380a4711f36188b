namespace InstallableDrivers;

/// <summary>
/// A .NET installable driver in its rawest form: the Win32 DriverProc contract exactly. Name the implementing type with
/// <see cref="InstallableDriverAttribute"/>; derive from <see cref="InstallableDriver{TInstance}"/> instead to have
/// each message arrive as a method call.
/// </summary>
public interface IDriverProc
{
    /// <summary>Handles one message, as a native driver's exported DriverProc does.</summary>
    /// <param name="driverId">The value this driver returned from DRV_OPEN for the instance; 0 for DRV_LOAD, DRV_ENABLE, DRV_OPEN, DRV_DISABLE, DRV_FREE.</param>
    /// <param name="hDriver">The instance handle.</param>
    /// <param name="message">The message number.</param>
    /// <param name="lParam1">The first message parameter.</param>
    /// <param name="lParam2">The second message parameter.</param>
    /// <returns>The message's result.</returns>
    nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2);
}
