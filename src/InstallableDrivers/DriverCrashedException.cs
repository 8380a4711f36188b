namespace InstallableDrivers;

/// <summary>
/// Thrown by <see cref="Driver.Send"/> when the driver's host process crashed or hung (an isolated module,
/// docs/isolation.md): the instance is dead; close it. The next open of the driver starts a fresh host.
/// </summary>
public sealed class DriverCrashedException : Exception
{
    /// <summary>Creates the exception for a crash.</summary>
    /// <param name="crash">How the host ended.</param>
    public DriverCrashedException(DriverCrash crash)
        : base($"The driver '{crash?.FilePath}' is dead: {crash?.Reason}.") => Crash = crash ?? throw new ArgumentNullException(nameof(crash));

    /// <summary>How the host ended.</summary>
    public DriverCrash Crash { get; }
}
