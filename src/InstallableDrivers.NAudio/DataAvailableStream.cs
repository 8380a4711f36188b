using NAudio.Wave;

namespace InstallableDrivers.NAudio;

/// <summary>A write-only stream that hands each write to a callback as NAudio's <see cref="WaveInEventArgs"/>, the destination <c>WaveRecorder.RecordAsync</c> writes into.</summary>
internal sealed class DataAvailableStream(Action<WaveInEventArgs> dataAvailable) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // NAudio's handlers may keep the array, so each buffer gets its own copy.
        if (!buffer.IsEmpty)
        {
            dataAvailable(new WaveInEventArgs(buffer.ToArray(), buffer.Length));
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
