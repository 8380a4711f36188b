using System.CommandLine;

namespace InstallableDrivers.Cli.Commands;

/// <summary>A command about one installed driver, named by <c>ALIAS</c> and <c>--section</c>.</summary>
internal abstract class AliasCommand : DrvCommand
{
    private readonly Argument<string> alias = new("ALIAS") { Description = "The driver's alias in the section." };
    private readonly Option<string> section = CommandOptions.Section();

    /// <summary>Creates the command with ALIAS as its first argument; a derived command adds its own after it.</summary>
    protected AliasCommand(string name, string description, GlobalOptions global)
        : base(name, description, global)
    {
        Arguments.Add(alias);
        Options.Add(section);
    }

    protected string Alias(ParseResult parse) => parse.GetRequiredValue(alias);

    protected string Section(ParseResult parse) => parse.GetRequiredValue(section);

    /// <summary>Opens the driver the command line names.</summary>
    protected Driver Open(DrvWorkspace workspace, ParseResult parse) => workspace.OpenAlias(Alias(parse), Section(parse));
}
