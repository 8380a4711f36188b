namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The <c>WAVECAPS_*</c> bits of <see cref="WAVEOUTCAPSW.dwSupport"/> (mmsystem.h).</summary>
public static class WaveCapsSupport
{
    /// <summary>Pitch control.</summary>
    public const uint WAVECAPS_PITCH = 0x0001;

    /// <summary>Playback-rate control.</summary>
    public const uint WAVECAPS_PLAYBACKRATE = 0x0002;

    /// <summary>Volume control.</summary>
    public const uint WAVECAPS_VOLUME = 0x0004;

    /// <summary>Separate left and right volume.</summary>
    public const uint WAVECAPS_LRVOLUME = 0x0008;

    /// <summary>The driver is synchronous: writing blocks until the buffer has played.</summary>
    public const uint WAVECAPS_SYNC = 0x0010;

    /// <summary>Positions are sample-accurate.</summary>
    public const uint WAVECAPS_SAMPLEACCURATE = 0x0020;
}
