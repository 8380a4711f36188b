using System.Text.Json.Serialization;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>One alias of the registry, with what its file turned out to be.</summary>
internal sealed record DriverEntry(
    string Alias,
    string Section,
    string File,
    string? Args,
    DriverKind? Kind,
    string? EntryPoint,
    long? Size,
    string? Sha256,
    DriverInstallRecord? Installed,
    EntryStatus Status,
    string? Problem)
{
    /// <summary>Whether the alias runs isolated, in a host process of its own (its install record says so).</summary>
    public bool Isolated { get; init; }

    /// <summary>The alias's recorded crashes, oldest first (<see cref="DriverCrashLog"/>); empty when unreadable.</summary>
    public IReadOnlyList<DriverCrashRecord> Crashes { get; init; } = [];

    /// <summary>Whether opens of the alias fail because it crashed too often, until <c>drv release</c>.</summary>
    public bool Quarantined => DriverCrashLog.IsQuarantined(Crashes);

    /// <summary>
    /// Every line of an alias: the first inspected as <see cref="Inspect"/> does, each further one (the file repeats the
    /// alias) as a <see cref="EntryStatus.DuplicateAlias"/> that names the line that counts.
    /// </summary>
    public static IEnumerable<DriverEntry> InspectLines(DrvWorkspace workspace, string section, string alias)
    {
        var values = workspace.Registry.GetValues(section, alias);
        yield return Inspect(workspace, section, alias);
        foreach (var duplicate in values.Skip(1).Select(DriverRegistryValue.Parse))
        {
            yield return new DriverEntry(alias, section, duplicate.File, duplicate.Args, null, null, null, null, null, EntryStatus.DuplicateAlias,
                $"[{section}] has {values.Count} lines for '{alias}'; only the first ({values[0]}) counts. 'drv remove {alias}' removes them all.");
        }
    }

    /// <summary>
    /// Looks at an alias's file without opening the driver: resolves it, inspects it, compares it with its install record,
    /// and reads its crash records. Whatever is wrong with the entry becomes its status, never an exception, so one bad
    /// entry does not hide the others.
    /// </summary>
    public static DriverEntry Inspect(DrvWorkspace workspace, string section, string alias)
    {
        var entry = InspectFile(workspace, section, alias);
        entry = entry with { Isolated = entry.Installed?.Isolated == true };
        try
        {
            return entry with { Crashes = workspace.Crashes.Get(section, alias) };
        }
        catch (FormatException e)
        {
            // The file's own trouble, if any, is the more urgent to show.
            return entry.Status == EntryStatus.Ok ? entry with { Status = EntryStatus.CrashRecordMalformed, Problem = e.Message } : entry;
        }
    }

    private static DriverEntry InspectFile(DrvWorkspace workspace, string section, string alias)
    {
        var value = DriverRegistryValue.Parse(workspace.RequireAlias(alias, section));
        DriverInstallRecord? installed = null;
        string? recordProblem = null;
        try
        {
            installed = workspace.Metadata.Get(section, alias);
        }
        catch (FormatException e)
        {
            recordProblem = e.Message;
        }

        string path;
        DriverFileInfo file;
        try
        {
            path = workspace.Manager.Resolve(alias, section).FilePath;
            file = DriverFile.Inspect(path);
        }
        catch (Exception e) when (StatusOf(e) is { } status)
        {
            return new DriverEntry(alias, section, value.File, value.Args, null, null, null, null, installed, status, e.Message);
        }

        var changed = installed is not null && !installed.Matches(file.Sha256, file.Size);
        var (finalStatus, problem) = recordProblem is not null ? (EntryStatus.RecordMalformed, recordProblem)
            : changed ? (EntryStatus.FileChanged, $"The file changed since it was installed: SHA-256 {file.Sha256}, {installed!.Sha256} when installed.")
            : (EntryStatus.Ok, null);
        return new DriverEntry(alias, section, path, value.Args, file.Kind, file.EntryPoint, file.Size, file.Sha256, installed, finalStatus, problem);
    }

    // What a failure to find or read an entry's file says about the entry; null for a failure that is not about it.
    private static EntryStatus? StatusOf(Exception e) => e switch
    {
        DriverOpenException { Reason: DriverFailureReason.FileNotFound } => EntryStatus.FileMissing,
        DriverOpenException { Reason: DriverFailureReason.NotADriver } => EntryStatus.NotADriver,
        DriverOpenException { Reason: DriverFailureReason.AccessDenied } => EntryStatus.NotReadable,
        DriverOpenException => EntryStatus.Invalid,
        // A symbolic link whose target is gone.
        FileNotFoundException or DirectoryNotFoundException => EntryStatus.FileMissing,
        UnauthorizedAccessException or IOException => EntryStatus.NotReadable,
        _ => null,
    };

    /// <summary>The status as the table shows it.</summary>
    [JsonIgnore]
    public string StatusText => Status switch
    {
        EntryStatus.Ok => "ok",
        EntryStatus.FileMissing => "file missing",
        EntryStatus.FileChanged => "file changed since install",
        EntryStatus.NotReadable => "not readable",
        EntryStatus.NotADriver => "not a driver",
        EntryStatus.RecordMalformed => "install record malformed",
        EntryStatus.CrashRecordMalformed => "crash records malformed",
        EntryStatus.DuplicateAlias => "duplicate alias",
        _ => "invalid entry",
    };

    /// <summary>Where the driver runs, as the table shows it.</summary>
    [JsonIgnore]
    public string RunsText => Isolated ? "isolated" : "in process";

    /// <summary>The crashes as the table shows them: how many, and whether they quarantine the alias.</summary>
    [JsonIgnore]
    public string CrashesText => Crashes.Count == 0 ? "" : Quarantined ? $"{Crashes.Count}, quarantined" : $"{Crashes.Count}";

    /// <summary>The kind as the table shows it.</summary>
    [JsonIgnore]
    public string KindText => Kind switch
    {
        DriverKind.Native => "native",
        DriverKind.Managed => ".NET",
        _ => "",
    };
}
