using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// A codec driver listed in the registry (<c>[Drivers32] msacm.NAME=FILE</c>), opened through the driver manager. One
/// that runs isolated (<see cref="DriverTarget.Isolated"/>) gets its messages through an <see cref="AcmMessageCopier"/>.
/// </summary>
internal sealed unsafe class InstalledAcmDriverSource(DriverManager manager, string alias) : AcmDriverSource
{
    /// <inheritdoc />
    public override AcmDriverConnection? Open(ACMDRVOPENDESC* description)
    {
        if (IsolatedFile() is { } file)
        {
            var copier = new AcmMessageCopier();
            try
            {
                using var scope = copier.ApplyToOpen(file);
                return new IsolatedAcmDriverConnection(manager.Open(alias, AcmServices.DriversSection, (nint)description), copier);
            }
            catch (DriverOpenException)
            {
                return null; // the reason is in DriverManager.LastError, as for OpenDriver
            }
        }

        var handle = manager.OpenDriver(alias, AcmServices.DriversSection, (nint)description);
        return handle.IsNull ? null : new Connection(manager, handle);
    }

    /// <summary>The driver file when an open of the alias would run isolated; null when in process, or when the open would fail anyway.</summary>
    private string? IsolatedFile()
    {
        try
        {
            var target = manager.Resolve(alias, AcmServices.DriversSection);
            return target.Isolated ? target.FilePath : null;
        }
        catch (DriverOpenException)
        {
            return null;
        }
    }

    private sealed class Connection(DriverManager manager, HDRVR handle) : AcmDriverConnection
    {
        public override nint Send(uint message, nint lParam1, nint lParam2) => manager.SendDriverMessage(handle, message, lParam1, lParam2);

        public override void Close() => manager.CloseDriver(handle, 0, 0);
    }
}
