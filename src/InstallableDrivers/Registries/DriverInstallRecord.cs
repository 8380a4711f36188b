using System.Globalization;

namespace InstallableDrivers.Registries;

/// <summary>
/// What was installed under an alias: the driver file's SHA-256 and size at install time, when, and whether it runs
/// isolated. Kept by <see cref="DriverMetadataStore"/> as one registry value, <c>sha256=… size=… installed=… isolated=yes</c>.
/// </summary>
public sealed record DriverInstallRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="sha256">The file's SHA-256 as 64 hexadecimal digits (kept in lower case).</param>
    /// <param name="size">The file's size in bytes.</param>
    /// <param name="installedAt">When the file was installed, or null if not known.</param>
    /// <exception cref="ArgumentException"><paramref name="sha256"/> is not 64 hexadecimal digits, or <paramref name="size"/> is negative.</exception>
    public DriverInstallRecord(string sha256, long size, DateTimeOffset? installedAt)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (!IsSha256(sha256))
        {
            throw new ArgumentException($"A SHA-256 is 64 hexadecimal digits, not \"{sha256}\".", nameof(sha256));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Sha256 = sha256.ToLowerInvariant();
        Size = size;
        InstalledAt = installedAt;
    }

    /// <summary>The file's SHA-256 at install time: 64 lower-case hexadecimal digits.</summary>
    public string Sha256 { get; }

    /// <summary>The file's size in bytes at install time.</summary>
    public long Size { get; }

    /// <summary>When the file was installed, or null if the record does not say.</summary>
    public DateTimeOffset? InstalledAt { get; }

    /// <summary>
    /// Whether the driver runs isolated, in a host process of its own, when a manager opens the alias with
    /// <see cref="DriverIsolation.AsRegistered"/> (the default). Written as <c>isolated=yes</c>, and left out when false, so
    /// that a record reads the same to a runtime that does not know the key (unknown keys are ignored).
    /// </summary>
    public bool Isolated { get; init; }

    /// <summary>Whether a file with this SHA-256 and size is the one that was installed.</summary>
    /// <param name="sha256">The file's SHA-256 in hexadecimal (either case).</param>
    /// <param name="size">The file's size in bytes.</param>
    /// <returns>True if both match the record.</returns>
    public bool Matches(string sha256, long size) => size == Size && string.Equals(sha256, Sha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a record from its registry value.</summary>
    /// <param name="value">The value, for example <c>sha256=9f86… size=16032 installed=2025-01-31T12:00:00.0000000+00:00</c>;
    /// <c>installed</c> and <c>isolated</c> may be missing and unknown keys are ignored.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The value has no valid <c>sha256</c> or <c>size</c>, or an invalid <c>installed</c>
    /// or <c>isolated</c>.</exception>
    public static DriverInstallRecord Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);

        if (!fields.TryGetValue("sha256", out var sha256) || !IsSha256(sha256))
        {
            throw new FormatException($"expected sha256= and 64 hexadecimal digits in \"{value}\"");
        }

        if (!fields.TryGetValue("size", out var sizeText)
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FormatException($"expected size= and a number of bytes in \"{value}\"");
        }

        DateTimeOffset? installedAt = null;
        if (fields.TryGetValue("installed", out var installedText))
        {
            installedAt = DateTimeOffset.TryParse(installedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : throw new FormatException($"expected installed= and an ISO 8601 time in \"{value}\"");
        }

        // A value this runtime does not know may mean "isolated" to a newer one: refused, never read as "in process".
        var isolated = fields.TryGetValue("isolated", out var isolatedText) && isolatedText.ToUpperInvariant() switch
        {
            "YES" => true,
            "NO" => false,
            _ => throw new FormatException($"expected isolated=yes or isolated=no in \"{value}\""),
        };
        return new DriverInstallRecord(sha256, size, installedAt) { Isolated = isolated };
    }

    // The one rule for what a SHA-256 looks like, which the constructor (ArgumentException) and Parse (FormatException) apply.
    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>Formats the record as its registry value.</summary>
    /// <returns>The value text, for example <c>sha256=9f86… size=16032 installed=2025-01-31T12:00:00.0000000+00:00 isolated=yes</c>.</returns>
    public override string ToString()
    {
        var installed = InstalledAt is { } at ? string.Create(CultureInfo.InvariantCulture, $" installed={at:O}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"sha256={Sha256} size={Size}{installed}{(Isolated ? " isolated=yes" : "")}");
    }
}
