namespace InstallableDrivers.Multimedia;

/// <summary>
/// One open instance of a codec driver as the ACM talks to it (an HACMDRIVER's driver side): messages go to the
/// driver's DriverProc for that instance, and closing it ends the instance (DRV_CLOSE).
/// </summary>
internal abstract class AcmDriverConnection
{
    /// <summary>Sends one message to the instance, as SendDriverMessage does.</summary>
    public abstract nint Send(uint message, nint lParam1, nint lParam2);

    /// <summary>How the driver's host process ended, when the driver runs isolated and its host died; else null.</summary>
    public virtual DriverCrash? Crash => null;

    /// <summary>Closes the instance.</summary>
    public abstract void Close();
}
