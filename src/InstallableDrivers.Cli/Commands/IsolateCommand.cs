using System.CommandLine;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv isolate ALIAS on|off</c>: switches an installed driver to run isolated, in a host process of its own, or back in
/// the process that opens it. The choice is kept in the alias's install record (<see cref="DriverInstallRecord.Isolated"/>).
/// </summary>
internal sealed class IsolateCommand : AliasCommand
{
    private readonly Argument<string> setting = new("on|off")
    {
        Description = "on: run the driver isolated, in a host process of its own; off: in the process that opens it.",
    };

    public IsolateCommand(GlobalOptions global)
        : base("isolate", "Switch an installed driver to run isolated (on), in a host process of its own, or in process (off).", global)
    {
        setting.AcceptOnlyFromAmong("on", "off");
        Arguments.Add(setting);
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var (alias, section) = (Alias(parse), Section(parse));
        var isolated = parse.GetRequiredValue(setting) == "on";
        // One transaction, so that an install or another switch at the same time is not undone by this one.
        var changed = workspace.Registry.Edit(registry =>
        {
            workspace.RequireAlias(alias, section);
            var metadata = new DriverMetadataStore(registry);
            var record = metadata.Get(section, alias) ?? throw new CliException(ExitCode.BadInput,
                $"'{alias}' in [{section}] has no install record to keep the choice in (it was not installed by drv); install it "
                + $"with 'drv install FILE --alias {alias} --force{(isolated ? " --isolated" : "")}'.");
            if (record.Isolated == isolated)
            {
                return false;
            }

            metadata.Set(section, alias, record with { Isolated = isolated });
            return true;
        });
        var where = isolated ? "isolated, in a host process of its own" : "in the process that opens it";
        Console.Out.WriteLine(changed
            ? $"'{alias}' in [{section}] now runs {where}, from its next open; instances open now stay where they run."
            : $"'{alias}' in [{section}] already runs {where}.");
    }
}
