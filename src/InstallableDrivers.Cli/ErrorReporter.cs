using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Cli;

/// <summary>Turns an exception into drv's one-line error and exit code.</summary>
internal static class ErrorReporter
{
    /// <summary>Writes <c>drv: message</c> (and with <paramref name="verbose"/> the whole exception) and returns the exit code.</summary>
    public static ExitCode Report(Exception exception, bool verbose, TextWriter error)
    {
        var code = CodeFor(exception);
        // An unexpected exception's message alone may not say what failed; its type does.
        var message = code == ExitCode.Failure && exception is not (CliException or DriverOpenException or IOException or UnauthorizedAccessException)
            ? $"{exception.GetType().Name}: {exception.Message}"
            : exception.Message;
        error.WriteLine($"drv: {OneLine(message)}");
        if (verbose)
        {
            error.WriteLine(exception);
        }

        return code;
    }

    /// <summary>The exit code for a driver failure reason.</summary>
    public static ExitCode CodeFor(DriverFailureReason reason) => reason switch
    {
        DriverFailureReason.InvalidName or DriverFailureReason.BadPath or DriverFailureReason.NotADriver => ExitCode.BadInput,
        DriverFailureReason.AliasNotFound or DriverFailureReason.FileNotFound => ExitCode.NotFound,
        DriverFailureReason.LoadRefused or DriverFailureReason.OpenRefused => ExitCode.Refused,
        DriverFailureReason.IntegrityFailure => ExitCode.IntegrityFailure,
        DriverFailureReason.RegistryError => ExitCode.RegistryError,
        DriverFailureReason.Quarantined => ExitCode.Quarantined,
        DriverFailureReason.Crashed => ExitCode.Crashed,
        _ => ExitCode.Failure,
    };

    private static ExitCode CodeFor(Exception exception) => exception switch
    {
        CliException e => e.Code,
        DriverOpenException e => CodeFor(e.Reason),
        DriverCrashedException => ExitCode.Crashed,
        MmException { InnerException: DriverCrashedException } => ExitCode.Crashed,
        MmException { Result: MMRESULT.MMSYSERR_BADDEVICEID } => ExitCode.NotFound,
        MmException => ExitCode.DeviceError,
        // DriverRegistryFormatException, and a malformed install record (DriverMetadataStore).
        FormatException => ExitCode.RegistryError,
        // The registry's checks of names and values, e.g. an alias containing '='.
        ArgumentException => ExitCode.BadInput,
        _ => ExitCode.Failure,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
