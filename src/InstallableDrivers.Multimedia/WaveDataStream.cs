namespace InstallableDrivers.Multimedia;

/// <summary>
/// The data chunk of a WAV file as a read-only stream: a window of <see cref="Length"/> bytes of the file's stream,
/// starting where the chunk's bytes start. Seekable when the file's stream is.
/// </summary>
internal sealed class WaveDataStream(Stream file, long start, long length) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - position);
        if (wanted <= 0)
        {
            return 0;
        }

        if (file.CanSeek)
        {
            file.Position = start + position; // another reader of the same file may have moved it
        }

        var read = file.Read(buffer[..wanted]);
        position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, length - position);
        if (wanted <= 0)
        {
            return 0;
        }

        if (file.CanSeek)
        {
            file.Position = start + position;
        }

        var read = await file.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (!file.CanSeek)
        {
            throw new NotSupportedException("The WAV file's stream cannot seek.");
        }

        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        position = target;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The data of a WAV file being read is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The data of a WAV file being read is read-only.");
}
