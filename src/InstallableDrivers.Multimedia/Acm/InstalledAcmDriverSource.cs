using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>A codec driver listed in the registry (<c>[Drivers32] msacm.NAME=FILE</c>), opened through the driver manager.</summary>
internal sealed unsafe class InstalledAcmDriverSource(DriverManager manager, string alias) : AcmDriverSource
{
    /// <inheritdoc />
    public override AcmDriverConnection? Open(ACMDRVOPENDESC* description)
    {
        var handle = manager.OpenDriver(alias, AcmServices.DriversSection, (nint)description);
        return handle.IsNull ? null : new Connection(manager, handle);
    }

    private sealed class Connection(DriverManager manager, HDRVR handle) : AcmDriverConnection
    {
        public override nint Send(uint message, nint lParam1, nint lParam2) => manager.SendDriverMessage(handle, message, lParam1, lParam2);

        public override void Close() => manager.CloseDriver(handle, 0, 0);
    }
}
