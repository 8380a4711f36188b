using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Registries;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv remove ALIAS</c>: sends DRV_REMOVE, then deletes the alias (every line of it), its install record and its crash
/// records (the control panel's Remove).
/// </summary>
internal sealed class RemoveCommand : AliasCommand
{
    private readonly Option<bool> force = new("--force")
    {
        Description = "Delete the entry even if its driver can no longer be opened (it then gets no DRV_REMOVE).",
    };

    public RemoveCommand(GlobalOptions global)
        : base("remove", "Remove a driver: send it DRV_REMOVE, then delete its alias (every line of it), install record and crash records.", global) =>
        Options.Add(force);

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var (alias, section) = (Alias(parse), Section(parse));
        workspace.RequireAlias(alias, section);
        // One transaction: it holds the registry's lock and has made the new file's temporary copy before the driver is
        // told, so a registry that cannot be written fails here and the driver never hears of a removal that did not
        // happen. The file reads below see what the transaction sees, for no other writer can change it meanwhile.
        var lines = workspace.Registry.Edit(registry =>
        {
            var count = workspace.Registry.GetValues(section, alias).Count;
            if (count == 0)
            {
                // Removed meanwhile by another writer: say so as if it had never been there.
                workspace.RequireAlias(alias, section);
            }

            SendRemove(workspace, parse);
            registry.DeleteValue(section, alias);
            new DriverMetadataStore(registry).Delete(section, alias);
            new DriverCrashLog(registry).Release(section, alias);
            return count;
        });
        Console.Out.WriteLine(lines == 1
            ? $"Removed '{alias}' from [{section}] of {workspace.RegistryPath}."
            : string.Create(CultureInfo.InvariantCulture,
                $"Removed '{alias}' from [{section}] of {workspace.RegistryPath}: all {lines} of its lines (the file repeated it)."));
    }

    private void SendRemove(DrvWorkspace workspace, ParseResult parse)
    {
        try
        {
            using var driver = Open(workspace, parse);
            // DRV_REMOVE's parameters are unused (Win32 documents both as 0); its result does not stop the removal.
            driver.Send(DRV_REMOVE);
        }
        catch (DriverOpenException e) when (parse.GetValue(force))
        {
            Console.Error.WriteLine($"drv: warning: {e.Message} Deleting the entry without DRV_REMOVE (--force).");
        }
        catch (DriverOpenException e)
        {
            throw new CliException(ErrorReporter.CodeFor(e.Reason), $"{e.Message} Pass --force to delete the entry anyway.", e);
        }
    }
}
