namespace InstallableDrivers.Registries;

/// <summary>What a line of a <c>system.ini</c> file is.</summary>
internal enum IniLineKind
{
    /// <summary>Empty or white space only.</summary>
    Blank,

    /// <summary>A line that starts with <c>;</c> or <c>#</c>.</summary>
    Comment,

    /// <summary>A <c>[section]</c> header.</summary>
    Section,

    /// <summary>An <c>alias=value</c> line.</summary>
    Entry,
}
