using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Registries;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv install FILE</c>: checks the file is a driver, records the alias with the file's SHA-256 and size, then opens
/// the driver and sends DRV_INSTALL, as the Drivers control panel's Add did. DRVCNF_CANCEL undoes the install.
/// </summary>
internal sealed class InstallCommand : DrvCommand
{
    private readonly Argument<string> file = new("FILE")
    {
        Description = "The driver file: a native library exporting DriverProc, or a .NET driver assembly. A relative "
            + "path is taken from the current directory; the absolute path is recorded. Nothing is copied.",
    };

    private readonly Option<string?> alias = new("--alias")
    {
        Description = "The alias to install it as (default: from the file name, libtonegen.so -> tonegen).",
        HelpName = "ALIAS",
    };

    private readonly Option<string> section = CommandOptions.Section();
    private readonly Option<string?> args = new("--args") { Description = "Args text the driver receives in DRV_OPEN.", HelpName = "TEXT" };
    private readonly Option<bool> force = new("--force") { Description = "Replace an alias that already exists (and release it from quarantine)." };

    private readonly Option<bool> isolated = new("--isolated")
    {
        Description = "Run the driver isolated, in a host process of its own, where its crashes end only that process "
            + "(DRV_INSTALL too). For drivers you did not build, and codecs fed untrusted files.",
    };

    public InstallCommand(GlobalOptions global)
        : base("install", "Install a driver: record it under an alias, then send it DRV_INSTALL.", global)
    {
        Arguments.Add(file);
        Options.Add(alias);
        Options.Add(section);
        Options.Add(args);
        Options.Add(force);
        Options.Add(isolated);
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        // The user's current directory is used here, at install time, for the user's convenience; the runtime never
        // searches it, so the recorded path is absolute.
        var path = Path.GetFullPath(parse.GetRequiredValue(file));
        var info = DriverFile.Inspect(path);
        if (path.Contains(' ', StringComparison.Ordinal))
        {
            throw new CliException(ExitCode.BadInput,
                $"'{path}' contains a space, and a registry value ends its file name at the first space; move the driver to a path without one.");
        }

        var argsText = parse.GetValue(args);
        var value = new DriverRegistryValue(path, string.IsNullOrWhiteSpace(argsText) ? null : argsText.Trim());
        var sectionName = parse.GetRequiredValue(section);
        var given = parse.GetValue(alias);
        var aliasName = given ?? AliasFromFileName(path);
        var transaction = InstallTransaction.Write(workspace.Registry, sectionName, aliasName, value.ToString(),
            new DriverInstallRecord(info.Sha256, info.Size, DateTimeOffset.UtcNow) { Isolated = parse.GetValue(isolated) }, parse.GetValue(force));

        nint result;
        try
        {
            using var driver = workspace.Manager.Open(aliasName, sectionName);
            using var configInfo = new DriverConfigInfoBlock(sectionName, aliasName);
            result = driver.Send(DRV_INSTALL, 0, configInfo.Address);
        }
        catch
        {
            transaction.Undo();
            throw;
        }

        if (result == DRVCNF_CANCEL)
        {
            throw new CliException(ExitCode.Refused, "The driver cancelled its installation: DRV_INSTALL returned DRVCNF_CANCEL. "
                + (transaction.Undo()
                    ? $"[{sectionName}] is as it was."
                    : $"'{aliasName}' was installed again by another writer meanwhile; that install stays."));
        }

        var kind = info.Kind == DriverKind.Managed ? ".NET driver" : "native driver";
        var where = parse.GetValue(isolated) ? ", run isolated in a host process of its own" : "";
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Installed '{aliasName}'{(given is null ? " (alias from the file name)" : "")} in [{sectionName}] of {workspace.RegistryPath}: "
            + $"{path}, {kind} ({info.EntryPoint}){where}, {info.Size} bytes, SHA-256 {info.Sha256}."));
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
