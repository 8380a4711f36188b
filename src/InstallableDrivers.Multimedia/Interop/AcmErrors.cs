namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The ACM's own results (msacm.h ACMERR_*), after the MMSYSERR_* ones.</summary>
public static class AcmErrors
{
    /// <summary>The first ACM result.</summary>
    public const uint ACMERR_BASE = 512;

    /// <summary>The driver cannot do the conversion, or has no answer to the query.</summary>
    public const uint ACMERR_NOTPOSSIBLE = ACMERR_BASE + 0;

    /// <summary>The stream or driver is busy.</summary>
    public const uint ACMERR_BUSY = ACMERR_BASE + 1;

    /// <summary>A stream header was not prepared.</summary>
    public const uint ACMERR_UNPREPARED = ACMERR_BASE + 2;

    /// <summary>The operation was cancelled.</summary>
    public const uint ACMERR_CANCELED = ACMERR_BASE + 3;
}
