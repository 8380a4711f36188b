namespace InstallableDrivers.Multimedia;

/// <summary>
/// One step of an <see cref="AcmConverter"/>: an <see cref="AcmConversionStream"/> fed with buffers of any length. What the
/// driver leaves unconverted (a partial block) waits for the next buffer; the first conversion carries Start, the
/// middle ones BlockAlign, and the last End, so a codec completes its last partial block.
/// </summary>
internal sealed class AcmConversionStage(AcmConversionStream stream) : IDisposable
{
    private readonly PendingBytes pending = new();
    private byte[] output = [];
    private bool started;

    public AcmConversionStream Stream => stream;

    /// <summary>Source bytes the driver has converted so far (what it padded a last block with not counted).</summary>
    public long SourceBytesUsed { get; private set; }

    /// <summary>
    /// Converts what is pending plus <paramref name="input"/>; the result is valid until the next call. With
    /// <paramref name="end"/> the stream ends here: a source remainder shorter than one source block (a truncated last
    /// block of a compressed file, a partial sample frame) is dropped, as msacm32 would refuse it.
    /// </summary>
    public ReadOnlySpan<byte> Push(ReadOnlySpan<byte> input, bool end)
    {
        pending.Append(input);
        var written = 0;
        // msacm32 refuses to prepare a source shorter than one source block (ACMERR_NOTPOSSIBLE): such a remainder
        // waits for more, and at the end it is a truncated block that no driver may be given.
        while (pending.Length >= Math.Max(stream.Source.BlockAlign, 1))
        {
            if (!RoomFor(end, out var room))
            {
                break;
            }

            EnsureOutput(written + room);
            var flags = (started ? AcmConvertFlags.None : AcmConvertFlags.Start) | (end ? AcmConvertFlags.End : AcmConvertFlags.BlockAlign);
            var (used, produced) = stream.Convert(pending.Data, output.AsSpan(written, room), flags);
            started = true;
            written += produced;
            SourceBytesUsed += used;
            pending.Take(used);
            if (used == 0)
            {
                // The driver takes no more of what is pending: a partial block, kept for the next buffer.
                break;
            }
        }

        if (end)
        {
            pending.Clear();
        }

        return output.AsSpan(0, written);
    }

    public void Dispose() => stream.Dispose();

    /// <summary>
    /// The destination room for everything pending, as acmStreamSize answers. At the end a remainder shorter than a
    /// block still gets the room of one whole block, so that a codec that completes it (the ADPCM encoders) can.
    /// </summary>
    private bool RoomFor(bool end, out int room)
    {
        if (stream.TryGetDestinationSize(pending.Length, out room))
        {
            return true;
        }

        return end && stream.TryGetDestinationSize(Math.Max(stream.Source.BlockAlign, 1), out room);
    }

    private void EnsureOutput(int length)
    {
        if (length > output.Length)
        {
            Array.Resize(ref output, Math.Max(length, output.Length * 2));
        }
    }
}
