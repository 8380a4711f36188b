using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using InstallableDrivers.Registries;
using Spectre.Console;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv list</c>: every alias with its file, args, kind and status.</summary>
internal static class ListCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static Command Create(GlobalOptions global)
    {
        var section = new Option<string?>("--section")
        {
            Description = "List only this section (default: every section but the install records' own).",
            HelpName = "SECTION",
        };
        var json = new Option<bool>("--json") { Description = "Write the entries as a JSON array, for scripts." };
        var command = new Command("list", "List the installed drivers: alias, section, file, args, kind (native or .NET) and "
            + "status (ok, file missing, file changed since install, not a driver).")
        {
            section,
            json,
        };
        command.SetAction(global.InInspectionSession((parse, session) =>
        {
            var entries = Sections(session, parse.GetValue(section))
                .SelectMany(name => session.Registry.GetAliases(name).Select(alias => DriverEntry.Inspect(session, name, alias)))
                .ToList();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entries, Json));
            }
            else
            {
                WriteTable(entries, session.RegistryPath);
            }
        }));
        return command;
    }

    private static IEnumerable<string> Sections(DriverSession session, string? section) => section is not null
        ? [section]
        : session.Registry.GetSections().Where(name => !DriverMetadataStore.IsMetadataSection(name));

    private static void WriteTable(List<DriverEntry> entries, string registryPath)
    {
        if (entries.Count == 0)
        {
            Console.Out.WriteLine($"No drivers are installed in {registryPath}.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("alias", "section", "file", "args", "kind", "status");
        foreach (var entry in entries)
        {
            var statusStyle = entry.Status == EntryStatus.Ok ? new Style(Color.Green) : new Style(Color.Red);
            table.AddRow(
                new Text(entry.Alias),
                new Text(entry.Section),
                new Text(entry.File),
                new Text(entry.Args ?? ""),
                new Text(entry.KindText),
                new Text(entry.StatusText, statusStyle));
        }

        Terminal.Out.Write(table);
    }
}
