namespace InstallableDrivers;

/// <summary>Thrown by <see cref="DriverManager.Open"/> when a driver cannot be opened; says why in <see cref="Reason"/> and <see cref="Exception.Message"/>.</summary>
public sealed class DriverOpenException : Exception
{
    /// <summary>Creates the exception for a failure.</summary>
    /// <param name="reason">What kind of failure it was.</param>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DriverOpenException(DriverFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException) => Reason = reason;

    /// <summary>What kind of failure it was.</summary>
    public DriverFailureReason Reason { get; }

    /// <summary>How the driver's host process ended, when <see cref="Reason"/> is <see cref="DriverFailureReason.Crashed"/>; otherwise null.</summary>
    public DriverCrash? Crash { get; init; }

    /// <summary>The failure as <see cref="DriverManager.LastError"/> records it.</summary>
    public DriverFailure ToFailure() => new(Reason, Message) { Crash = Crash };
}
