namespace InstallableDrivers.Multimedia;

/// <summary>An open codec driver instance (an HACMDRIVER) and the streams open on it.</summary>
internal sealed class AcmDriverInstance(AcmDriverId driverId, AcmDriverConnection connection)
{
    /// <summary>The handle applications see; 0 for an instance the ACM opened for one stream and never handed out.</summary>
    public nint Handle { get; set; }

    public AcmDriverId DriverId { get; } = driverId;

    public AcmDriverConnection Connection { get; } = connection;

    /// <summary>How many streams are open on this instance.</summary>
    public int OpenStreams { get; set; }

    public nint Send(uint message, nint lParam1, nint lParam2) => Connection.Send(message, lParam1, lParam2);
}
