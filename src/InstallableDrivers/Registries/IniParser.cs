using System.Text;

namespace InstallableDrivers.Registries;

/// <summary>Reads <c>system.ini</c> syntax into an <see cref="IniDocument"/>, refusing any line it cannot give back intact.</summary>
internal static class IniParser
{
    // Strict, so that a file in another encoding is refused instead of being rewritten with replacement characters.
    /// <summary>How much of a malformed line a message quotes.</summary>
    public const int ExcerptLength = 80;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the bytes of a registry file.</summary>
    /// <param name="bytes">The file's contents: UTF-8, with or without a byte order mark.</param>
    /// <param name="filePath">The file's path, for error messages.</param>
    /// <returns>The document.</returns>
    /// <exception cref="DriverRegistryFormatException">A line is not a header, an entry, a comment or blank.</exception>
    public static IniDocument Parse(ReadOnlySpan<byte> bytes, string filePath)
    {
        var hasByteOrderMark = bytes.StartsWith(IniDocument.Utf8ByteOrderMark);
        if (hasByteOrderMark)
        {
            bytes = bytes[IniDocument.Utf8ByteOrderMark.Length..];
        }

        var lines = new List<IniLine>();
        var seenSection = false;
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var content = end < 0 ? bytes : bytes[..end];
            var lineBreak = end < 0 ? string.Empty : "\n";
            if (content.EndsWith("\r"u8))
            {
                content = content[..^1];
                lineBreak = "\r" + lineBreak;
            }

            bytes = end < 0 ? [] : bytes[(end + 1)..];
            var line = ParseLine(content, lineBreak, filePath, lines.Count + 1);
            if (line.Kind == IniLineKind.Entry && !seenSection)
            {
                throw new DriverRegistryFormatException(
                    filePath, lines.Count + 1, $"expected a '[section]' header before the first 'alias=value', found {Quote(line.Text)}");
            }

            seenSection |= line.Kind == IniLineKind.Section;
            lines.Add(line);
        }

        return new IniDocument(lines, hasByteOrderMark);
    }

    private static IniLine ParseLine(ReadOnlySpan<byte> content, string lineBreak, string filePath, int lineNumber)
    {
        DriverRegistryFormatException Malformed(string problem) => new(filePath, lineNumber, problem);

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("the line is not UTF-8 text");
        }

        if (ControlCharacters.ContainsAnyButTab(text))
        {
            throw Malformed($"expected text without control characters, found {Quote(text)}");
        }

        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return new IniLine(IniLineKind.Blank, text, lineBreak, string.Empty, string.Empty);
        }

        if (trimmed[0] is ';' or '#')
        {
            return new IniLine(IniLineKind.Comment, text, lineBreak, string.Empty, string.Empty);
        }

        if (trimmed[0] == '[')
        {
            var close = trimmed.IndexOf(']');
            if (close < 0)
            {
                throw Malformed($"expected ']' to end the section header, found {Quote(text)}");
            }

            var name = trimmed[1..close].Trim();
            if (name.IsEmpty)
            {
                throw Malformed($"expected a section name between '[' and ']', found {Quote(text)}");
            }

            var rest = trimmed[(close + 1)..].TrimStart();
            if (!rest.IsEmpty && rest[0] is not (';' or '#'))
            {
                throw Malformed($"expected only a comment after ']', found {Quote(text)}");
            }

            if (ControlCharacters.Contains(name))
            {
                throw Malformed($"expected a section name without a tab, found {Quote(text)}");
            }

            return new IniLine(IniLineKind.Section, text, lineBreak, name.ToString(), string.Empty);
        }

        var equals = trimmed.IndexOf('=');
        if (equals < 0)
        {
            throw Malformed($"expected 'alias=value', '[section]' or a ';' comment, found {Quote(text)}");
        }

        var alias = trimmed[..equals].Trim();
        if (alias.IsEmpty)
        {
            throw Malformed($"expected an alias before '=', found {Quote(text)}");
        }

        if (ControlCharacters.Contains(alias))
        {
            throw Malformed($"expected an alias without a tab, found {Quote(text)}");
        }

        return new IniLine(IniLineKind.Entry, text, lineBreak, alias.ToString(), trimmed[(equals + 1)..].Trim().ToString());
    }

    /// <summary>
    /// The line in quotes, control characters escaped so the message stays one readable line, and a long line cut to its
    /// first <see cref="ExcerptLength"/> characters with its length, so a huge line does not flood the terminal.
    /// </summary>
    private static string Quote(string text) => text.Length <= ExcerptLength
        ? $"\"{ControlCharacters.Escape(text)}\""
        : $"\"{ControlCharacters.Escape(text.AsSpan(0, ExcerptLength))}…\" (the first {ExcerptLength} of its {text.Length} characters)";
}
