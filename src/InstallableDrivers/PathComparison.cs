namespace InstallableDrivers;

/// <summary>How this platform's file system compares paths: case-insensitively on Windows and macOS, exactly elsewhere.</summary>
internal static class PathComparison
{
    /// <summary>True where two paths that differ only in case name the same file.</summary>
    private static readonly bool IgnoresCase = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    /// <summary>Compares whole paths.</summary>
    public static StringComparer Comparer { get; } = IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Compares parts of paths (prefixes).</summary>
    public static StringComparison Comparison { get; } = IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}
