using System.Collections.Concurrent;

namespace InstallableDrivers.Registries;

/// <summary>
/// The names of the sections that hold records about a driver section (<c>InstallableDrivers.Metadata:Drivers32</c>),
/// made once per prefix and section: an open of an alias looks two of them up, and a concatenation each time would be
/// most of what the open allocates.
/// </summary>
internal static class RecordSectionNames
{
    // Only sections that hold aliases reach here from opens, so a process knows few; the bound keeps a caller that names
    // many (any text) from growing the cache for ever: past it, names are made each time.
    private const int MaxCached = 64;

    private static readonly ConcurrentDictionary<(string Prefix, string Section), string> Names = new();

    /// <summary>The record section of a driver section: <paramref name="prefix"/> followed by <paramref name="section"/>.</summary>
    public static string Of(string prefix, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (Names.TryGetValue((prefix, section), out var name))
        {
            return name;
        }

        name = prefix + section;
        if (Names.Count < MaxCached)
        {
            Names.TryAdd((prefix, section), name);
        }

        return name;
    }
}
