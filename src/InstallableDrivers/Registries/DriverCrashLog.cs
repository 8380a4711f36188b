using System.Globalization;

namespace InstallableDrivers.Registries;

/// <summary>
/// Remembers the crashes of each alias in the registry, and says when an alias is quarantined: after
/// <see cref="QuarantineCrashCount"/> crashes within <see cref="QuarantineWindow"/> (three within an hour), opens of the
/// alias fail with <see cref="DriverFailureReason.Quarantined"/> until it is released (<see cref="Release"/>,
/// <c>drv release ALIAS</c>) or installed again. The quarantine does not lift by itself: a driver that crashed three times
/// in an hour will likely crash again, and a person should decide when it may run.
/// </summary>
/// <remarks>
/// <para>
/// The crashes of <c>wave1</c> in <c>[Drivers32]</c> are the value <c>wave1</c> of <c>[InstallableDrivers.Crashes:Drivers32]</c>,
/// records separated by <c>"; "</c>, oldest first, so the driver sections keep only <c>alias=file args</c> lines.
/// </para>
/// <para>
/// The log stays bounded: a crash recorded drops the records older than the window before it, and keeps at most
/// <see cref="QuarantineCrashCount"/> records (the newest), each reason at most <see cref="DriverCrashRecord.MaxReasonLength"/>
/// characters. A crash of an alias that is already quarantined (an instance opened before) changes nothing: the
/// quarantine stands as it was. A record and the write it leads to are one registry transaction
/// (<see cref="IniDriverRegistry.Edit{T}"/> for a registry file), so crashes recorded at once by several processes are all counted.
/// </para>
/// <para>
/// A value that cannot be read is reported with <see cref="FormatException"/> (for a registry file,
/// <see cref="DriverRegistryFormatException"/> naming file and line), and never rewritten: recording a crash over it fails,
/// and only <see cref="Release"/> (or a person) removes it.
/// </para>
/// </remarks>
/// <param name="registry">The registry the records are kept in, the same one that holds the aliases.</param>
public sealed class DriverCrashLog(IDriverRegistry registry)
{
    /// <summary>What the name of a crash section starts with; the driver section's name follows it.</summary>
    public const string SectionPrefix = "InstallableDrivers.Crashes:";

    /// <summary>How many crashes within <see cref="QuarantineWindow"/> quarantine an alias: 3.</summary>
    public const int QuarantineCrashCount = 3;

    private const string Separator = "; ";

    /// <summary>How close together <see cref="QuarantineCrashCount"/> crashes must be to quarantine an alias: an hour.</summary>
    public static TimeSpan QuarantineWindow { get; } = TimeSpan.FromHours(1);

    /// <summary>The section that holds the crash records of a driver section's aliases.</summary>
    /// <param name="section">The driver section, for example <c>Drivers32</c>.</param>
    /// <returns>The crash section, for example <c>InstallableDrivers.Crashes:Drivers32</c>.</returns>
    public static string CrashSectionOf(string section) => RecordSectionNames.Of(SectionPrefix, section);

    /// <summary>Gets the recorded crashes of an alias.</summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The crashes, oldest first; empty if there are none.</returns>
    /// <exception cref="FormatException">The records or the registry file are malformed; for a registry file, a
    /// <see cref="DriverRegistryFormatException"/> naming file and line.</exception>
    public IReadOnlyList<DriverCrashRecord> Get(string section, string alias) => Read(registry, section, alias);

    /// <summary>Whether an alias is quarantined: its log holds <see cref="QuarantineCrashCount"/> crashes within <see cref="QuarantineWindow"/>.</summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>True if opens of the alias fail with <see cref="DriverFailureReason.Quarantined"/>.</returns>
    /// <exception cref="FormatException">The records or the registry file are malformed.</exception>
    public bool IsQuarantined(string section, string alias) => IsQuarantined(Get(section, alias));

    /// <summary>Whether crashes (oldest first) quarantine their alias: <see cref="QuarantineCrashCount"/> of them within <see cref="QuarantineWindow"/>.</summary>
    /// <param name="crashes">An alias's crashes, as <see cref="Get"/> gives them.</param>
    /// <returns>True if they do.</returns>
    public static bool IsQuarantined(IReadOnlyList<DriverCrashRecord> crashes)
    {
        ArgumentNullException.ThrowIfNull(crashes);
        for (var last = QuarantineCrashCount - 1; last < crashes.Count; last++)
        {
            if (crashes[last].At - crashes[last - QuarantineCrashCount + 1].At <= QuarantineWindow)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records a crash of an alias, dropping records older than <see cref="QuarantineWindow"/> before it and keeping at
    /// most <see cref="QuarantineCrashCount"/>; an alias already quarantined is left as it is.
    /// </summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="crash">The crash.</param>
    /// <returns>True if the alias is quarantined now.</returns>
    /// <exception cref="FormatException">The alias's records or the registry file are malformed; nothing is written.</exception>
    /// <exception cref="IOException">The registry file could not be written.</exception>
    public bool Record(string section, string alias, DriverCrashRecord crash)
    {
        ArgumentNullException.ThrowIfNull(crash);
        return RegistryTransaction.Run(registry, view =>
        {
            var crashes = Read(view, section, alias);
            if (IsQuarantined(crashes))
            {
                return true;
            }

            var newest = crashes.Append(crash).OrderBy(c => c.At).ToList();
            var since = newest[^1].At - QuarantineWindow;
            var kept = newest.Where(c => c.At >= since).TakeLast(QuarantineCrashCount).ToList();
            view.SetValue(CrashSectionOf(section), alias, string.Join(Separator, kept.Select(c => c.ToRegistryText())));
            return IsQuarantined(kept);
        });
    }

    /// <summary>Releases an alias from quarantine, or forgets its crashes if it is not quarantined: deletes its records, readable or not.</summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>True if it had records.</returns>
    public bool Release(string section, string alias) => registry.DeleteValue(CrashSectionOf(section), alias);

    /// <summary>
    /// The reason an open of a quarantined alias fails with: which crashes quarantined it, and how to release it.
    /// </summary>
    /// <param name="section">The alias's section.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="crashes">Its crashes, as <see cref="Get"/> gives them.</param>
    /// <returns>The message.</returns>
    internal static string DescribeQuarantine(string section, string alias, IReadOnlyList<DriverCrashRecord> crashes)
    {
        ArgumentNullException.ThrowIfNull(crashes);
        var crashed = string.Create(CultureInfo.InvariantCulture,
            $"'{alias}' in [{section}] is quarantined: its driver crashed {crashes.Count} times within {QuarantineWindow.TotalMinutes:0} minutes");
        return $"{crashed} ({string.Join("; ", crashes)}). Release it with 'drv release {alias}' (or install it again with "
            + "'drv install --force') once you have reason to think it will not crash again.";
    }

    /// <summary>The crashes of an alias as <paramref name="registry"/> holds them, oldest first (<see cref="Get"/>).</summary>
    /// <exception cref="FormatException">The records or the registry file are malformed.</exception>
    internal static IReadOnlyList<DriverCrashRecord> Read(IDriverRegistry registry, string section, string alias)
    {
        var crashSection = CrashSectionOf(section);
        var value = registry.GetValue(crashSection, alias);
        if (value is null)
        {
            // Every open of an alias asks, and almost every alias has none: no list for that.
            return Array.Empty<DriverCrashRecord>();
        }

        try
        {
            return [.. value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(DriverCrashRecord.Parse)
                .OrderBy(c => c.At)];
        }
        catch (FormatException e)
        {
            var problem = $"the crash records of '{alias}' in [{crashSection}] are malformed: {e.Message}; 'drv release {alias}' deletes them";
            throw registry is IRegistryLineLocator locator && locator.Locate(crashSection, alias) is var (file, line)
                ? new DriverRegistryFormatException(file, line, problem)
                : new FormatException(char.ToUpperInvariant(problem[0]) + problem[1..] + ".", e);
        }
    }
}
