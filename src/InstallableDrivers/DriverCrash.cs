using System.Globalization;

namespace InstallableDrivers;

/// <summary>
/// How the host process of an isolated driver module ended (docs/isolation.md): which signal or exit code, during which
/// message, when, or that it did not answer within its deadline and was killed. Every instance of the module was dead
/// from then on; the next open of the file starts a fresh host.
/// </summary>
public sealed class DriverCrash
{
    private readonly string? callName;

    // otherCause: what the host did when it neither crashed, exited nor hung ("broke the channel protocol"); circumstance:
    // when it happened if no message was in progress (by default, on a thread of the driver's own).
    // callName: the call the host was running by the name its caller gave it: a call that is no DriverProc message
    // ("wodMessage(WODM_WRITE)"), or a higher layer's message ("ACMDM_STREAM_CONVERT"); it is then the crash's MessageName.
    internal DriverCrash(string filePath, uint? message, int? signal, int? exitCode, TimeSpan? deadline, string? otherCause = null, string? circumstance = null,
        string? callName = null)
    {
        FilePath = filePath;
        Message = message;
        this.callName = callName;
        Signal = signal;
        ExitCode = exitCode;
        Deadline = deadline;
        Time = DateTimeOffset.UtcNow;
        Reason = ReasonText(otherCause, circumstance ?? "while it was processing no message (on a thread of its own)");
    }

    /// <summary>The full path of the driver file.</summary>
    public string FilePath { get; }

    /// <summary>The message the host was processing for the application when it ended, or null if it was processing none (a thread of the driver's own crashed).</summary>
    public uint? Message { get; }

    /// <summary>
    /// The name of <see cref="Message"/>: <c>DRV_OPEN</c>, <c>DRV_USER+1</c>, or its number, or the name the layer that
    /// sent it gives it (<c>ACMDM_STREAM_CONVERT</c>, see <see cref="DriverMessageCopier.NameOf"/>); for a call to another
    /// export of the driver, that call (<c>wodMessage(WODM_WRITE)</c>, with <see cref="Message"/> null); null when there was none.
    /// </summary>
    public string? MessageName => callName ?? (Message is { } message ? DriverMessageNames.Format(message) : null);

    /// <summary>The signal that ended the host (11 for SIGSEGV), or null if it exited or was killed for not answering.</summary>
    public int? Signal { get; }

    /// <summary>The name of <see cref="Signal"/> (<c>SIGSEGV</c>), or null.</summary>
    public string? SignalName => Signal is { } signal ? SignalNames.Format(signal) : null;

    /// <summary>The code the host exited with by itself (a driver that called <c>exit</c>), or null.</summary>
    public int? ExitCode { get; }

    /// <summary>The deadline the host missed when it was killed for not answering <see cref="Message"/>, or null if it crashed by itself.</summary>
    public TimeSpan? Deadline { get; }

    /// <summary>When the application saw the host end (UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>One line for a person: "the driver crashed with SIGSEGV during DRV_OPEN", "did not answer DRV_OPEN within 10 s".</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => Reason;

    private string ReasonText(string? otherCause, string circumstance)
    {
        var during = MessageName is { } name ? $"during {name}" : circumstance;
        if (Deadline is { } deadline)
        {
            var what = MessageName is { } message ? $"answer {message}" : $"finish {circumstance}";
            return $"the driver did not {what} within {FormatDuration(deadline)}, and its host was killed";
        }

        if (otherCause is not null)
        {
            return $"the driver's host {otherCause} {during}";
        }

        return Signal is not null
            ? $"the driver crashed with {SignalName} {during}"
            : string.Create(CultureInfo.InvariantCulture, $"the driver's host exited with code {ExitCode} {during}");
    }

    private static string FormatDuration(TimeSpan span) => span.TotalSeconds >= 1 && span.Milliseconds == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms");
}
