using Microsoft.Win32.SafeHandles;

namespace InstallableDrivers.Inspection;

/// <summary>
/// An open driver file read in pieces at offsets, each checked to lie within the file. Its first
/// <see cref="PrefixLength"/> bytes are read at once: the headers and dynamic tables of a library usually lie there, so a
/// check costs one read instead of one per piece (a check precedes every load, whose whole cost is tens of microseconds).
/// </summary>
internal sealed class ImageFile
{
    private const int PrefixLength = 64 * 1024;

    private readonly SafeFileHandle handle;
    private readonly byte[] prefix;

    /// <param name="handle">The open file.</param>
    /// <param name="path">Its full path, for messages.</param>
    public ImageFile(SafeFileHandle handle, string path)
    {
        this.handle = handle;
        Path = path;
        Length = RandomAccess.GetLength(handle);
        prefix = new byte[Math.Min(Length, PrefixLength)];
        prefix = prefix[..ReadAt(prefix, 0)];
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's length in bytes, when it was opened.</summary>
    public long Length { get; }

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
    /// <param name="offset">Where the piece starts.</param>
    /// <param name="count">How long it is.</param>
    /// <param name="what">What the piece is, for the message if it lies beyond the end: "the program header table".</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="DriverOpenException">The piece does not lie within the file: it is truncated.</exception>
    public byte[] Read(long offset, long count, string what)
    {
        RequireWithin(offset, count, what);
        if (offset + count <= prefix.Length)
        {
            return prefix.AsSpan((int)offset, (int)count).ToArray();
        }

        var bytes = new byte[count];
        var read = ReadAt(bytes, offset);
        return read == count ? bytes : throw Truncated(what, offset + count, offset + read);
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

    /// <summary>Reads until the buffer is full or the file ends; returns how much was read.</summary>
    private int ReadAt(byte[] buffer, long offset)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read), offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    private DriverOpenException Truncated(string what, long end, long length) => DriverFileErrors.NotADriver(Path,
        end == long.MaxValue
            ? $"truncated or damaged: {what} lies outside the file"
            : $"truncated: {what} ends at byte {end}, and the file has {length} bytes (an incomplete copy?)");
}
