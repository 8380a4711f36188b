namespace InstallableDrivers.Multimedia.Interop;

/// <summary>Reads the fixed-size, NUL-terminated UTF-16 text fields of the Win32 structures.</summary>
internal static unsafe class FixedText
{
    /// <summary>The text up to the first NUL, or all <paramref name="capacity"/> characters if there is none.</summary>
    public static string Read(char* text, int capacity)
    {
        var span = new ReadOnlySpan<char>(text, capacity);
        var end = span.IndexOf('\0');
        return new string(end < 0 ? span : span[..end]);
    }
}
