using System.CommandLine;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv remove ALIAS</c>: sends DRV_REMOVE, then deletes the alias and its install record (the control panel's Remove).</summary>
internal sealed class RemoveCommand : AliasCommand
{
    private readonly Option<bool> force = new("--force")
    {
        Description = "Delete the entry even if its driver can no longer be opened (it then gets no DRV_REMOVE).",
    };

    public RemoveCommand(GlobalOptions global)
        : base("remove", "Remove a driver: send it DRV_REMOVE, then delete its alias and install record.")
    {
        Options.Add(force);
        SetAction(global.InSession(Remove));
    }

    private void Remove(ParseResult parse, DriverSession session)
    {
        var (alias, section) = (Alias(parse), Section(parse));
        try
        {
            using var driver = Open(session, parse);
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

        session.Registry.DeleteValue(section, alias);
        session.Metadata.Delete(section, alias);
        Console.Out.WriteLine($"Removed '{alias}' from [{section}] of {session.RegistryPath}.");
    }
}
