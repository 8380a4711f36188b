using Microsoft.Win32.SafeHandles;

namespace InstallableDrivers.Inspection;

/// <summary>An open driver file read in pieces at offsets, each checked to lie within the file.</summary>
/// <param name="handle">The open file.</param>
/// <param name="path">Its full path, for messages.</param>
internal sealed class ImageFile(SafeFileHandle handle, string path)
{
    /// <summary>The file's full path.</summary>
    public string Path { get; } = path;

    /// <summary>The file's length in bytes, when it was opened.</summary>
    public long Length { get; } = RandomAccess.GetLength(handle);

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
    /// <param name="offset">Where the piece starts.</param>
    /// <param name="count">How long it is.</param>
    /// <param name="what">What the piece is, for the message if it lies beyond the end: "the program header table".</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="DriverOpenException">The piece does not lie within the file: it is truncated.</exception>
    public byte[] Read(long offset, long count, string what)
    {
        RequireWithin(offset, count, what);
        var bytes = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), offset + read);
            if (n == 0)
            {
                throw Truncated(what, offset + count, offset + read);
            }

            read += n;
        }

        return bytes;
    }

    /// <summary>Checks that a piece of the file lies within it, without reading it.</summary>
    /// <param name="offset">Where the piece starts.</param>
    /// <param name="count">How long it is.</param>
    /// <param name="what">What the piece is, for the message.</param>
    /// <exception cref="DriverOpenException">It does not: the file is truncated.</exception>
    public void RequireWithin(long offset, long count, string what)
    {
        if (offset < 0 || count < 0 || offset > Length || count > Length - offset)
        {
            throw Truncated(what, offset < 0 || count < 0 ? long.MaxValue : offset + count, Length);
        }
    }

    private DriverOpenException Truncated(string what, long end, long length) => DriverFileErrors.NotADriver(Path,
        end == long.MaxValue
            ? $"truncated or damaged: {what} lies outside the file"
            : $"truncated: {what} ends at byte {end}, and the file has {length} bytes (an incomplete copy?)");
}
