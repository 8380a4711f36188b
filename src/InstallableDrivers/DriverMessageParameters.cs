using System.Runtime.InteropServices;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers;

/// <summary>
/// The table of standard messages whose parameters are pointers, and what they point at. A tracer reads it to show what
/// a driver received; a host that runs drivers in another process copies what these pointers reach across with it.
/// A custom message's parameters are <see cref="DriverParameterKind.Value"/>: the runtime cannot know what they point at.
/// </summary>
public static class DriverMessageParameters
{
    /// <summary>What lParam1 and lParam2 of a message carry.</summary>
    /// <param name="message">A message number.</param>
    /// <returns>The kinds of lParam1 and lParam2.</returns>
    public static (DriverParameterKind LParam1, DriverParameterKind LParam2) Of(uint message) => message switch
    {
        DRV_OPEN => (DriverParameterKind.Utf16String, DriverParameterKind.Value),
        DRV_CONFIGURE or DRV_INSTALL => (DriverParameterKind.Value, DriverParameterKind.DriverConfigInfo),
        _ => (DriverParameterKind.Value, DriverParameterKind.Value),
    };

    /// <summary>
    /// Describes what a parameter points at, for a person: the string in quotes, or the section and alias of a
    /// configuration block. Call it only while the pointer is valid (inside the message, or an observer of it).
    /// </summary>
    /// <param name="kind">What the parameter carries.</param>
    /// <param name="value">The parameter.</param>
    /// <returns>The description, or null for a <see cref="DriverParameterKind.Value"/> or a null pointer.</returns>
    public static unsafe string? Describe(DriverParameterKind kind, nint value)
    {
        if (value == 0)
        {
            return null;
        }

        switch (kind)
        {
            case DriverParameterKind.Utf16String:
                return $"\"{Marshal.PtrToStringUni(value)}\"";
            case DriverParameterKind.DriverConfigInfo:
                var info = (DRVCONFIGINFO*)value;
                return $"[{Marshal.PtrToStringUni(info->lpszDCISectionName)}] {Marshal.PtrToStringUni(info->lpszDCIAliasName)}";
            default:
                return null;
        }
    }
}
