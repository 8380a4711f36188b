using System.Text.Json.Serialization;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>How an installed entry stands.</summary>
internal enum EntryStatus
{
    /// <summary>The file is a driver and, if an install record exists, the file that was installed.</summary>
    Ok,

    /// <summary>No file of the entry's name exists where drivers are looked for.</summary>
    FileMissing,

    /// <summary>The file's SHA-256 or size differs from its install record.</summary>
    FileChanged,

    /// <summary>The file exists but is not a driver.</summary>
    NotADriver,

    /// <summary>The entry's value cannot name a driver file (empty, or a path the runtime refuses).</summary>
    Invalid,
}

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
    /// <summary>Looks at an alias's file without opening the driver: resolves it, inspects it, compares it with its install record.</summary>
    public static DriverEntry Inspect(DriverSession session, string section, string alias)
    {
        var value = DriverRegistryValue.Parse(session.RequireAlias(alias, section));
        var installed = session.Metadata.Get(section, alias);
        string path;
        DriverFileInfo file;
        try
        {
            path = session.Manager.Resolve(alias, section).FilePath;
            file = DriverFile.Inspect(path);
        }
        catch (DriverOpenException e)
        {
            var status = e.Reason switch
            {
                DriverFailureReason.FileNotFound => EntryStatus.FileMissing,
                DriverFailureReason.NotADriver => EntryStatus.NotADriver,
                _ => EntryStatus.Invalid,
            };
            return new DriverEntry(alias, section, value.File, value.Args, null, null, null, null, installed, status, e.Message);
        }

        var changed = installed is not null && !installed.Matches(file.Sha256, file.Size);
        return new DriverEntry(alias, section, path, value.Args, file.Kind, file.EntryPoint, file.Size, file.Sha256, installed,
            changed ? EntryStatus.FileChanged : EntryStatus.Ok,
            changed ? $"The file changed since it was installed: SHA-256 {file.Sha256}, {installed!.Sha256} when installed." : null);
    }

    /// <summary>The status as the table shows it.</summary>
    [JsonIgnore]
    public string StatusText => Status switch
    {
        EntryStatus.Ok => "ok",
        EntryStatus.FileMissing => "file missing",
        EntryStatus.FileChanged => "file changed since install",
        EntryStatus.NotADriver => "not a driver",
        _ => "invalid entry",
    };

    /// <summary>The kind as the table shows it.</summary>
    [JsonIgnore]
    public string KindText => Kind switch
    {
        DriverKind.Native => "native",
        DriverKind.Managed => ".NET",
        _ => "",
    };
}
