using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// A codec driver that is a DriverProc function of the application's (acmDriverAdd with ACM_DRIVERADDF_FUNCTION) or of
/// this library (the PCM converter). No driver manager loads it, so the ACM sends the lifecycle messages itself, as
/// msacm32 does for such drivers: DRV_LOAD and DRV_ENABLE before the first instance opens, DRV_OPEN and DRV_CLOSE per
/// instance, DRV_DISABLE and DRV_FREE after the last one closes.
/// </summary>
internal sealed unsafe class FunctionAcmDriverSource(IDriverProc driverProc) : AcmDriverSource
{
    /// <summary>The hDriver values this source hands its instances; never 0 and never reused.</summary>
    private static long lastHandle;

    private readonly Lock gate = new();
    private int openInstances;

    /// <inheritdoc />
    public override AcmDriverConnection? Open(ACMDRVOPENDESC* description)
    {
        var handle = new HDRVR((nint)Interlocked.Increment(ref lastHandle));
        lock (gate)
        {
            if (openInstances == 0 && !Load(handle))
            {
                return null;
            }

            var driverId = driverProc.DriverProc(0, handle, DriverMessages.DRV_OPEN, 0, (nint)description);
            if (driverId == 0)
            {
                if (openInstances == 0)
                {
                    Free(handle);
                }

                return null;
            }

            openInstances++;
            return new Connection(this, (nuint)driverId, handle);
        }
    }

    private bool Load(HDRVR handle)
    {
        if (driverProc.DriverProc(0, handle, DriverMessages.DRV_LOAD, 0, 0) == 0)
        {
            return false;
        }

        driverProc.DriverProc(0, handle, DriverMessages.DRV_ENABLE, 0, 0);
        return true;
    }

    private void Free(HDRVR handle)
    {
        driverProc.DriverProc(0, handle, DriverMessages.DRV_DISABLE, 0, 0);
        driverProc.DriverProc(0, handle, DriverMessages.DRV_FREE, 0, 0);
    }

    private nint Send(nuint driverId, HDRVR handle, uint message, nint lParam1, nint lParam2) =>
        driverProc.DriverProc(driverId, handle, message, lParam1, lParam2);

    private void Close(nuint driverId, HDRVR handle)
    {
        lock (gate)
        {
            driverProc.DriverProc(driverId, handle, DriverMessages.DRV_CLOSE, 0, 0);
            if (--openInstances == 0)
            {
                Free(handle);
            }
        }
    }

    private sealed class Connection(FunctionAcmDriverSource source, nuint driverId, HDRVR handle) : AcmDriverConnection
    {
        public override nint Send(uint message, nint lParam1, nint lParam2) => source.Send(driverId, handle, message, lParam1, lParam2);

        public override void Close() => source.Close(driverId, handle);
    }
}
