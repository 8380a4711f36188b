using System.CommandLine;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv remove ALIAS</c>: sends DRV_REMOVE, then deletes the alias and its install record (the control panel's Remove).</summary>
internal static class RemoveCommand
{
    public static Command Create(GlobalOptions global)
    {
        var alias = CommandOptions.Alias();
        var section = CommandOptions.Section();
        var force = new Option<bool>("--force")
        {
            Description = "Delete the entry even if its driver can no longer be opened (it then gets no DRV_REMOVE).",
        };
        var command = new Command("remove", "Remove a driver: send it DRV_REMOVE, then delete its alias and install record.")
        {
            alias,
            section,
            force,
        };
        command.SetAction(parse =>
        {
            using var session = global.OpenSession(parse);
            Remove(session, parse.GetRequiredValue(alias), parse.GetRequiredValue(section), parse.GetValue(force));
            return (int)ExitCode.Ok;
        });
        return command;
    }

    private static void Remove(DriverSession session, string alias, string section, bool force)
    {
        try
        {
            using var driver = session.OpenAlias(alias, section);
            // DRV_REMOVE's parameters are unused (Win32 documents both as 0); its result does not stop the removal.
            driver.Send(DRV_REMOVE);
        }
        catch (DriverOpenException e) when (force)
        {
            Console.Error.WriteLine($"drv: warning: {e.Message} Deleting the entry without DRV_REMOVE (--force).");
        }
        catch (DriverOpenException e)
        {
            throw new CliException(ErrorReporter.CodeFor(e.Reason), $"{e.Message} Pass --force to delete the entry anyway.", e);
        }

        session.Registry.DeleteValue(section, alias);
        session.Metadata.Delete(section, alias);
        Console.Out.WriteLine($"Removed '{alias}' from [{section}] of {session.RegistryPath}.");
    }
}
