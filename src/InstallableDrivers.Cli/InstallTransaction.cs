using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>
/// An install's writes, the alias and its install record, and the clearing of the alias's crash records (a new install
/// releases a quarantine), made in one registry transaction; and the undoing of exactly those writes when the driver
/// cancels its installation or the install fails.
/// </summary>
internal sealed class InstallTransaction
{
    private readonly IniDriverRegistry registry;
    private readonly string section;
    private readonly string alias;
    private readonly Entry written;
    private readonly Entry previous;

    private InstallTransaction(IniDriverRegistry registry, string section, string alias, Entry written, Entry previous)
    {
        this.registry = registry;
        this.section = section;
        this.alias = alias;
        this.written = written;
        this.previous = previous;
    }

    /// <summary>
    /// Writes the alias and its record if the alias is not installed yet (or <paramref name="replace"/>): the check and
    /// the write are one transaction, so of several installs of one alias at once exactly one succeeds.
    /// </summary>
    /// <exception cref="CliException">The alias exists and <paramref name="replace"/> is false; nothing is written.</exception>
    public static InstallTransaction Write(
        IniDriverRegistry registry, string section, string alias, string value, DriverInstallRecord record, bool replace) =>
        registry.Edit(view =>
        {
            var previous = Entry.Read(view, section, alias);
            if (previous.Value is not null && !replace)
            {
                throw new CliException(ExitCode.BadInput,
                    $"'{alias}' is already installed in [{section}]: {previous.Value}. Pass --force to replace it, or --alias to choose another name.");
            }

            var written = new Entry(value, record.ToString(), null);
            written.WriteTo(view, section, alias);
            return new InstallTransaction(registry, section, alias, written, previous);
        });

    /// <summary>
    /// Puts back what was there before this install, if the alias and its record are still what this install wrote:
    /// an install made by another writer meanwhile (drv install --force) is theirs, and stays.
    /// </summary>
    /// <returns>True if undone; false if another writer had changed the alias meanwhile.</returns>
    public bool Undo() => registry.Edit(view =>
    {
        // Crashes recorded meanwhile (the driver crashed in DRV_INSTALL) do not make the install another writer's.
        if (Entry.Read(view, section, alias) with { Crashes = null } != written)
        {
            return false;
        }

        previous.WriteTo(view, section, alias);
        return true;
    });

    /// <summary>An alias's value and the texts of its install and crash records, each null when missing: kept as text, so
    /// that even a malformed record replaced by --force is put back as it was.</summary>
    private sealed record Entry(string? Value, string? Record, string? Crashes)
    {
        public static Entry Read(IDriverRegistry registry, string section, string alias) =>
            new(registry.GetValue(section, alias), registry.GetValue(DriverMetadataStore.MetadataSectionOf(section), alias),
                registry.GetValue(DriverCrashLog.CrashSectionOf(section), alias));

        public void WriteTo(IDriverRegistry registry, string section, string alias)
        {
            Write(registry, section, alias, Value);
            Write(registry, DriverMetadataStore.MetadataSectionOf(section), alias, Record);
            Write(registry, DriverCrashLog.CrashSectionOf(section), alias, Crashes);
        }

        private static void Write(IDriverRegistry registry, string section, string alias, string? value)
        {
            if (value is null)
            {
                registry.DeleteValue(section, alias);
            }
            else
            {
                registry.SetValue(section, alias, value);
            }
        }
    }
}
