namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The <c>TIME_*</c> types of <see cref="MMTIME.wType"/> (mmsystem.h).</summary>
public static class TimeFormats
{
    /// <summary>Milliseconds (<see cref="MMTIME.ms"/>).</summary>
    public const uint TIME_MS = 0x0001;

    /// <summary>Sample frames (<see cref="MMTIME.sample"/>).</summary>
    public const uint TIME_SAMPLES = 0x0002;

    /// <summary>Bytes since the stream began or was reset (<see cref="MMTIME.cb"/>).</summary>
    public const uint TIME_BYTES = 0x0004;

    /// <summary>SMPTE time.</summary>
    public const uint TIME_SMPTE = 0x0008;

    /// <summary>MIDI song pointer (<see cref="MMTIME.songptrpos"/>).</summary>
    public const uint TIME_MIDI = 0x0010;

    /// <summary>Ticks of a MIDI stream (<see cref="MMTIME.ticks"/>).</summary>
    public const uint TIME_TICKS = 0x0020;
}
