using InstallableDrivers.Multimedia.Wave;

namespace InstallableDrivers.Multimedia;

/// <summary>What the idiomatic layer (<see cref="WaveDevices"/>) needs of the device catalog beyond the winmm functions.</summary>
public sealed partial class WaveServices
{
    /// <summary>The registry alias (<c>wave</c>, <c>wave1</c> …) of the driver of an output or input device; null for an id out of range.</summary>
    internal string? DriverAliasOf(bool output, uint deviceId)
    {
        var devices = Catalog.Devices(output ? WaveDirection.Output : WaveDirection.Input);
        return deviceId < devices.Count ? devices[(int)deviceId].Driver.Alias : null;
    }
}
