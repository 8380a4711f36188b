using System.Buffers;
using System.Text;

namespace InstallableDrivers;

/// <summary>
/// The one definition of a control character for every name, path and registry line: what <see cref="char.IsControl(char)"/>
/// says, C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). No name may hold one: a NUL would cut it short in
/// native code, a line break would end a registry line, and the rest are invisible in a message. The one exception is
/// a tab in a registry line, where it is white space like a space (around names and '=', and between a driver file and
/// its args); it still may not be part of a name.
/// </summary>
internal static class ControlCharacters
{
    private static readonly SearchValues<char> All = SearchValues.Create(Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl).ToArray());
    private static readonly SearchValues<char> AllButTab = SearchValues.Create(Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c != '\t').ToArray());

    /// <summary>True if the text holds a control character, tab included: the rule for names.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether it does.</returns>
    public static bool Contains(ReadOnlySpan<char> text) => text.ContainsAny(All);

    /// <summary>True if the text holds a control character other than tab: the rule for a registry line or value.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether it does.</returns>
    public static bool ContainsAnyButTab(ReadOnlySpan<char> text) => text.ContainsAny(AllButTab);

    /// <summary>The text with every control character shown as <c>\uXXXX</c>, safe to print on one line.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The printable text.</returns>
    public static string Escape(ReadOnlySpan<char> text)
    {
        var printable = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                printable.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }
}
