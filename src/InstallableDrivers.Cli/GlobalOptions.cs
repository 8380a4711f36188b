using System.CommandLine;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>The options every drv command takes, and the session they describe.</summary>
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

    /// <summary>Opens the session the options name, for a command that opens drivers.</summary>
    public DriverSession OpenSession(ParseResult parse, IDriverMessageObserver? observer = null) =>
        new(RegistryPath(parse), !parse.GetValue(NoVerify), observer);

    /// <summary>A command action that runs in the session the options name and succeeds unless it throws.</summary>
    public Func<ParseResult, int> InSession(Action<ParseResult, DriverSession> run) => parse =>
    {
        using var session = OpenSession(parse);
        run(parse, session);
        return (int)ExitCode.Ok;
    };

    /// <summary>
    /// A command action for a command that only looks at entries (list, info): it compares each file with its install
    /// record itself and reports the difference, so its session must not refuse a changed file.
    /// </summary>
    public Func<ParseResult, int> InInspectionSession(Action<ParseResult, DriverSession> run) => parse =>
    {
        using var session = new DriverSession(RegistryPath(parse), verifyIntegrity: false);
        run(parse, session);
        return (int)ExitCode.Ok;
    };

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
