namespace InstallableDrivers.Registries;

/// <summary>
/// Keeps a <see cref="DriverInstallRecord"/> per installed alias, in a section of its own beside the alias's section:
/// the record of <c>wave1</c> in <c>[Drivers32]</c> is the value <c>wave1</c> in
/// <c>[InstallableDrivers.Metadata:Drivers32]</c>. The driver sections themselves keep only <c>alias=file args</c> lines,
/// so a <c>system.ini</c> stays readable by anything that reads one.
/// </summary>
/// <param name="registry">The registry the records are kept in, the same one that holds the aliases.</param>
public sealed class DriverMetadataStore(IDriverRegistry registry)
{
    /// <summary>What the name of a metadata section starts with; the driver section's name follows it.</summary>
    public const string SectionPrefix = "InstallableDrivers.Metadata:";

    // What every kind of record section's name starts with (IsMetadataSection).
    private const string ReservedPrefix = "InstallableDrivers.";

    /// <summary>The section that holds the records of a driver section's aliases.</summary>
    /// <param name="section">The driver section, for example <c>Drivers32</c>.</param>
    /// <returns>The metadata section, for example <c>InstallableDrivers.Metadata:Drivers32</c>.</returns>
    public static string MetadataSectionOf(string section) => RecordSectionNames.Of(SectionPrefix, section);

    /// <summary>
    /// Whether a section holds the runtime's records about a driver section's aliases rather than aliases: install
    /// records (<see cref="SectionPrefix"/>), crash records (<see cref="DriverCrashLog.SectionPrefix"/>), and any later
    /// kind. Every section named <c>InstallableDrivers.KIND:SECTION</c> is reserved for them.
    /// </summary>
    /// <param name="section">A section name.</param>
    /// <returns>True for a metadata section.</returns>
    public static bool IsMetadataSection(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) && section.Contains(':', StringComparison.Ordinal);
    }

    /// <summary>Gets the install record of an alias.</summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The record, or null if the alias has none (it was not installed with one).</returns>
    /// <exception cref="FormatException">The record or the registry file is malformed.</exception>
    public DriverInstallRecord? Get(string section, string alias)
    {
        var value = registry.GetValue(MetadataSectionOf(section), alias);
        try
        {
            return value is null ? null : DriverInstallRecord.Parse(value);
        }
        catch (FormatException e)
        {
            throw new FormatException($"The install record of '{alias}' in [{MetadataSectionOf(section)}] is malformed: {e.Message}.", e);
        }
    }

    /// <summary>Stores the install record of an alias, replacing any earlier one.</summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="record">What was installed.</param>
    public void Set(string section, string alias, DriverInstallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        registry.SetValue(MetadataSectionOf(section), alias, record.ToString());
    }

    /// <summary>Deletes the install record of an alias.</summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>True if there was one.</returns>
    public bool Delete(string section, string alias) => registry.DeleteValue(MetadataSectionOf(section), alias);
}
