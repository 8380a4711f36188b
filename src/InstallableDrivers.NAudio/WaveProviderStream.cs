using NAudio.Wave;

namespace InstallableDrivers.NAudio;

/// <summary>A read-only stream over an <see cref="IWaveProvider"/>, the shape <c>WavePlayer.PlayAsync</c> reads from; it ends when the provider returns 0.</summary>
internal sealed class WaveProviderStream(IWaveProvider provider) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer) => provider.Read(buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
