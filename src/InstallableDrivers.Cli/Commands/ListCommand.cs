using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using InstallableDrivers.Registries;
using Spectre.Console;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv list</c>: every alias with its file, args, kind and status. A bad entry gets its own status and does not stop
/// the listing, which succeeds whenever the registry file can be read.
/// </summary>
internal sealed class ListCommand : DrvCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly Option<string?> section =
        CommandOptions.OptionalSection("List only this section (default: every section but the install records' own).");

    private readonly Option<bool> json = new("--json") { Description = "Write the entries as a JSON array, for scripts." };

    public ListCommand(GlobalOptions global)
        : base("list", "List the installed drivers: alias, section, file, args, kind (native or .NET), status (ok, file "
            + "missing, not readable, not a driver, file changed since install, install record malformed, crash records malformed, "
            + "duplicate alias), where each runs (in process or isolated) and its recent crashes (quarantined after 3 within an hour).", global)
    {
        Options.Add(section);
        Options.Add(json);
    }

    protected override bool InspectsOnly => true;

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var entries = Sections(workspace, parse.GetValue(section))
            .SelectMany(name => workspace.Registry.GetAliases(name).SelectMany(alias => DriverEntry.InspectLines(workspace, name, alias)))
            .ToList();
        if (parse.GetValue(json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(entries, Json));
        }
        else
        {
            WriteTable(entries, workspace.RegistryPath);
        }
    }

    private static IEnumerable<string> Sections(DrvWorkspace workspace, string? section) => section is not null
        ? [section]
        : workspace.Registry.GetSections().Where(name => !DriverMetadataStore.IsMetadataSection(name));

    private static void WriteTable(List<DriverEntry> entries, string registryPath)
    {
        if (entries.Count == 0)
        {
            Console.Out.WriteLine($"No drivers are installed in {registryPath}.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("alias", "section", "file", "args", "kind", "status", "runs", "crashes");
        foreach (var entry in entries)
        {
            var statusStyle = entry.Status == EntryStatus.Ok ? new Style(Color.Green) : new Style(Color.Red);
            table.AddRow(
                new Text(entry.Alias),
                new Text(entry.Section),
                new Text(entry.File),
                new Text(entry.Args ?? ""),
                new Text(entry.KindText),
                new Text(entry.StatusText, statusStyle),
                new Text(entry.RunsText),
                new Text(entry.CrashesText, entry.Quarantined ? new Style(Color.Red) : Style.Plain));
        }

        Terminal.Out.Write(table);
    }
}
