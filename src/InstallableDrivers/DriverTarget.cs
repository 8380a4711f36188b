namespace InstallableDrivers;

/// <summary>What an OpenDriver call resolves to: the file to load and the args text to pass (<see cref="DriverManager.Resolve"/>).</summary>
/// <param name="Alias">The registry alias the name matched, or null when the name was a file name.</param>
/// <param name="Section">The section the alias was found in, or null.</param>
/// <param name="FilePath">The full path of the driver file.</param>
/// <param name="Args">The args text for DRV_OPEN, or null.</param>
public readonly record struct DriverTarget(string? Alias, string? Section, string FilePath, string? Args)
{
    /// <summary>
    /// Whether the module runs isolated, in a host process of its own, rather than in this process: what the manager's
    /// <see cref="DriverManagerOptions.Isolation"/> and, for an alias, its install record
    /// (<see cref="Registries.DriverInstallRecord.Isolated"/>) decide together.
    /// </summary>
    public bool Isolated { get; init; }
}
