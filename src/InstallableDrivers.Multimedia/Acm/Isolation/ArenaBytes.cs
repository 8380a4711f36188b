namespace InstallableDrivers.Multimedia;

/// <summary>Copies between a caller's memory and a driver host's arena.</summary>
internal static unsafe class ArenaBytes
{
    /// <summary>Copies <paramref name="length"/> bytes.</summary>
    public static void Copy(nint from, nint to, int length) =>
        new ReadOnlySpan<byte>((void*)from, length).CopyTo(new Span<byte>((void*)to, length));

    /// <summary>
    /// Copies back only when the bytes differ: what the driver only read may be the caller's read-only memory (a
    /// format in a C program's constants), which a write would fault on even with the same bytes.
    /// </summary>
    public static void CopyBackIfChanged(nint from, nint to, int length)
    {
        var written = new ReadOnlySpan<byte>((void*)from, length);
        var target = new Span<byte>((void*)to, length);
        if (!written.SequenceEqual(target))
        {
            written.CopyTo(target);
        }
    }

    public static uint ReadUInt32(nint structure, int offset) => *(uint*)(structure + offset);

    public static nint ReadPointer(nint structure, int offset) => *(nint*)(structure + offset);

    public static void WritePointer(nint structure, int offset, nint value) => *(nint*)(structure + offset) = value;
}
