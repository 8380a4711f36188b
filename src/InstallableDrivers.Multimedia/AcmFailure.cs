using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// How the .NET ACM layer reports a failed msacm call: an <see cref="MmException"/> naming the function and its MMRESULT
/// (msacm.h's name for an ACMERR_* result), and what was asked.
/// </summary>
internal static class AcmFailure
{
    /// <summary>The MMRESULT of ACMERR_NOTPOSSIBLE, the ACM's "no driver can do that".</summary>
    public const MMRESULT NotPossible = (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE;

    /// <summary>Throws unless <paramref name="result"/> is MMSYSERR_NOERROR.</summary>
    /// <param name="function">The msacm32 function that returned it, such as "acmStreamOpen".</param>
    /// <param name="result">Its result.</param>
    /// <param name="detail">What was asked, in words, or null. (msacm32 has no error-text function to ask.)</param>
    public static void ThrowIfFailed(string function, MMRESULT result, string? detail = null)
    {
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            throw Create(function, result, detail);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="result"/> is MMSYSERR_NOERROR; when the driver's host died (<paramref name="crash"/>),
    /// with the crash's reason and a <see cref="DriverCrashedException"/> as the inner exception.
    /// </summary>
    public static void ThrowIfFailed(string function, MMRESULT result, DriverCrash? crash)
    {
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            throw crash is null ? Create(function, result) : new MmException(function, result, crash.Reason, new DriverCrashedException(crash));
        }
    }

    /// <summary>The exception for <paramref name="function"/> failing with <paramref name="result"/>.</summary>
    public static MmException Create(string function, MMRESULT result, string? detail = null) =>
        new(function, result, detail ?? "");
}
