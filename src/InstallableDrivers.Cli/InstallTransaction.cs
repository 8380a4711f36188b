using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>
/// Writes an alias and its install record, and can put back what was there before: the registry has no transactions,
/// so a cancelled or failed install undoes its two writes itself.
/// </summary>
internal sealed class InstallTransaction
{
    private readonly DriverSession session;
    private readonly string section;
    private readonly string alias;
    private readonly string? previousValue;
    private readonly DriverInstallRecord? previousRecord;

    private InstallTransaction(DriverSession session, string section, string alias)
    {
        this.session = session;
        this.section = section;
        this.alias = alias;
        previousValue = session.Registry.GetValue(section, alias);
        previousRecord = previousValue is null ? null : session.Metadata.Get(section, alias);
    }

    /// <summary>True if the alias existed before this install.</summary>
    public bool Replaces => previousValue is not null;

    /// <summary>Notes what is there now, ready to write.</summary>
    public static InstallTransaction Begin(DriverSession session, string section, string alias) => new(session, section, alias);

    /// <summary>Writes the record, then the alias: an alias never exists without its record, so its first open is checked.</summary>
    public void Write(string value, DriverInstallRecord record)
    {
        session.Metadata.Set(section, alias, record);
        session.Registry.SetValue(section, alias, value);
    }

    /// <summary>
    /// Puts the alias and its record back as they were, the alias first: a crash in between leaves at worst an alias
    /// whose check fails, never one that opens unchecked.
    /// </summary>
    public void Undo()
    {
        if (previousValue is null)
        {
            session.Registry.DeleteValue(section, alias);
        }
        else
        {
            session.Registry.SetValue(section, alias, previousValue);
        }

        if (previousRecord is null)
        {
            session.Metadata.Delete(section, alias);
        }
        else
        {
            session.Metadata.Set(section, alias, previousRecord);
        }
    }
}
