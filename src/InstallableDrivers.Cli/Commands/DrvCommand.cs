using System.CommandLine;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// A drv command: its action runs in a workspace of the registry the global options name, and succeeds unless it throws
/// (<see cref="DrvCommandLine"/> turns the exception into a message and an exit code).
/// </summary>
internal abstract class DrvCommand : Command
{
    protected DrvCommand(string name, string description, GlobalOptions global)
        : base(name, description) =>
        SetAction(parse =>
        {
            using var workspace = global.OpenWorkspace(parse, VerifiesIntegrity, Observer);
            Run(parse, workspace);
            return (int)ExitCode.Ok;
        });

    /// <summary>
    /// Whether the workspace refuses a driver file that changed since it was installed (unless --no-verify): true for the
    /// commands that open drivers; list and info compare each file with its record themselves and report the difference.
    /// </summary>
    protected virtual bool VerifiesIntegrity => true;

    /// <summary>What sees every message the workspace's drivers receive, or null.</summary>
    protected virtual IDriverMessageObserver? Observer => null;

    /// <summary>Does the command's work.</summary>
    protected abstract void Run(ParseResult parse, DrvWorkspace workspace);
}
