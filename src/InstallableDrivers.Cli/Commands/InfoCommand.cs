using System.CommandLine;
using System.Globalization;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv info FILE|ALIAS</c>: what a driver file is (kind, entry point, SHA-256, size) and where the name resolves from,
/// without sending the driver any message.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(GlobalOptions global)
    {
        var name = new Argument<string>("FILE|ALIAS")
        {
            Description = "An alias, a driver file name in the registry's drivers folder, or the absolute path of a driver file "
                + "(the current directory is not searched, as OpenDriver never searches it).",
        };
        var section = new Option<string?>("--section")
        {
            Description = "Look the name up as an alias of this section only (default: an alias of Drivers32, else a file).",
            HelpName = "SECTION",
        };
        var command = new Command("info", "Show a driver's kind, its DriverProc or .NET driver type, SHA-256 and size, and where its name resolves from.")
        {
            name,
            section,
        };
        command.SetAction(global.InInspectionSession((parse, session) => Show(session, parse.GetRequiredValue(name), parse.GetValue(section))));
        return command;
    }

    private static void Show(DriverSession session, string name, string? section)
    {
        var (target, origin) = Locate(session, name, section);
        // A list of labelled values rather than a table: one per line, values aligned.
        void Row(string label, string value) => Console.Out.WriteLine($"{label,-14} {value}");

        Row("name", name);
        Row("resolves from", origin);
        if (target is { Alias: { } alias, Section: { } aliasSection })
        {
            var entry = DriverEntry.Inspect(session, aliasSection, alias);
            Row("file", entry.File);
            Row("args", entry.Args ?? "(none)");
            Row("status", entry.Problem is null ? entry.StatusText : $"{entry.StatusText}: {entry.Problem}");
            Row("installed", entry.Installed is { } record
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{record.InstalledAt?.ToString("u", CultureInfo.InvariantCulture) ?? "(time not recorded)"}, SHA-256 {record.Sha256}, {record.Size} bytes")
                : "no install record (not checked at open)");
            if (entry is { Kind: { } kind, EntryPoint: { } entryPoint, Size: { } size, Sha256: { } sha256 })
            {
                FileRows(Row, kind, entryPoint, size, sha256);
            }
        }
        else
        {
            var file = DriverFile.Inspect(target.FilePath);
            Row("file", file.FilePath);
            FileRows(Row, file.Kind, file.EntryPoint, file.Size, file.Sha256);
        }
    }

    private static void FileRows(Action<string, string> row, DriverKind kind, string entryPoint, long size, string sha256)
    {
        row("kind", kind == DriverKind.Managed ? ".NET" : "native");
        row(kind == DriverKind.Managed ? "driver type" : "entry point", entryPoint);
        row("size", string.Create(CultureInfo.InvariantCulture, $"{size} bytes"));
        row("sha-256", sha256);
    }

    /// <summary>
    /// Finds the file exactly as OpenDriver would: an alias first, then a file in the driver directories. Never the current
    /// directory, as OpenDriver never looks there; a file elsewhere is named by its absolute path.
    /// </summary>
    private static (DriverTarget Target, string Origin) Locate(DriverSession session, string name, string? section)
    {
        var target = session.Manager.Resolve(name, section);
        return (target, target.Alias is not null
            ? $"alias '{target.Alias}' in [{target.Section}] of {session.RegistryPath}"
            : Path.IsPathFullyQualified(name) ? "the absolute path given" : $"the driver folder {Path.GetDirectoryName(target.FilePath)}");
    }
}
