using System.Globalization;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// An Audio Compression Manager call failed: names the msacm32 function and the MMRESULT it returned, so that the
/// failure can be looked up in the function's documentation.
/// </summary>
public sealed class AcmException : Exception
{
    /// <summary>A failure of <paramref name="function"/> with <paramref name="result"/>, explained by <paramref name="detail"/>.</summary>
    /// <param name="function">The msacm32 function, such as "acmStreamOpen".</param>
    /// <param name="result">What it returned (an MMSYSERR_* or ACMERR_* value).</param>
    /// <param name="detail">What was asked, in words, or null.</param>
    public AcmException(string function, MMRESULT result, string? detail = null)
        : base(Describe(function, result, detail))
    {
        Function = function;
        Result = result;
    }

    /// <summary>The msacm32 function that failed.</summary>
    public string Function { get; }

    /// <summary>The result it returned.</summary>
    public MMRESULT Result { get; }

    /// <summary>The result's mmsystem.h or msacm.h name, such as "ACMERR_NOTPOSSIBLE", or its number.</summary>
    /// <param name="result">An MMRESULT.</param>
    public static string NameOf(MMRESULT result) => (uint)result switch
    {
        AcmErrors.ACMERR_NOTPOSSIBLE => nameof(AcmErrors.ACMERR_NOTPOSSIBLE),
        AcmErrors.ACMERR_BUSY => nameof(AcmErrors.ACMERR_BUSY),
        AcmErrors.ACMERR_UNPREPARED => nameof(AcmErrors.ACMERR_UNPREPARED),
        AcmErrors.ACMERR_CANCELED => nameof(AcmErrors.ACMERR_CANCELED),
        _ when Enum.IsDefined(result) => result.ToString(),
        _ => string.Create(CultureInfo.InvariantCulture, $"MMRESULT {(uint)result}"),
    };

    /// <summary>Throws unless <paramref name="result"/> is MMSYSERR_NOERROR.</summary>
    /// <param name="function">The msacm32 function that returned it.</param>
    /// <param name="result">Its result.</param>
    /// <param name="detail">What was asked, in words, or null.</param>
    internal static void ThrowIfFailed(string function, MMRESULT result, string? detail = null)
    {
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            throw new AcmException(function, result, detail);
        }
    }

    private static string Describe(string function, MMRESULT result, string? detail) => string.Create(CultureInfo.InvariantCulture,
        $"{function} returned {NameOf(result)} ({(uint)result}){(detail is null ? "" : ": " + detail)}.");
}
