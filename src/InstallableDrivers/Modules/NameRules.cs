namespace InstallableDrivers.Modules;

/// <summary>What a driver, alias, section or file name may contain.</summary>
internal static class NameRules
{
    /// <summary>True if the text contains a control character (a NUL would cut the name short in native code).</summary>
    public static bool HasControlCharacters(string text) => text.AsSpan().ContainsAnyInRange('\0', '\u001f') || text.Contains('\u007f', StringComparison.Ordinal);

    /// <summary>Refuses null, empty, blank and control-character names.</summary>
    /// <exception cref="DriverOpenException">With <see cref="DriverFailureReason.InvalidName"/>.</exception>
    public static void Validate(string? name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DriverOpenException(DriverFailureReason.InvalidName, $"The {what} is empty.");
        }

        if (HasControlCharacters(name))
        {
            throw new DriverOpenException(DriverFailureReason.InvalidName, $"The {what} '{Printable(name)}' contains control characters.");
        }
    }

    /// <summary>The text with control characters shown as \uXXXX, safe to print.</summary>
    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
