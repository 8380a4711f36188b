namespace InstallableDrivers.Multimedia;

/// <summary>
/// Bytes waiting for their turn, first in first out: what a conversion step could not take yet (a partial block), or
/// converted data no buffer had room for yet. Grows as needed; taking from the front moves the rest down.
/// </summary>
internal sealed class PendingBytes
{
    private byte[] bytes = [];

    public int Length { get; private set; }

    /// <summary>The bytes waiting, valid until the next change.</summary>
    public Span<byte> Data => bytes.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (Length + data.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(Length + data.Length, bytes.Length * 2));
        }

        data.CopyTo(bytes.AsSpan(Length));
        Length += data.Length;
    }

    /// <summary>Removes the first <paramref name="count"/> bytes.</summary>
    public void Take(int count)
    {
        bytes.AsSpan(count, Length - count).CopyTo(bytes);
        Length -= count;
    }

    public void Clear() => Length = 0;
}
