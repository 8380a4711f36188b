namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// The standard-format bits of <see cref="WAVEOUTCAPSW.dwFormats"/> and <see cref="WAVEINCAPSW.dwFormats"/>
/// (mmsystem.h <c>WAVE_FORMAT_1M08</c> ...): rate 1 = 11.025 kHz, 2 = 22.05 kHz, 4 and 44 = 44.1 kHz, 48, 96 kHz;
/// M mono, S stereo; 08 or 16 bits.
/// </summary>
public static class WaveCapsFormats
{
    /// <summary>No format.</summary>
    public const uint WAVE_INVALIDFORMAT = 0x00000000;

    /// <summary>11.025 kHz, mono, 8-bit.</summary>
    public const uint WAVE_FORMAT_1M08 = 0x00000001;

    /// <summary>11.025 kHz, stereo, 8-bit.</summary>
    public const uint WAVE_FORMAT_1S08 = 0x00000002;

    /// <summary>11.025 kHz, mono, 16-bit.</summary>
    public const uint WAVE_FORMAT_1M16 = 0x00000004;

    /// <summary>11.025 kHz, stereo, 16-bit.</summary>
    public const uint WAVE_FORMAT_1S16 = 0x00000008;

    /// <summary>22.05 kHz, mono, 8-bit.</summary>
    public const uint WAVE_FORMAT_2M08 = 0x00000010;

    /// <summary>22.05 kHz, stereo, 8-bit.</summary>
    public const uint WAVE_FORMAT_2S08 = 0x00000020;

    /// <summary>22.05 kHz, mono, 16-bit.</summary>
    public const uint WAVE_FORMAT_2M16 = 0x00000040;

    /// <summary>22.05 kHz, stereo, 16-bit.</summary>
    public const uint WAVE_FORMAT_2S16 = 0x00000080;

    /// <summary>44.1 kHz, mono, 8-bit.</summary>
    public const uint WAVE_FORMAT_4M08 = 0x00000100;

    /// <summary>44.1 kHz, mono, 8-bit (the same bit as <see cref="WAVE_FORMAT_4M08"/>).</summary>
    public const uint WAVE_FORMAT_44M08 = 0x00000100;

    /// <summary>44.1 kHz, stereo, 8-bit.</summary>
    public const uint WAVE_FORMAT_4S08 = 0x00000200;

    /// <summary>44.1 kHz, stereo, 8-bit (the same bit as <see cref="WAVE_FORMAT_4S08"/>).</summary>
    public const uint WAVE_FORMAT_44S08 = 0x00000200;

    /// <summary>44.1 kHz, mono, 16-bit.</summary>
    public const uint WAVE_FORMAT_4M16 = 0x00000400;

    /// <summary>44.1 kHz, mono, 16-bit (the same bit as <see cref="WAVE_FORMAT_4M16"/>).</summary>
    public const uint WAVE_FORMAT_44M16 = 0x00000400;

    /// <summary>44.1 kHz, stereo, 16-bit.</summary>
    public const uint WAVE_FORMAT_4S16 = 0x00000800;

    /// <summary>44.1 kHz, stereo, 16-bit (the same bit as <see cref="WAVE_FORMAT_4S16"/>).</summary>
    public const uint WAVE_FORMAT_44S16 = 0x00000800;

    /// <summary>48 kHz, mono, 8-bit.</summary>
    public const uint WAVE_FORMAT_48M08 = 0x00001000;

    /// <summary>48 kHz, stereo, 8-bit.</summary>
    public const uint WAVE_FORMAT_48S08 = 0x00002000;

    /// <summary>48 kHz, mono, 16-bit.</summary>
    public const uint WAVE_FORMAT_48M16 = 0x00004000;

    /// <summary>48 kHz, stereo, 16-bit.</summary>
    public const uint WAVE_FORMAT_48S16 = 0x00008000;

    /// <summary>96 kHz, mono, 8-bit.</summary>
    public const uint WAVE_FORMAT_96M08 = 0x00010000;

    /// <summary>96 kHz, stereo, 8-bit.</summary>
    public const uint WAVE_FORMAT_96S08 = 0x00020000;

    /// <summary>96 kHz, mono, 16-bit.</summary>
    public const uint WAVE_FORMAT_96M16 = 0x00040000;

    /// <summary>96 kHz, stereo, 16-bit.</summary>
    public const uint WAVE_FORMAT_96S16 = 0x00080000;
}
