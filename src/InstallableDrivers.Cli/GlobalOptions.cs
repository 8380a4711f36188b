using System.CommandLine;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>The options every drv command takes, and the workspace they describe.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Registry { get; } = new("--registry")
    {
        Description = "The registry file (system.ini syntax); drivers named by bare file name are looked for in the 'drivers' "
            + "folder beside it. Default: $" + DriverRegistryLocation.EnvironmentVariable + ", else the library's default file.",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<bool> NoVerify { get; } = new("--no-verify")
    {
        Description = "Open an installed driver even if its file changed since it was installed (skips the SHA-256 check).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "On failure, show the whole error with its stack trace.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Registry, NoVerify, Verbose];

    /// <summary>Opens the workspace the options name.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="inspectsOnly">True for a command that opens no driver and compares files with their install records itself.</param>
    /// <param name="observer">Sees every message the workspace's drivers receive, or null.</param>
    public DrvWorkspace OpenWorkspace(ParseResult parse, bool inspectsOnly, IDriverMessageObserver? observer) =>
        new(RegistryPath(parse), verifyIntegrity: !inspectsOnly && !parse.GetValue(NoVerify),
            inspectsOnly ? DriverIsolation.None : DriverIsolation.AsRegistered, observer);

    private string RegistryPath(ParseResult parse)
    {
        if (parse.GetValue(Registry) is { } given)
        {
            // The current directory is the user's own choice here, at the command line; the runtime never uses it.
            return Path.GetFullPath(given);
        }

        try
        {
            return DriverRegistryLocation.DefaultFilePath;
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCode.BadInput, e.Message, e);
        }
    }
}
