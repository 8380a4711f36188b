using InstallableDrivers.Registries;

namespace InstallableDrivers.Modules;

/// <summary>
/// Resolves a driver name and section as OpenDriver does (docs/contract.md#open steps 1–2, #d6), and checks an installed
/// alias's file against its install record (<see cref="DriverMetadataStore"/>) when given an <paramref name="integrity"/> check.
/// </summary>
internal sealed class DriverTargetResolver(IDriverRegistry registry, DriverFileResolver files, DriverIntegrityCheck? integrity)
{
    /// <summary>The section an alias is looked up in when no section is given.</summary>
    public const string DefaultSection = "Drivers32";

    /// <exception cref="DriverOpenException">The name is invalid, the alias or file does not exist, the registry is unreadable, or the file changed since it was installed.</exception>
    public DriverTarget Resolve(string driverName, string? sectionName)
    {
        NameRules.Validate(driverName, "driver name");
        if (sectionName is not null)
        {
            NameRules.Validate(sectionName, "section name");
            var value = Lookup(sectionName, driverName)
                ?? throw new DriverOpenException(DriverFailureReason.AliasNotFound,
                    $"There is no alias '{driverName}' in section [{sectionName}].");
            return FromValue(driverName, sectionName, value);
        }

        // docs/contract.md#d6: an alias in Drivers32 wins over a stray file of the same name (Windows 3.1 SDK order).
        var aliased = Lookup(DefaultSection, driverName);
        return aliased is not null
            ? FromValue(driverName, DefaultSection, aliased)
            : new DriverTarget(null, null, files.Resolve(driverName), null);
    }

    private DriverTarget FromValue(string alias, string section, string value)
    {
        var parsed = DriverRegistryValue.Parse(value);
        if (string.IsNullOrWhiteSpace(parsed.File))
        {
            throw new DriverOpenException(DriverFailureReason.InvalidName, $"The alias '{alias}' in [{section}] names no driver file.");
        }

        var target = new DriverTarget(alias, section, files.Resolve(parsed.File), parsed.Args);
        if (integrity is not null && Lookup(DriverMetadataStore.MetadataSectionOf(section), alias, DriverInstallRecord.Parse) is { } record)
        {
            integrity.Verify(target, record);
        }

        return target;
    }

    private string? Lookup(string section, string alias) => Lookup(section, alias, static value => value);

    /// <summary>Reads a value and parses it; a registry that cannot be read or a value that cannot be parsed is a RegistryError.</summary>
    private T? Lookup<T>(string section, string alias, Func<string, T> parse)
        where T : class
    {
        try
        {
            return registry.GetValue(section, alias) is { } value ? parse(value) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new DriverOpenException(DriverFailureReason.RegistryError,
                $"The driver registry could not be read while looking up '{alias}' in [{section}]: {e.Message}", e);
        }
    }
}
