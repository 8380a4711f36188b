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
            using var workspace = global.OpenWorkspace(parse, InspectsOnly, Observer);
            Run(parse, workspace);
            return (int)ExitCode.Ok;
        });

    /// <summary>
    /// Whether the command only reads the registry and the driver files, and opens no driver: list and info, which compare
    /// each file with its install record themselves and report what they find. Their workspace neither refuses a changed
    /// file nor reads install records to learn where a driver runs; the others' refuses a file that changed since it was
    /// installed (unless --no-verify) and runs each driver where its registry entry says.
    /// </summary>
    protected virtual bool InspectsOnly => false;

    /// <summary>What sees every message the workspace's drivers receive, or null.</summary>
    protected virtual IDriverMessageObserver? Observer => null;

    /// <summary>Does the command's work.</summary>
    protected abstract void Run(ParseResult parse, DrvWorkspace workspace);
}
