namespace InstallableDrivers.Registries;

/// <summary>
/// A registry kept in a file, which can say where an entry is: so that a value that cannot be read is reported by file
/// and line, as a malformed line is (<see cref="DriverRegistryFormatException"/>), and the person can fix it there.
/// </summary>
internal interface IRegistryLineLocator
{
    /// <summary>The file and 1-based line of an alias's first line, or null if there is no such alias.</summary>
    /// <param name="section">The section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>Where the entry is.</returns>
    (string FilePath, int Line)? Locate(string section, string alias);
}
