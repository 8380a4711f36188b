using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Registries;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv install FILE</c>: checks the file is a driver, records the alias with the file's SHA-256 and size, then opens
/// the driver and sends DRV_INSTALL, as the Drivers control panel's Add did. DRVCNF_CANCEL undoes the install.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The driver file: a native library exporting DriverProc, or a .NET driver assembly. A relative "
                + "path is taken from the current directory; the absolute path is recorded. Nothing is copied.",
        };
        var alias = new Option<string?>("--alias")
        {
            Description = "The alias to install it as (default: from the file name, libtonegen.so -> tonegen).",
            HelpName = "ALIAS",
        };
        var section = CommandOptions.Section();
        var args = new Option<string?>("--args") { Description = "Args text the driver receives in DRV_OPEN.", HelpName = "TEXT" };
        var force = new Option<bool>("--force") { Description = "Replace an alias that already exists." };
        var command = new Command("install", "Install a driver: record it under an alias, then send it DRV_INSTALL.")
        {
            file,
            alias,
            section,
            args,
            force,
        };
        command.SetAction(global.InSession((parse, session) => Install(session, parse.GetRequiredValue(file), parse.GetValue(alias),
            parse.GetRequiredValue(section), parse.GetValue(args), parse.GetValue(force))));
        return command;
    }

    private static void Install(DriverSession session, string file, string? alias, string section, string? args, bool force)
    {
        // The user's current directory is used here, at install time, for the user's convenience; the runtime never
        // searches it, so the recorded path is absolute.
        var path = Path.GetFullPath(file);
        var info = DriverFile.Inspect(path);
        if (path.Contains(' ', StringComparison.Ordinal))
        {
            throw new CliException(ExitCode.BadInput,
                $"'{path}' contains a space, and a registry value ends its file name at the first space; move the driver to a path without one.");
        }

        var value = new DriverRegistryValue(path, string.IsNullOrWhiteSpace(args) ? null : args.Trim());

        var derived = alias is null;
        alias ??= AliasFromFileName(path);
        var transaction = InstallTransaction.Begin(session, section, alias);
        if (transaction.Replaces && !force)
        {
            throw new CliException(ExitCode.BadInput,
                $"'{alias}' is already installed in [{section}]: {session.Registry.GetValue(section, alias)}. Pass --force to replace it, or --alias to choose another name.");
        }

        nint result;
        try
        {
            transaction.Write(value.ToString(), new DriverInstallRecord(info.Sha256, info.Size, DateTimeOffset.UtcNow));
            using var driver = session.Manager.Open(alias, section);
            using var configInfo = new DriverConfigInfoBlock(section, alias);
            result = driver.Send(DRV_INSTALL, 0, configInfo.Address);
        }
        catch
        {
            transaction.Undo();
            throw;
        }

        if (result == DRVCNF_CANCEL)
        {
            transaction.Undo();
            throw new CliException(ExitCode.Refused,
                $"The driver cancelled its installation: DRV_INSTALL returned DRVCNF_CANCEL. [{section}] is as it was.");
        }

        var kind = info.Kind == DriverKind.Managed ? ".NET driver" : "native driver";
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Installed '{alias}'{(derived ? " (alias from the file name)" : "")} in [{section}] of {session.RegistryPath}: "
            + $"{path}, {kind} ({info.EntryPoint}), {info.Size} bytes, SHA-256 {info.Sha256}."));
        Console.Out.WriteLine(result == DRVCNF_RESTART
            ? $"DRV_INSTALL returned DRVCNF_RESTART: {ConfigResults.RestartAdvice}"
            : $"DRV_INSTALL returned {ConfigResults.Name(result)}.");
    }

    /// <summary>A usable alias from a file name: <c>/x/libtonegen.so</c> gives <c>tonegen</c>, <c>Acme.Wave.dll</c> gives <c>Acme.Wave</c>.</summary>
    private static string AliasFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Length > 3 && name.StartsWith("lib", StringComparison.Ordinal) && Path.GetExtension(path) is ".so" or ".dylib")
        {
            name = name[3..];
        }

        // The registry forbids '=' and white space in an alias, and ';', '#' or '[' at its start.
        name = string.Concat(name.Select(c => c == '=' || char.IsWhiteSpace(c) || char.IsControl(c) ? '-' : c)).TrimStart(';', '#', '[');
        return name.Length > 0
            ? name
            : throw new CliException(ExitCode.BadInput, $"No alias can be made from the file name of '{path}'; give one with --alias.");
    }
}
