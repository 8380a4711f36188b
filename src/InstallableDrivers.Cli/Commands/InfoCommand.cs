using System.CommandLine;
using System.Globalization;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv info FILE|ALIAS</c>: what a driver file is (kind, entry point, SHA-256, size) and where the name resolves from,
/// without sending the driver any message.
/// </summary>
internal sealed class InfoCommand : DrvCommand
{
    private readonly Argument<string> name = new("FILE|ALIAS")
    {
        Description = "An alias, a driver file name in the registry's drivers folder, or the absolute path of a driver file "
            + "(the current directory is not searched, as OpenDriver never searches it).",
    };

    private readonly Option<string?> section =
        CommandOptions.OptionalSection("Look the name up as an alias of this section only (default: an alias of Drivers32, else a file).");

    public InfoCommand(GlobalOptions global)
        : base("info", "Show a driver's kind, its DriverProc or .NET driver type, SHA-256 and size, and where its name resolves from.", global)
    {
        Arguments.Add(name);
        Options.Add(section);
    }

    protected override bool InspectsOnly => true;

    protected override void Run(ParseResult parse, DrvWorkspace workspace) =>
        Show(workspace, parse.GetRequiredValue(name), parse.GetValue(section));

    private static void Show(DrvWorkspace workspace, string name, string? section)
    {
        var (target, origin) = Locate(workspace, name, section);
        // A list of labelled values rather than a table: one per line, values aligned.
        void Row(string label, string value) => Console.Out.WriteLine($"{label,-14} {value}");

        Row("name", name);
        Row("resolves from", origin);
        if (target is { Alias: { } alias, Section: { } aliasSection })
        {
            var entry = DriverEntry.Inspect(workspace, aliasSection, alias);
            Row("file", entry.File);
            Row("args", entry.Args ?? "(none)");
            Row("status", entry.Problem is null ? entry.StatusText : $"{entry.StatusText}: {entry.Problem}");
            Row("installed", entry.Installed is { } record
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{record.InstalledAt?.ToString("u", CultureInfo.InvariantCulture) ?? "(time not recorded)"}, SHA-256 {record.Sha256}, {record.Size} bytes")
                : "no install record (not checked at open)");
            Row("runs", entry.RunsText);
            Row("crashes", entry.Crashes.Count == 0 ? "none recorded"
                : $"{entry.CrashesText}: {string.Join("; ", entry.Crashes)}{(entry.Quarantined ? $" (drv release {alias} lifts the quarantine)" : "")}");
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
    private static (DriverTarget Target, string Origin) Locate(DrvWorkspace workspace, string name, string? section)
    {
        var target = workspace.Manager.Resolve(name, section);
        return (target, target.Alias is not null
            ? $"alias '{target.Alias}' in [{target.Section}] of {workspace.RegistryPath}"
            : Path.IsPathFullyQualified(name) ? "the absolute path given" : $"the driver folder {Path.GetDirectoryName(target.FilePath)}");
    }
}
