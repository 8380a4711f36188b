using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The header name of a result, for messages: mmsystem.h's (the <see cref="MMRESULT"/> names) or msacm.h's
/// ACMERR_* (<see cref="AcmErrors"/>; the ACM returns them, and so does the wave mapper when a conversion fails), else
/// the number.
/// </summary>
internal static class MmResultNames
{
    public static string Of(MMRESULT result) => (uint)result switch
    {
        AcmErrors.ACMERR_NOTPOSSIBLE => nameof(AcmErrors.ACMERR_NOTPOSSIBLE),
        AcmErrors.ACMERR_BUSY => nameof(AcmErrors.ACMERR_BUSY),
        AcmErrors.ACMERR_UNPREPARED => nameof(AcmErrors.ACMERR_UNPREPARED),
        AcmErrors.ACMERR_CANCELED => nameof(AcmErrors.ACMERR_CANCELED),
        _ => result.ToString(),
    };
}
