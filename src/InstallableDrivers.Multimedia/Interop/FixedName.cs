namespace InstallableDrivers.Multimedia.Interop;

/// <summary>Reads the fixed-size, null-terminated UTF-16 text fields of the Win32 structures.</summary>
internal static class FixedName
{
    /// <summary>The text up to the first null, or the whole field if there is none.</summary>
    public static string Read(ReadOnlySpan<char> name)
    {
        var length = name.IndexOf('\0');
        return new string(length < 0 ? name : name[..length]);
    }
}
