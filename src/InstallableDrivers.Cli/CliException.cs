namespace InstallableDrivers.Cli;

/// <summary>A failure a command reports to the user as one line, with the exit code that classifies it.</summary>
/// <param name="code">The exit code.</param>
/// <param name="message">A sentence the user can act on.</param>
/// <param name="innerException">The underlying error, shown with --verbose.</param>
internal sealed class CliException(ExitCode code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public ExitCode Code { get; } = code;
}
