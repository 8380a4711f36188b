using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv release ALIAS</c>: lifts an alias's quarantine (<see cref="DriverCrashLog"/>) by forgetting its crashes, so that
/// it opens again. A quarantine does not lift by itself; this, or installing the driver again, is how a person lets it run.
/// </summary>
internal sealed class ReleaseCommand : AliasCommand
{
    public ReleaseCommand(GlobalOptions global)
        : base("release", "Release a quarantined driver (3 crashes within an hour): forget its crashes, so that it opens again.", global)
    {
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var (alias, section) = (Alias(parse), Section(parse));
        var message = workspace.Registry.Edit(registry =>
        {
            var log = new DriverCrashLog(registry);
            var description = Describe(log, section, alias);
            if (!log.Release(section, alias))
            {
                // Records left by a removed alias are released too; with neither, the name is wrong.
                workspace.RequireAlias(alias, section);
                return $"'{alias}' in [{section}] has no crashes recorded: nothing to release.";
            }

            return description;
        });
        Console.Out.WriteLine(message);
    }

    private static string Describe(DriverCrashLog log, string section, string alias)
    {
        try
        {
            var crashes = log.Get(section, alias);
            return DriverCrashLog.IsQuarantined(crashes)
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Released '{alias}' in [{section}] from quarantine: its {crashes.Count} crashes are forgotten (the last: {crashes[^1]}).")
                : string.Create(CultureInfo.InvariantCulture,
                    $"'{alias}' in [{section}] was not quarantined; its {crashes.Count} crash{(crashes.Count == 1 ? "" : "es")} forgotten.");
        }
        catch (FormatException e)
        {
            // Unreadable records are what a person most needs release for: they are deleted all the same.
            return $"Released '{alias}' in [{section}]: its crash records, which could not be read, are deleted ({e.Message}).";
        }
    }
}
