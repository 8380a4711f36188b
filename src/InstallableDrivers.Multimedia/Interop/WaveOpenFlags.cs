namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// waveOutOpen/waveInOpen's flags (mmsystem.h), passed on to the driver as WODM_OPEN's dwParam2; the CALLBACK_* type
/// shares the flags (in the high word, see <see cref="DriverMessages.CALLBACK_FUNCTION"/>). Also the device id
/// <see cref="WAVE_MAPPER"/>.
/// </summary>
public static class WaveOpenFlags
{
    /// <summary>Only ask whether the device supports the format; nothing is opened.</summary>
    public const uint WAVE_FORMAT_QUERY = 0x0001;

    /// <summary>A synchronous device may be opened.</summary>
    public const uint WAVE_ALLOWSYNC = 0x0002;

    /// <summary>The device id names a device for the wave mapper to map to.</summary>
    public const uint WAVE_MAPPED = 0x0004;

    /// <summary>The device must take the format itself, without conversion by the ACM.</summary>
    public const uint WAVE_FORMAT_DIRECT = 0x0008;

    /// <summary><see cref="WAVE_FORMAT_QUERY"/> and <see cref="WAVE_FORMAT_DIRECT"/>.</summary>
    public const uint WAVE_FORMAT_DIRECT_QUERY = WAVE_FORMAT_QUERY | WAVE_FORMAT_DIRECT;

    /// <summary>The mapper should map to the default communication device.</summary>
    public const uint WAVE_MAPPED_DEFAULT_COMMUNICATION_DEVICE = 0x0010;

    /// <summary>The device id that asks for the wave mapper (<c>(UINT)-1</c>).</summary>
    public const uint WAVE_MAPPER = 0xFFFFFFFF;
}
