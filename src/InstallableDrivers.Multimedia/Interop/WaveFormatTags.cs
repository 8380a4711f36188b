namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// Registered format tags (mmsystem.h's PCM, mmreg.h's others): the <see cref="WAVEFORMATEX.wFormatTag"/> of the formats
/// this library's wave services, codecs and ACM know.
/// </summary>
public static class WaveFormatTags
{
    /// <summary>No format; in ACM_FORMATTAGDETAILSF_LARGESTSIZE, any tag.</summary>
    public const ushort WAVE_FORMAT_UNKNOWN = 0x0000;

    /// <summary>Integer PCM.</summary>
    public const ushort WAVE_FORMAT_PCM = 0x0001;

    /// <summary>Microsoft ADPCM.</summary>
    public const ushort WAVE_FORMAT_ADPCM = 0x0002;

    /// <summary>IEEE floating-point PCM.</summary>
    public const ushort WAVE_FORMAT_IEEE_FLOAT = 0x0003;

    /// <summary>ITU-T G.711 A-law.</summary>
    public const ushort WAVE_FORMAT_ALAW = 0x0006;

    /// <summary>ITU-T G.711 µ-law.</summary>
    public const ushort WAVE_FORMAT_MULAW = 0x0007;

    /// <summary>IMA (DVI) ADPCM, under its DVI name.</summary>
    public const ushort WAVE_FORMAT_DVI_ADPCM = 0x0011;

    /// <summary>IMA ADPCM.</summary>
    public const ushort WAVE_FORMAT_IMA_ADPCM = 0x0011;

    /// <summary>ETSI GSM 06.10 full-rate speech.</summary>
    public const ushort WAVE_FORMAT_GSM610 = 0x0031;

    /// <summary>MPEG-1 audio layers 1 and 2.</summary>
    public const ushort WAVE_FORMAT_MPEG = 0x0050;

    /// <summary>MPEG-1 audio layer 3.</summary>
    public const ushort WAVE_FORMAT_MPEGLAYER3 = 0x0055;

    /// <summary>WAVEFORMATEXTENSIBLE: the format is its SubFormat GUID.</summary>
    public const ushort WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    /// <summary>A codec in development, before its tag is registered.</summary>
    public const ushort WAVE_FORMAT_DEVELOPMENT = 0xFFFF;
}
