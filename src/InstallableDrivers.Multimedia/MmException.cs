using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// A multimedia call failed: the exception names the call and its <see cref="MMRESULT"/>, with the text the services
/// give for it (for example "waveOutOpen failed: WAVERR_BADFORMAT (32): ..."; an ACM result by its msacm.h name,
/// "acmStreamOpen failed: ACMERR_NOTPOSSIBLE (512): ...").
/// </summary>
public sealed class MmException : Exception
{
    /// <summary>A failure of an unnamed call with an unspecified error.</summary>
    public MmException()
        : this("A multimedia call failed.")
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, with an unspecified error.</summary>
    public MmException(string message)
        : this(message, null)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public MmException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Result = MMRESULT.MMSYSERR_ERROR;
        Function = "";
    }

    /// <summary>The failure of <paramref name="function"/> with <paramref name="result"/>, described by <paramref name="errorText"/>.</summary>
    public MmException(string function, MMRESULT result, string errorText)
        : base($"{function} failed: {MmResultNames.Of(result)} ({(uint)result}){(errorText.Length > 0 ? ": " + errorText : "")}")
    {
        Result = result;
        Function = function;
    }

    /// <summary>As the public constructor, caused by <paramref name="innerException"/> (a <see cref="DriverCrashedException"/> for a driver whose host died).</summary>
    internal MmException(string function, MMRESULT result, string errorText, Exception? innerException)
        : base($"{function} failed: {MmResultNames.Of(result)} ({(uint)result}){(errorText.Length > 0 ? ": " + errorText : "")}", innerException)
    {
        Result = result;
        Function = function;
    }

    /// <summary>The result the call returned.</summary>
    public MMRESULT Result { get; }

    /// <summary>The name of the call that failed, such as <c>waveOutOpen</c> (empty when not known).</summary>
    public string Function { get; }

    /// <summary>Throws for a <paramref name="result"/> other than MMSYSERR_NOERROR, with the services' text for it.</summary>
    internal static unsafe void ThrowIfFailed(WaveServices services, MMRESULT result, string function)
    {
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            return;
        }

        const int MaxErrorLength = 256; // MAXERRORLENGTH
        var text = stackalloc char[MaxErrorLength];
        var found = function.StartsWith("waveIn", StringComparison.Ordinal)
            ? services.waveInGetErrorText(result, text, MaxErrorLength)
            : services.waveOutGetErrorText(result, text, MaxErrorLength);
        var errorText = found == MMRESULT.MMSYSERR_NOERROR ? new string(text) : "";
        // A driver whose host process died answers MMSYSERR_NODRIVER, and the call left the crash in the last error.
        if (result == MMRESULT.MMSYSERR_NODRIVER && DriverManager.LastError?.Crash is { } crash)
        {
            throw new MmException(function, result, $"{errorText} ({crash.Reason})", new DriverCrashedException(crash));
        }

        throw new MmException(function, result, errorText);
    }
}
