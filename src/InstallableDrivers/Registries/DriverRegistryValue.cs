namespace InstallableDrivers.Registries;

/// <summary>
/// A registry value split into its driver file name and its args text (<c>tracedrv.so  some args</c>): the file is
/// everything before the first space or tab, the args everything after it with leading spaces and tabs skipped
/// (docs/contract.md#open, step 2). A tab is white space in a registry line, as a space is.
/// </summary>
/// <param name="File">The driver file name or path.</param>
/// <param name="Args">The args text passed to DRV_OPEN, or null when there is none.</param>
public readonly record struct DriverRegistryValue(string File, string? Args)
{
    /// <summary>Splits a registry value at its first space or tab.</summary>
    /// <param name="value">The value as stored.</param>
    /// <returns>The file and the args (null when empty).</returns>
    public static DriverRegistryValue Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var space = value.AsSpan().IndexOfAny(' ', '\t');
        if (space < 0)
        {
            return new DriverRegistryValue(value, null);
        }

        var args = value[(space + 1)..].TrimStart([' ', '\t']);
        return new DriverRegistryValue(value[..space], args.Length == 0 ? null : args);
    }

    /// <summary>Formats the value as the registry stores it: the file, then a space and the args if there are any.</summary>
    /// <returns>The value text.</returns>
    public override string ToString() => Args is null ? File : $"{File} {Args}";
}
