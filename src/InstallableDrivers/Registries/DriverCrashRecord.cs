using System.Globalization;
using System.Text;

namespace InstallableDrivers.Registries;

/// <summary>
/// One crash of a driver, as <see cref="DriverCrashLog"/> remembers it: when, how the host ended (a signal or an exit
/// code), during which message, and why in a line. Kept as registry text,
/// <c>at=2026-11-29T10:00:00.0000000+00:00 signal=11 message=DRV_OPEN reason=…</c>.
/// </summary>
public sealed record DriverCrashRecord
{
    /// <summary>The longest reason a record keeps, in characters: a registry line stays short, whatever a crash said.</summary>
    public const int MaxReasonLength = 240;

    /// <summary>Creates a record.</summary>
    /// <param name="at">When the driver crashed.</param>
    /// <param name="signal">The signal that ended the driver's host (11 for SIGSEGV), or null.</param>
    /// <param name="exitCode">The code the host exited with, when it exited rather than being killed by a signal, or null.</param>
    /// <param name="message">The message the driver was processing (<c>DRV_OPEN</c>, <c>WODM_WRITE</c>), or null when it
    /// was processing none.</param>
    /// <param name="reason">Why, in a line, for example <c>did not answer DRV_OPEN within 10 s</c>. Line breaks and other
    /// control characters become spaces; a longer text is cut at <see cref="MaxReasonLength"/>.</param>
    /// <exception cref="ArgumentException">Both a signal and an exit code are given, or the message is empty or blank.</exception>
    public DriverCrashRecord(DateTimeOffset at, int? signal, int? exitCode, string? message, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (signal is not null && exitCode is not null)
        {
            throw new ArgumentException("A host ends by a signal or by exiting, not both.", nameof(exitCode));
        }

        if (message is not null && string.IsNullOrWhiteSpace(message))
        {
            throw new ArgumentException("A message is named, or null.", nameof(message));
        }

        At = at;
        Signal = signal;
        ExitCode = exitCode;
        Message = message is null ? null : OneLine(message);
        var line = OneLine(reason);
        Reason = line.Length <= MaxReasonLength ? line : line[..MaxReasonLength].TrimEnd();
    }

    /// <summary>When the driver crashed.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The signal that ended the driver's host, or null.</summary>
    public int? Signal { get; }

    /// <summary>The code the driver's host exited with, or null.</summary>
    public int? ExitCode { get; }

    /// <summary>The message the driver was processing, or null.</summary>
    public string? Message { get; }

    /// <summary>Why, in one line (possibly empty).</summary>
    public string Reason { get; }

    /// <summary>The crash for people: <c>2026-11-29 10:00:00Z, signal 11 during DRV_OPEN: null pointer read</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        text.Append(Signal is { } signal ? string.Create(CultureInfo.InvariantCulture, $", signal {signal}")
            : ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $", exit code {code}")
            : ", crashed");
        if (Message is not null)
        {
            text.Append(" during ").Append(Message);
        }

        return (Reason.Length > 0 ? text.Append(": ").Append(Reason) : text).ToString();
    }

    /// <summary>Formats the record as registry text (without the separator between records).</summary>
    /// <returns>The text, for example <c>at=2026-11-29T10:00:00.0000000+00:00 signal=11 message=DRV_OPEN reason=null pointer read</c>.</returns>
    internal string ToRegistryText()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"at={At:O}"));
        text.Append(Signal is { } signal ? string.Create(CultureInfo.InvariantCulture, $" signal={signal}")
            : ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $" exit={code}")
            : "");
        if (Message is not null)
        {
            text.Append(" message=").Append(Escape(Message, " "));
        }

        // The reason comes last and takes the rest of the record, spaces and all.
        return text.Append(" reason=").Append(Escape(Reason, "")).ToString();
    }

    /// <summary>Reads a record from its registry text; unknown keys before <c>reason=</c> are ignored.</summary>
    /// <exception cref="FormatException">No valid <c>at=</c>, an invalid number or escape, or no <c>reason=</c>.</exception>
    internal static DriverCrashRecord Parse(string text)
    {
        const string ReasonKey = "reason=";
        var reasonAt = text.StartsWith(ReasonKey, StringComparison.Ordinal) ? 0 : text.IndexOf(" " + ReasonKey, StringComparison.Ordinal) + 1;
        if (reasonAt == 0 && !text.StartsWith(ReasonKey, StringComparison.Ordinal))
        {
            throw new FormatException($"expected reason= at the end of \"{text}\"");
        }

        var fields = text[..reasonAt].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue("at", out var atText)
            || !DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            throw new FormatException($"expected at= and an ISO 8601 time in \"{text}\"");
        }

        try
        {
            return new DriverCrashRecord(at, Number(fields, "signal", text), Number(fields, "exit", text),
                fields.TryGetValue("message", out var message) ? Unescape(message, text) : null,
                Unescape(text[(reasonAt + ReasonKey.Length)..], text));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{e.Message} (\"{text}\")", e);
        }
    }

    private static int? Number(Dictionary<string, string> fields, string key, string text) =>
        !fields.TryGetValue(key, out var value) ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : throw new FormatException($"expected {key}= and a number in \"{text}\"");

    private static string OneLine(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c)).Trim();

    // '%' starts an escape and ';' separates records (DriverCrashLog); a message is one word, so its spaces are escaped too.
    private static string Escape(string text, string alsoEscaped)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '%' or ';' || alsoEscaped.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static string Unescape(string text, string record)
    {
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                plain.Append(text[i]);
                continue;
            }

            if (i + 2 >= text.Length
                || !int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"expected two hexadecimal digits after '%' in \"{record}\"");
            }

            plain.Append((char)code);
            i += 2;
        }

        return plain.ToString();
    }
}
