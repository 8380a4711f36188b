namespace InstallableDrivers.Registries;

/// <summary>
/// A driver registry held in memory: for tests, and for hosts that register their drivers in code.
/// </summary>
/// <remarks>
/// Names compare case-insensitively and keep the spelling first given; sections and aliases keep their insertion order.
/// Names and values follow the same rules as <see cref="IniDriverRegistry"/>, so that this is a faithful stand-in for it.
/// Deleting a section's last alias keeps the (empty) section, as a <c>system.ini</c> keeps its header.
/// </remarks>
public sealed class MemoryDriverRegistry : IDriverRegistry
{
    private readonly Lock gate = new();
    private readonly OrderedDictionary<string, OrderedDictionary<string, string>> sections = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public string? GetValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        lock (gate)
        {
            return sections.TryGetValue(section, out var aliases) && aliases.TryGetValue(alias, out var value) ? value : null;
        }
    }

    /// <inheritdoc />
    public void SetValue(string section, string alias, string value)
    {
        RegistryArguments.CheckEntry(section, alias, value);
        lock (gate)
        {
            if (!sections.TryGetValue(section, out var aliases))
            {
                aliases = new OrderedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                sections.Add(section, aliases);
            }

            // The indexer keeps an existing key's spelling and position, which is the contract.
            aliases[alias] = value;
        }
    }

    /// <inheritdoc />
    public bool DeleteValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        lock (gate)
        {
            return sections.TryGetValue(section, out var aliases) && aliases.Remove(alias);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetSections()
    {
        lock (gate)
        {
            return [.. sections.Keys];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetAliases(string section)
    {
        RegistryArguments.CheckSection(section);
        lock (gate)
        {
            return sections.TryGetValue(section, out var aliases) ? [.. aliases.Keys] : [];
        }
    }
}
