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

    /// <summary>The file exists but cannot be read.</summary>
    NotReadable,

    /// <summary>The file exists but is not a driver.</summary>
    NotADriver,

    /// <summary>The alias's install record cannot be read; the file itself is fine.</summary>
    RecordMalformed,

    /// <summary>The alias's crash records cannot be read (an open of it fails until they are fixed or released); the file itself is fine.</summary>
    CrashRecordMalformed,

    /// <summary>A second (or later) line of an alias in its section: only the first line counts.</summary>
    DuplicateAlias,

    /// <summary>The entry's value cannot name a driver file (empty, or a path the runtime refuses).</summary>
    Invalid,
}
