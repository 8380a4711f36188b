using System.Text;

namespace InstallableDrivers.Registries;

/// <summary>
/// A parsed <c>system.ini</c> file: its lines exactly as read, and an index of its sections and aliases. Immutable; an
/// edit returns a new document that differs from this one only in the line it changes.
/// </summary>
/// <remarks>
/// Sections that appear more than once (in any spelling) are one section whose entries are read in file order; an alias
/// that appears more than once is read and updated at its first line, as GetPrivateProfileString does, and deleted at
/// every line, so that a deleted alias is gone rather than replaced by its next line.
/// </remarks>
internal sealed class IniDocument
{
    private readonly IniLine[] lines;
    private readonly bool hasByteOrderMark;
    private readonly OrderedDictionary<string, SectionIndex> sections = new(StringComparer.OrdinalIgnoreCase);

    // A new line takes the file's own line break, so that a CRLF file stays CRLF.
    private readonly string newLine;

    /// <summary>Creates a document from its lines.</summary>
    /// <param name="lines">The lines, in file order; every entry comes after a header.</param>
    /// <param name="hasByteOrderMark">Whether the file starts with a UTF-8 byte order mark, kept when it is written back.</param>
    public IniDocument(IEnumerable<IniLine> lines, bool hasByteOrderMark)
    {
        this.lines = [.. lines];
        this.hasByteOrderMark = hasByteOrderMark;
        newLine = this.lines.Select(line => line.LineBreak).FirstOrDefault(lineBreak => lineBreak.Length > 0) ?? Environment.NewLine;

        SectionIndex? current = null;
        for (var i = 0; i < this.lines.Length; i++)
        {
            var line = this.lines[i];
            if (line.Kind == IniLineKind.Section && !sections.TryGetValue(line.Name, out current))
            {
                current = new SectionIndex(i);
                sections.Add(line.Name, current);
            }
            else if (line.Kind == IniLineKind.Entry)
            {
                if (!current!.Aliases.TryGetValue(line.Name, out var entries))
                {
                    entries = [];
                    current.Aliases.Add(line.Name, entries);
                }

                entries.Add(i);
                current.LastEntryOrHeader = i;
            }
        }
    }

    /// <summary>A file with no lines: what a missing file reads as.</summary>
    public static IniDocument Empty { get; } = new([], hasByteOrderMark: false);

    /// <summary>The three bytes a UTF-8 file may start with.</summary>
    public static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Lists the sections in file order, each in the spelling of its first header.</summary>
    /// <returns>The section names.</returns>
    public IReadOnlyList<string> GetSections() => [.. sections.Keys];

    /// <summary>Lists the aliases of a section in file order, each in the spelling of its first line.</summary>
    /// <param name="section">The section.</param>
    /// <returns>The aliases; empty if there is no such section.</returns>
    public IReadOnlyList<string> GetAliases(string section) =>
        sections.TryGetValue(section, out var index) ? [.. index.Aliases.Keys] : [];

    /// <summary>Gets the value of an alias.</summary>
    /// <param name="section">The section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The value of its first line, or null.</returns>
    public string? GetValue(string section, string alias) =>
        FindEntry(section, alias) is int i ? lines[i].Value : null;

    /// <summary>Gets the value of every line of an alias.</summary>
    /// <param name="section">The section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The values in file order (the first is the one that counts); empty if there is no such alias.</returns>
    public IReadOnlyList<string> GetValues(string section, string alias) =>
        FindEntries(section, alias) is { } entries ? [.. entries.Select(i => lines[i].Value)] : [];

    /// <summary>The 1-based number of an alias's first line.</summary>
    /// <param name="section">The section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The line number, or null if there is no such alias.</returns>
    public int? LineOf(string section, string alias) => FindEntry(section, alias) + 1;

    /// <summary>Sets an alias: replaces its line, or adds one after the section's last entry, or adds the section at the end.</summary>
    /// <param name="section">The section.</param>
    /// <param name="alias">The alias.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new document, or null if the alias already has that value.</returns>
    public IniDocument? WithValue(string section, string alias, string value)
    {
        if (FindEntry(section, alias) is int i)
        {
            var old = lines[i];
            return old.Value == value ? null : Edit(list => list[i] = IniLine.Entry(old.Name, value, old.LineBreak));
        }

        if (sections.TryGetValue(section, out var index))
        {
            return Insert(index.LastEntryOrHeader + 1, [IniLine.Entry(alias, value, newLine)]);
        }

        // A blank line before a new section keeps the file readable by people, who edit it too.
        var separator = lines.Length > 0 && lines[^1].Kind != IniLineKind.Blank ? [IniLine.Blank(newLine)] : Array.Empty<IniLine>();
        return Insert(lines.Length, [.. separator, IniLine.Header(section, newLine), IniLine.Entry(alias, value, newLine)]);
    }

    /// <summary>Deletes every line of an alias.</summary>
    /// <param name="section">The section.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The new document, or null if there is no such alias.</returns>
    public IniDocument? WithoutValue(string section, string alias) => FindEntries(section, alias) is { } entries
        ? Edit(list =>
        {
            // From the last, so that each removal leaves the earlier line numbers as they were.
            for (var k = entries.Count - 1; k >= 0; k--)
            {
                list.RemoveAt(entries[k]);
            }
        })
        : null;

    /// <summary>Gives the bytes of the file: every line as it was read, with its own line break.</summary>
    /// <returns>The UTF-8 bytes, with a byte order mark if the file had one.</returns>
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Text).Append(line.LineBreak);
        }

        var body = Encoding.UTF8.GetBytes(text.ToString());
        return hasByteOrderMark ? [.. Utf8ByteOrderMark, .. body] : body;
    }

    private int? FindEntry(string section, string alias) => FindEntries(section, alias)?[0];

    private List<int>? FindEntries(string section, string alias) =>
        sections.TryGetValue(section, out var index) && index.Aliases.TryGetValue(alias, out var entries) ? entries : null;

    private IniDocument Insert(int position, IniLine[] added) => Edit(list =>
    {
        // Only the last line can lack a line break; a line added after it needs one between them.
        if (position == list.Count && position > 0 && list[^1].LineBreak.Length == 0)
        {
            list[^1] = list[^1] with { LineBreak = newLine };
        }

        list.InsertRange(position, added);
    });

    private IniDocument Edit(Action<List<IniLine>> edit)
    {
        var list = new List<IniLine>(lines);
        edit(list);
        return new IniDocument(list, hasByteOrderMark);
    }

    /// <summary>Where one section's entries are.</summary>
    /// <param name="header">The line number (0-based) of the section's first header.</param>
    private sealed class SectionIndex(int header)
    {
        /// <summary>The lines of each alias's entries (at least one), in file order.</summary>
        public OrderedDictionary<string, List<int>> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The line after which a new alias goes: the section's last entry, or its header if it has none.</summary>
        public int LastEntryOrHeader { get; set; } = header;
    }
}
