using System.Globalization;

namespace InstallableDrivers.Cli;

/// <summary>Numbers as drv reads and prints them: decimal or <c>0x</c> hexadecimal.</summary>
internal static class Numbers
{
    /// <summary>Reads a decimal (possibly negative) or 0x-hexadecimal number; null if the text is neither.</summary>
    public static long? TryParse(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            // Hexadecimal is a bit pattern: 0xFFFFFFFFFFFFFFFF is -1 as an LPARAM.
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits) ? (long)bits : null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>Reads an LPARAM.</summary>
    /// <exception cref="CliException">The text is not a number that fits an LPARAM.</exception>
    public static nint ParseLParam(string text, string what) =>
        TryParse(text) is { } value && value >= nint.MinValue && value <= nint.MaxValue
            ? (nint)value
            : throw new CliException(ExitCode.BadInput, $"{what} '{text}' is not a number: give a decimal or 0x hexadecimal value.");

    /// <summary>The value in decimal and hexadecimal: <c>16 (0x10)</c>.</summary>
    public static string DecimalAndHex(nint value) => string.Create(CultureInfo.InvariantCulture, $"{value} ({Hex(value)})");

    /// <summary>The value's bits in hexadecimal: <c>0x10</c>.</summary>
    public static string Hex(nint value) => string.Create(CultureInfo.InvariantCulture, $"0x{value:X}");
}
