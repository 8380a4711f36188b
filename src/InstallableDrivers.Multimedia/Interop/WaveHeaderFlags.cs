namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The <c>WHDR_*</c> flags of <see cref="WAVEHDR.dwFlags"/> (mmsystem.h).</summary>
public static class WaveHeaderFlags
{
    /// <summary>The driver is finished with the buffer and has returned it.</summary>
    public const uint WHDR_DONE = 0x00000001;

    /// <summary>The buffer is prepared (waveOutPrepareHeader / waveInPrepareHeader).</summary>
    public const uint WHDR_PREPARED = 0x00000002;

    /// <summary>The first buffer of a loop; its dwLoops says how many passes.</summary>
    public const uint WHDR_BEGINLOOP = 0x00000004;

    /// <summary>The last buffer of a loop.</summary>
    public const uint WHDR_ENDLOOP = 0x00000008;

    /// <summary>The buffer is queued on a device.</summary>
    public const uint WHDR_INQUEUE = 0x00000010;
}
