namespace InstallableDrivers.Multimedia.Interop;

/// <summary>Format tags of <see cref="WAVEFORMATEX.wFormatTag"/>: mmsystem.h's PCM and mmreg.h's IEEE float.</summary>
public static class WaveFormatTags
{
    /// <summary>Integer PCM (mmsystem.h).</summary>
    public const ushort WAVE_FORMAT_PCM = 0x0001;

    /// <summary>32- or 64-bit IEEE floating-point samples (mmreg.h).</summary>
    public const ushort WAVE_FORMAT_IEEE_FLOAT = 0x0003;
}
