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
        CheckAlias(alias);
    }

    /// <summary>Throws unless the arguments can make an <c>alias=value</c> line in a <c>[section]</c>.</summary>
    /// <param name="section">The section name to check.</param>
    /// <param name="alias">The alias to check.</param>
    /// <param name="value">The value to check; it may be empty.</param>
    public static void CheckEntry(string section, string alias, string value)
    {
        CheckEntry(section, alias);
        ArgumentNullException.ThrowIfNull(value);
        CheckText(value, nameof(value));
    }

    /// <summary>Throws unless <paramref name="section"/> can name a <c>[section]</c> and a registry subkey.</summary>
    /// <param name="section">The section name to check.</param>
    public static void CheckSection(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        CheckName(section, nameof(section));
        // ']' would end the header early; '\' would name a nested key in the Windows registry.
        if (section.AsSpan().IndexOfAny(']', '\\') >= 0)
        {
            throw new ArgumentException($"A section name cannot contain ']' or '\\': \"{section}\".", nameof(section));
        }
    }

    /// <summary>True for a character no <c>system.ini</c> line may hold: a control character other than tab.</summary>
    /// <param name="c">The character.</param>
    /// <returns>True if it is forbidden.</returns>
    public static bool IsForbiddenCharacter(char c) => char.IsControl(c) && c != '\t';

    private static void CheckAlias(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        CheckName(alias, nameof(alias));
        // '=' would split the line elsewhere; a leading ';', '#' or '[' would read back as a comment or a header.
        if (alias.Contains('=', StringComparison.Ordinal) || alias[0] is ';' or '#' or '[')
        {
            throw new ArgumentException($"An alias cannot contain '=' or start with ';', '#' or '[': \"{alias}\".", nameof(alias));
        }
    }

    private static void CheckName(string name, string parameterName)
    {
        if (name.Length == 0)
        {
            throw new ArgumentException("The name is empty.", parameterName);
        }

        CheckText(name, parameterName);
    }

    // Reading trims around '=' and ends the line at a line break, so neither may be part of the text.
    private static void CheckText(string text, string parameterName)
    {
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            throw new ArgumentException($"The text cannot start or end with white space: \"{text}\".", parameterName);
        }

        // A loop, not LINQ's Any: enumerating a string as IEnumerable<char> allocates, and every lookup (so every
        // OpenDriver) checks its section and alias.
        foreach (var c in text)
        {
            if (IsForbiddenCharacter(c))
            {
                throw new ArgumentException($"The text cannot contain control characters: \"{text}\".", parameterName);
            }
        }
    }
}
