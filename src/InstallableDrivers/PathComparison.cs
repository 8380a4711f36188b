namespace InstallableDrivers;

/// <summary>
/// How file paths compare on this operating system: ignoring case on Windows and macOS, whose usual file systems do,
/// and exactly elsewhere. The one statement of that rule, for every place that compares or keys paths.
/// </summary>
internal static class PathComparison
{
    private static readonly bool IgnoresCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    /// <summary>The comparer for dictionaries keyed by path.</summary>
    public static StringComparer Comparer { get; } = IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The comparison for <see cref="string.StartsWith(string, StringComparison)"/> and the like.</summary>
    public static StringComparison Comparison { get; } = IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}
