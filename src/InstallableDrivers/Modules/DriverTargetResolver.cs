using InstallableDrivers.Registries;

namespace InstallableDrivers.Modules;

/// <summary>
/// Resolves a driver name and section as OpenDriver does (docs/contract.md#open steps 1–2, #d6), and for an alias: refuses
/// it for an open while it is quarantined (<see cref="DriverCrashLog"/>), decides with <paramref name="isolation"/> and its install record
/// whether it runs isolated, and checks its file against that record (<see cref="DriverMetadataStore"/>) when given an
/// <paramref name="integrity"/> check.
/// </summary>
internal sealed class DriverTargetResolver(
    IDriverRegistry registry, DriverFileResolver files, DriverIntegrityCheck? integrity, DriverIsolation isolation)
{
    private const string DefaultSection = DriverRegistryLocation.DefaultSection;

    /// <param name="driverName">An alias or a driver file name.</param>
    /// <param name="sectionName">The alias's section, or null.</param>
    /// <param name="forOpen">True to refuse a quarantined alias, as an open must; false to find what it would open, as
    /// <see cref="DriverManager.Resolve"/> does for tools that show what is installed.</param>
    /// <exception cref="DriverOpenException">The name is invalid, the alias or file does not exist, the registry is unreadable,
    /// the alias is quarantined (<paramref name="forOpen"/>), or the file changed since it was installed.</exception>
    public DriverTarget Resolve(string driverName, string? sectionName, bool forOpen)
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

            var view = Snapshot(sectionName, driverName);
            var value = Lookup(view, sectionName, driverName)
                ?? throw new DriverOpenException(DriverFailureReason.AliasNotFound,
                    $"There is no alias '{driverName}' in section [{sectionName}].");
            return FromValue(view, driverName, sectionName, value, forOpen);
        }

        // docs/contract.md#d6: an alias in Drivers32 wins over a stray file of the same name (Windows 3.1 SDK order). A name
        // that cannot be an alias ("/dir/a=b.so") is not looked up as one: it can only be a file.
        var defaultView = aliasProblem is null ? Snapshot(DefaultSection, driverName) : null;
        var aliased = defaultView is null ? null : Lookup(defaultView, DefaultSection, driverName);
        return aliased is not null
            ? FromValue(defaultView!, driverName, DefaultSection, aliased, forOpen)
            // A file opened by name has no registry entry to ask: it runs isolated only when every module does.
            : new DriverTarget(null, null, files.Resolve(driverName), null) { Isolated = isolation == DriverIsolation.All };
    }

    private DriverTarget FromValue(IDriverRegistry view, string alias, string section, string value, bool forOpen)
    {
        var parsed = DriverRegistryValue.Parse(value);
        if (string.IsNullOrWhiteSpace(parsed.File))
        {
            throw new DriverOpenException(DriverFailureReason.InvalidName, $"The alias '{alias}' in [{section}] names no driver file.");
        }

        // Before the file is even looked for: a quarantined alias is refused whatever became of its file.
        if (forOpen)
        {
            var crashed = Reading(DriverCrashLog.CrashSectionOf(section), alias, (view, section),
                static (state, _, alias) => DriverCrashLog.Read(state.view, state.section, alias));
            if (DriverCrashLog.IsQuarantined(crashed))
            {
                throw new DriverOpenException(DriverFailureReason.Quarantined, DriverCrashLog.DescribeQuarantine(section, alias, crashed));
            }
        }

        var record = integrity is not null || isolation == DriverIsolation.AsRegistered
            ? Lookup(view, DriverMetadataStore.MetadataSectionOf(section), alias, DriverInstallRecord.Parse)
            : null;
        var target = new DriverTarget(alias, section, files.Resolve(parsed.File), parsed.Args)
        {
            Isolated = isolation switch
            {
                DriverIsolation.None => false,
                DriverIsolation.All => true,
                _ => record?.Isolated == true,
            },
        };
        if (integrity is not null && record is not null)
        {
            integrity.Verify(target, record);
        }

        return target;
    }

    /// <summary>
    /// The registry as it is now, for the reads of one resolve: a registry file is read (one stat, when unchanged) once
    /// for them all, rather than once per value (alias, crash records, install record), and they see one version of it.
    /// </summary>
    private IDriverRegistry Snapshot(string section, string alias) =>
        registry is IniDriverRegistry file ? Reading(section, alias, file, static (file, _, _) => file.Snapshot()) : registry;

    private static string? Lookup(IDriverRegistry view, string section, string alias) => Lookup(view, section, alias, static value => value);

    /// <summary>Reads a value and parses it, as <see cref="Reading{TState, T}"/> does.</summary>
    private static T? Lookup<T>(IDriverRegistry view, string section, string alias, Func<string, T> parse)
        where T : class =>
        Reading(section, alias, (view, parse), static (state, section, alias) =>
            state.view.GetValue(section, alias) is { } value ? state.parse(value) : null);

    /// <summary>
    /// Reads what the registry holds for an alias; a registry that cannot be read, refuses the name, or holds a value that
    /// cannot be parsed is a RegistryError: OpenDriver reports every failure through LastError rather than letting it escape.
    /// The state is passed rather than captured, so that a lookup allocates nothing (the warm open of a bare name does not).
    /// </summary>
    private static T Reading<TState, T>(string section, string alias, TState state, Func<TState, string, string, T> read)
    {
        try
        {
            return read(state, section, alias);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            throw new DriverOpenException(DriverFailureReason.RegistryError,
                $"The driver registry could not be read while looking up '{alias}' in [{section}]: {e.Message}", e);
        }
    }
}
