using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// An instance of a codec driver that runs in a host process (docs/acm.md, "Isolated codecs"): every message goes with
/// the instance's <see cref="AcmMessageCopier"/>, which carries what it points at across. When the host dies, the
/// message in flight and every later one answer MMSYSERR_NODRIVER, the instance's lasting copies are freed at once,
/// and <see cref="Crash"/> says how the host ended.
/// </summary>
internal sealed class IsolatedAcmDriverConnection(Driver driver, AcmMessageCopier copier) : AcmDriverConnection
{
    private DriverCrash? crash;

    /// <inheritdoc />
    public override DriverCrash? Crash => Volatile.Read(ref crash);

    /// <inheritdoc />
    public override nint Send(uint message, nint lParam1, nint lParam2)
    {
        if (Crash is not null)
        {
            return NoDriver;
        }

        try
        {
            using var scope = copier.Apply(driver.Handle);
            return driver.Send(message, lParam1, lParam2);
        }
        catch (DriverCrashedException e)
        {
            Volatile.Write(ref crash, e.Crash);
            copier.Release();
            return NoDriver;
        }
    }

    /// <inheritdoc />
    public override void Close()
    {
        copier.Release();
        driver.Dispose();
    }

    private static nint NoDriver => (nint)(uint)MMRESULT.MMSYSERR_NODRIVER;
}
