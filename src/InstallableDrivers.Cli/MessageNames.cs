using System.Globalization;
using System.Reflection;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli;

/// <summary>
/// Message numbers by name: every <c>DRV_*</c> message constant of <see cref="DriverMessages"/>, a name plus an offset
/// (<c>DRV_USER+3</c>, <c>DRV_RESERVED+0x10</c>), or a number (decimal or 0x hexadecimal); names ignore case.
/// </summary>
internal static class MessageNames
{
    // Read from DriverMessages itself, so a message added there is known here at once. The first name declared for a
    // number is the one printed (DRV_RESERVED rather than DRV_MCI_FIRST).
    private static readonly (string Name, uint Value)[] Known = typeof(DriverMessages)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(uint) && field.Name.StartsWith("DRV_", StringComparison.Ordinal))
        .Select(field => (field.Name, (uint)field.GetRawConstantValue()!))
        .ToArray();

    /// <summary>What the help text says a message may be.</summary>
    public const string Syntax = "a DRV_* name (DRV_QUERYCONFIGURE), a name plus an offset (DRV_USER+3), or a number (16387, 0x4003)";

    /// <summary>Reads a message name or number.</summary>
    /// <exception cref="CliException">The text is no known name, name+offset or 32-bit number.</exception>
    public static uint Parse(string text)
    {
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var name = plus < 0 ? text : text[..plus];
        if (Numbers.TryParse(text) is { } number and >= 0 and <= uint.MaxValue)
        {
            return (uint)number;
        }

        var known = Known.FirstOrDefault(k => string.Equals(k.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known.Name is null)
        {
            throw new CliException(ExitCode.BadInput, $"'{text}' is not a message: give {Syntax}.");
        }

        if (plus < 0)
        {
            return known.Value;
        }

        var offset = Numbers.TryParse(text[(plus + 1)..].Trim());
        return offset is >= 0 && known.Value + offset <= uint.MaxValue
            ? (uint)(known.Value + offset.Value)
            : throw new CliException(ExitCode.BadInput, $"'{text}' has no valid offset after '+': give a decimal or 0x hexadecimal number.");
    }

    /// <summary>The name of a message number: its DRV_* name, DRV_USER+n, DRV_RESERVED+n, or 0xNNNN.</summary>
    public static string Format(uint message)
    {
        foreach (var (name, value) in Known)
        {
            if (value == message)
            {
                return name;
            }
        }

        return message switch
        {
            >= DRV_USER => string.Create(CultureInfo.InvariantCulture, $"DRV_USER+{message - DRV_USER}"),
            >= DRV_RESERVED => string.Create(CultureInfo.InvariantCulture, $"DRV_RESERVED+{message - DRV_RESERVED}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"0x{message:X4}"),
        };
    }

    /// <summary>True for the messages the host itself sends to open and close a driver, which a user may not send.</summary>
    public static bool IsLifecycle(uint message) => message is DRV_LOAD or DRV_ENABLE or DRV_OPEN or DRV_CLOSE or DRV_DISABLE or DRV_FREE;
}
