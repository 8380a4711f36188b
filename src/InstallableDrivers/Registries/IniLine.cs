namespace InstallableDrivers.Registries;

/// <summary>One line of a <c>system.ini</c> file: its text exactly as read, so an unchanged line is written back byte for byte.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Text">The line without its line break.</param>
/// <param name="LineBreak">"\n", "\r\n", or "" for a last line without one.</param>
/// <param name="Name">The section name of a header, or the alias of an entry (trimmed); otherwise empty.</param>
/// <param name="Value">The value of an entry (trimmed); otherwise empty.</param>
internal readonly record struct IniLine(IniLineKind Kind, string Text, string LineBreak, string Name, string Value)
{
    /// <summary>Makes a new <c>alias=value</c> line.</summary>
    /// <param name="alias">The alias.</param>
    /// <param name="value">The value.</param>
    /// <param name="lineBreak">The line break to end it with.</param>
    /// <returns>The line.</returns>
    public static IniLine Entry(string alias, string value, string lineBreak) =>
        new(IniLineKind.Entry, $"{alias}={value}", lineBreak, alias, value);

    /// <summary>Makes a new <c>[section]</c> header line.</summary>
    /// <param name="section">The section name.</param>
    /// <param name="lineBreak">The line break to end it with.</param>
    /// <returns>The line.</returns>
    public static IniLine Header(string section, string lineBreak) =>
        new(IniLineKind.Section, $"[{section}]", lineBreak, section, string.Empty);

    /// <summary>Makes an empty line.</summary>
    /// <param name="lineBreak">The line break to end it with.</param>
    /// <returns>The line.</returns>
    public static IniLine Blank(string lineBreak) => new(IniLineKind.Blank, string.Empty, lineBreak, string.Empty, string.Empty);
}
