namespace InstallableDrivers.Tests.Multimedia;

/// <summary>The mmsystem.h MMSYSERR_* values the codec tests expect (Windows' values).</summary>
internal static class MmResults
{
    public const long MMSYSERR_NOERROR = 0;
    public const long MMSYSERR_INVALHANDLE = 5;
    public const long MMSYSERR_NOTSUPPORTED = 8;
    public const long MMSYSERR_INVALFLAG = 10;
    public const long MMSYSERR_INVALPARAM = 11;
}
