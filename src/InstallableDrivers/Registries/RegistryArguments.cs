namespace InstallableDrivers.Registries;

/// <summary>
/// The checks every <see cref="IDriverRegistry"/> applies to section names, aliases and values: only what a
/// <c>system.ini</c> line can hold and give back unchanged, so a registration moves between stores intact.
/// </summary>
internal static class RegistryArguments
{
    /// <summary>Throws unless <paramref name="section"/> and <paramref name="alias"/> can name an entry.</summary>
    /// <param name="section">The section name to check.</param>
    /// <param name="alias">The alias to check.</param>
    public static void CheckEntry(string section, string alias)
    {
        CheckSection(section);
        ArgumentNullException.ThrowIfNull(alias);
        ThrowIf(AliasProblem(alias), alias, nameof(alias));
    }

    /// <summary>Throws unless the arguments can make an <c>alias=value</c> line in a <c>[section]</c>.</summary>
    /// <param name="section">The section name to check.</param>
    /// <param name="alias">The alias to check.</param>
    /// <param name="value">The value to check; it may be empty.</param>
    public static void CheckEntry(string section, string alias, string value)
    {
        CheckEntry(section, alias);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIf(TextProblem(value), value, nameof(value));
    }

    /// <summary>Throws unless <paramref name="section"/> can name a <c>[section]</c> and a registry subkey.</summary>
    /// <param name="section">The section name to check.</param>
    public static void CheckSection(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        ThrowIf(SectionProblem(section), section, nameof(section));
    }

    /// <summary>Why a text cannot be a section name, or null if it can.</summary>
    /// <param name="section">The text.</param>
    /// <returns>The reason, as a clause.</returns>
    public static string? SectionProblem(string section) =>
        NameProblem(section)
        // ']' would end the header early; '\' would name a nested key in the Windows registry.
        ?? (section.AsSpan().IndexOfAny(']', '\\') >= 0 ? "a section name cannot contain ']' or '\\'" : null);

    /// <summary>Why a text cannot be an alias, or null if it can.</summary>
    /// <param name="alias">The text.</param>
    /// <returns>The reason, as a clause.</returns>
    public static string? AliasProblem(string alias) =>
        NameProblem(alias)
        // '=' would split the line elsewhere; a leading ';', '#' or '[' would read back as a comment or a header.
        ?? (alias.Contains('=', StringComparison.Ordinal) || alias[0] is ';' or '#' or '['
            ? "an alias cannot contain '=' or start with ';', '#' or '['"
            : null);

    private static string? NameProblem(string name) =>
        name.Length == 0 ? "the name is empty"
        : ControlCharacters.Contains(name) ? "a name cannot contain control characters (tab included)"
        : TextProblem(name);

    // Reading trims white space around names and '=' and ends the line at a line break, so neither may be part of the
    // text; a tab inside a value is white space there, as between a file and its args (ControlCharacters).
    private static string? TextProblem(string text) =>
        text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? "the text cannot start or end with white space"
        : ControlCharacters.ContainsAnyButTab(text) ? "the text cannot contain control characters"
        : null;

    private static void ThrowIf(string? problem, string text, string parameterName)
    {
        if (problem is not null)
        {
            throw new ArgumentException($"{char.ToUpperInvariant(problem[0])}{problem[1..]}: \"{ControlCharacters.Escape(text)}\".", parameterName);
        }
    }
}
