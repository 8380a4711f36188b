namespace InstallableDrivers;

/// <summary>The reason and the explanation of a failed installable-driver call, as <see cref="DriverManager.LastError"/> keeps it.</summary>
/// <param name="Reason">What kind of failure it was.</param>
/// <param name="Message">A sentence a person can act on, naming the driver, file or handle involved.</param>
public sealed record DriverFailure(DriverFailureReason Reason, string Message)
{
    /// <summary>How the driver's host process ended, when <see cref="Reason"/> is <see cref="DriverFailureReason.Crashed"/>; otherwise null.</summary>
    public DriverCrash? Crash { get; init; }
}
