using InstallableDrivers.Registries;

namespace InstallableDrivers.Modules;

/// <summary>
/// Resolves a driver name and section as OpenDriver does (docs/contract.md#open steps 1–2, #d6), and checks an installed
/// alias's file against its install record (<see cref="DriverMetadataStore"/>) when given an <paramref name="integrity"/> check.
/// </summary>
internal sealed class DriverTargetResolver(IDriverRegistry registry, DriverFileResolver files, DriverIntegrityCheck? integrity)
{
    private const string DefaultSection = DriverRegistryLocation.DefaultSection;

    /// <exception cref="DriverOpenException">The name is invalid, the alias or file does not exist, the registry is unreadable, or the file changed since it was installed.</exception>
    public DriverTarget Resolve(string driverName, string? sectionName)
    {
        NameRules.Validate(driverName, "driver name");
        var aliasProblem = RegistryArguments.AliasProblem(driverName);
        if (sectionName is not null)
        {
            NameRules.Validate(sectionName, "section name");
            if (RegistryArguments.SectionProblem(sectionName) is { } sectionProblem)
            {
                throw new DriverOpenException(DriverFailureReason.InvalidName, $"'{sectionName}' cannot be a section name: {sectionProblem}.");
            }

            if (aliasProblem is not null)
            {
                throw new DriverOpenException(DriverFailureReason.InvalidName, $"'{driverName}' cannot be an alias in [{sectionName}]: {aliasProblem}.");
            }

            var value = Lookup(sectionName, driverName)
                ?? throw new DriverOpenException(DriverFailureReason.AliasNotFound,
                    $"There is no alias '{driverName}' in section [{sectionName}].");
            return FromValue(driverName, sectionName, value);
        }

        // docs/contract.md#d6: an alias in Drivers32 wins over a stray file of the same name (Windows 3.1 SDK order). A name
        // that cannot be an alias ("/dir/a=b.so") is not looked up as one: it can only be a file.
        var aliased = aliasProblem is null ? Lookup(DefaultSection, driverName) : null;
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

    /// <summary>
    /// Reads a value and parses it; a registry that cannot be read, refuses the name, or holds a value that cannot be
    /// parsed is a RegistryError: OpenDriver reports every failure through LastError rather than letting it escape.
    /// </summary>
    private T? Lookup<T>(string section, string alias, Func<string, T> parse)
        where T : class
    {
        try
        {
            return registry.GetValue(section, alias) is { } value ? parse(value) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            throw new DriverOpenException(DriverFailureReason.RegistryError,
                $"The driver registry could not be read while looking up '{alias}' in [{section}]: {e.Message}", e);
        }
    }
}
