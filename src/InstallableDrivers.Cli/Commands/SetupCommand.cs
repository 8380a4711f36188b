using System.CommandLine;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv setup ALIAS</c>: DRV_QUERYCONFIGURE, then DRV_CONFIGURE if the driver has settings (the control panel's Setup).</summary>
internal sealed class SetupCommand : AliasCommand
{
    public SetupCommand(GlobalOptions global)
        : base("setup", "Configure a driver: ask whether it has settings (DRV_QUERYCONFIGURE), then send DRV_CONFIGURE with "
            + "the section and alias, and report its DRVCNF_* result.", global)
    {
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var alias = Alias(parse);
        using var driver = Open(workspace, parse);
        if (driver.Send(DRV_QUERYCONFIGURE) == 0)
        {
            Console.Out.WriteLine($"'{alias}' has no configuration: DRV_QUERYCONFIGURE returned 0.");
            return;
        }

        using var configInfo = new DriverConfigInfoBlock(Section(parse), alias);
        // lParam1 would be the parent window of the driver's dialog; a terminal has none.
        var result = driver.Send(DRV_CONFIGURE, 0, configInfo.Address);
        switch (result)
        {
            case DRVCNF_CANCEL:
                throw new CliException(ExitCode.Refused, $"The configuration of '{alias}' was cancelled: DRV_CONFIGURE returned DRVCNF_CANCEL.");
            case DRVCNF_RESTART:
                Console.Out.WriteLine($"Configured '{alias}': {ConfigResults.RestartAdvice}");
                break;
            default:
                Console.Out.WriteLine($"Configured '{alias}': DRV_CONFIGURE returned {ConfigResults.Name(result)}.");
                break;
        }
    }
}
