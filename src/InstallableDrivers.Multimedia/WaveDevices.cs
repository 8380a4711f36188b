using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>The wave devices of a <see cref="WaveServices"/> with their capabilities, as .NET records.</summary>
public static unsafe class WaveDevices
{
    /// <summary>Every output device, by id (waveOutGetNumDevs, waveOutGetDevCaps), with its driver's alias.</summary>
    /// <exception cref="MmException">waveOutGetDevCaps failed for a device.</exception>
    public static IReadOnlyList<WaveOutDevice> GetOutputDevices(this WaveServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var count = services.waveOutGetNumDevs();
        var devices = new List<WaveOutDevice>((int)count);
        for (var id = 0u; id < count; id++)
        {
            WAVEOUTCAPSW caps;
            MmException.ThrowIfFailed(services, services.waveOutGetDevCaps(id, &caps, (uint)sizeof(WAVEOUTCAPSW)), "waveOutGetDevCaps");
            devices.Add(new WaveOutDevice(id, caps.ProductName, services.DriverAliasOf(output: true, id) ?? "", caps.dwFormats,
                caps.wChannels, caps.dwSupport, caps.vDriverVersion));
        }

        return devices;
    }

    /// <summary>Every input device, by id (waveInGetNumDevs, waveInGetDevCaps), with its driver's alias.</summary>
    /// <exception cref="MmException">waveInGetDevCaps failed for a device.</exception>
    public static IReadOnlyList<WaveInDevice> GetInputDevices(this WaveServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var count = services.waveInGetNumDevs();
        var devices = new List<WaveInDevice>((int)count);
        for (var id = 0u; id < count; id++)
        {
            WAVEINCAPSW caps;
            MmException.ThrowIfFailed(services, services.waveInGetDevCaps(id, &caps, (uint)sizeof(WAVEINCAPSW)), "waveInGetDevCaps");
            devices.Add(new WaveInDevice(id, caps.ProductName, services.DriverAliasOf(output: false, id) ?? "", caps.dwFormats,
                caps.wChannels, caps.vDriverVersion));
        }

        return devices;
    }
}
