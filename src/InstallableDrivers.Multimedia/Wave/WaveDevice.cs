namespace InstallableDrivers.Multimedia.Wave;

/// <summary>One output or input device: a driver and the device's number within that driver.</summary>
internal sealed class WaveDevice(WaveDriver driver, WaveDirection direction, uint driverDeviceId)
{
    public WaveDriver Driver { get; } = driver;

    public WaveDirection Direction { get; } = direction;

    /// <summary>The id the driver knows the device by (its uDeviceID), from 0 within the driver.</summary>
    public uint DriverDeviceId { get; } = driverDeviceId;

    /// <summary>Sends a message to the device; <paramref name="user"/> is the stream's value, or 0 for none.</summary>
    public uint Message(uint message, nuint user, nuint param1, nuint param2) =>
        Driver.Message(Direction, DriverDeviceId, message, user, param1, param2);
}
