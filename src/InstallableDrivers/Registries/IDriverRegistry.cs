namespace InstallableDrivers.Registries;

/// <summary>
/// A store of driver registrations: named sections (the default is <c>Drivers32</c>) that map an alias
/// (for example <c>wave1</c>) to a value (a driver file name, optionally followed by spaces and args text).
/// </summary>
/// <remarks>
/// Section and alias names compare case-insensitively (ordinal, invariant), as Windows' registry and
/// <c>system.ini</c> do. Implementations are safe to call from several threads at once.
/// </remarks>
public interface IDriverRegistry
{
    /// <summary>Gets the value stored for <paramref name="alias"/> in <paramref name="section"/>, or null if there is none.</summary>
    /// <param name="section">The section to look in, for example <c>Drivers32</c>.</param>
    /// <param name="alias">The alias (value name), for example <c>wave1</c>.</param>
    /// <returns>The value text exactly as stored, or null.</returns>
    string? GetValue(string section, string alias);

    /// <summary>Stores <paramref name="value"/> for <paramref name="alias"/> in <paramref name="section"/>, creating the section if needed.</summary>
    /// <param name="section">The section to write to.</param>
    /// <param name="alias">The alias to set; an existing alias is replaced.</param>
    /// <param name="value">The value text: a driver file name, optionally followed by spaces and args.</param>
    void SetValue(string section, string alias, string value);

    /// <summary>Deletes <paramref name="alias"/> from <paramref name="section"/>.</summary>
    /// <param name="section">The section to delete from.</param>
    /// <param name="alias">The alias to delete.</param>
    /// <returns>True if the alias existed and was deleted.</returns>
    bool DeleteValue(string section, string alias);

    /// <summary>Lists the sections in their stored order.</summary>
    /// <returns>The section names as stored.</returns>
    IReadOnlyList<string> GetSections();

    /// <summary>Lists the aliases of <paramref name="section"/> in their stored order (empty if the section does not exist).</summary>
    /// <param name="section">The section to list.</param>
    /// <returns>The alias names as stored.</returns>
    IReadOnlyList<string> GetAliases(string section);
}
