using System.Text;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>Reads and writes the null-terminated product names (<c>szPname</c>) of the capability structures.</summary>
internal static class FixedName
{
    public static string Read(ReadOnlySpan<char> name)
    {
        var length = name.IndexOf('\0');
        return new string(length < 0 ? name : name[..length]);
    }

    public static string Read(ReadOnlySpan<byte> name)
    {
        var length = name.IndexOf((byte)0);
        return Encoding.Latin1.GetString(length < 0 ? name : name[..length]);
    }

    /// <summary>Writes a name cut to fit with its terminating null, the rest zeroed.</summary>
    public static void Write(Span<char> target, string value)
    {
        target.Clear();
        value.AsSpan(0, Math.Min(value.Length, target.Length - 1)).CopyTo(target);
    }

    /// <summary>Writes a name as 1-byte characters (Latin-1, '?' for others), cut to fit with its null, the rest zeroed.</summary>
    public static void Write(Span<byte> target, string value)
    {
        target.Clear();
        var text = value.AsSpan(0, Math.Min(value.Length, target.Length - 1));
        for (var i = 0; i < text.Length; i++)
        {
            target[i] = text[i] <= '\u00FF' ? (byte)text[i] : (byte)'?';
        }
    }
}
