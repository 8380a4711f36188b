using System.Buffers.Binary;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Writes a RIFF/WAVE file: the <c>fmt </c> chunk (16 bytes for PCM, the canonical 44-byte header; otherwise the whole
/// WAVEFORMATEX with its <c>cbSize</c> extra bytes), a <c>fact</c> chunk with the sample count for formats other than
/// PCM, and the <c>data</c> chunk. The sizes are written when the writer is disposed, with the pad byte RIFF wants
/// after odd-sized data. The stream must be seekable, since the sizes are only known at the end. The writer is itself a
/// write-only stream of samples, so that anything that writes to a stream (a recorder, <see cref="Stream.CopyTo(Stream)"/>)
/// can fill a WAV file.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
    Justification = "It is a writer of WAV files first; being a Stream is what lets anything that writes samples fill one.")]
public sealed class WaveFileWriter : Stream
{
    // RIFF sizes are 32-bit: the data chunk can hold this much with the header before it.
    private const long MaxDataLength = uint.MaxValue - 4096;

    private readonly Stream file;
    private readonly bool leaveOpen;
    private readonly long riffStart;
    private readonly long factOffset;
    private readonly long dataSizeOffset;
    private bool disposed;

    /// <summary>Writes the header for <paramref name="format"/> to <paramref name="stream"/>; the samples follow through the Write methods.</summary>
    /// <param name="stream">A writable, seekable stream, positioned where the file starts.</param>
    /// <param name="format">The format of the samples.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves <paramref name="stream"/> open.</param>
    /// <exception cref="ArgumentException">The stream cannot write or seek.</exception>
    public WaveFileWriter(Stream stream, WaveFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        if (!stream.CanWrite || !stream.CanSeek)
        {
            throw new ArgumentException("A WAV file is written to a writable, seekable stream (its sizes are filled in at the end).", nameof(stream));
        }

        file = stream;
        this.leaveOpen = leaveOpen;
        Format = format;
        riffStart = stream.Position;

        var pcm = format.FormatTag == WaveFormatTags.WAVE_FORMAT_PCM;
        var formatBlock = pcm ? format.ToBytes().AsSpan(0, 16) : format.ToBytes();
        using var header = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true); // little-endian, as RIFF is
        header.Write("RIFF"u8);
        header.Write(0u); // filled in at the end
        header.Write("WAVEfmt "u8);
        header.Write((uint)formatBlock.Length);
        header.Write(formatBlock);
        if (formatBlock.Length % 2 == 1)
        {
            header.Write((byte)0);
        }

        factOffset = -1;
        if (format.EncodingTag != WaveFormatTags.WAVE_FORMAT_PCM)
        {
            header.Write("fact"u8);
            header.Write(4u);
            factOffset = stream.Position;
            header.Write(0u);
        }

        header.Write("data"u8);
        dataSizeOffset = stream.Position;
        header.Write(0u);
    }

    /// <summary>The format written in the header.</summary>
    public WaveFormat Format { get; }

    /// <summary>Bytes of samples written so far.</summary>
    public long DataLength { get; private set; }

    /// <summary>False: a WAV file being written is not read back through its writer.</summary>
    public override bool CanRead => false;

    /// <summary>False: samples are appended.</summary>
    public override bool CanSeek => false;

    /// <summary>True until the writer is disposed.</summary>
    public override bool CanWrite => !disposed;

    /// <summary>Bytes of samples written so far (<see cref="DataLength"/>).</summary>
    public override long Length => DataLength;

    /// <summary>Where the next samples go: <see cref="DataLength"/>; it cannot be set.</summary>
    public override long Position
    {
        get => DataLength;
        set => throw new NotSupportedException("Samples are appended to a WAV file being written.");
    }

    /// <summary>
    /// The <c>fact</c> chunk's sample count (samples per channel) for formats other than PCM. When not set, it is the
    /// whole blocks written times the samples per block: 1 for uncompressed and G.711 formats, the <c>wSamplesPerBlock</c>
    /// that begins the extra bytes of Microsoft and IMA ADPCM.
    /// </summary>
    public long? SampleCount { get; set; }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes its header.</summary>
    public static WaveFileWriter Create(string path, WaveFormat format) => new(File.Create(path), format);

    /// <summary>Appends samples to the data chunk.</summary>
    /// <exception cref="IOException">The data would pass the 4 GB a RIFF file can describe.</exception>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckRoom(buffer.Length);
        file.Write(buffer);
        DataLength += buffer.Length;
    }

    /// <summary>Appends samples to the data chunk.</summary>
    /// <exception cref="IOException">The data would pass the 4 GB a RIFF file can describe.</exception>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckRoom(buffer.Length);
        await file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        DataLength += buffer.Length;
    }

    /// <summary>Appends samples to the data chunk.</summary>
    /// <exception cref="IOException">The data would pass the 4 GB a RIFF file can describe.</exception>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Flushes the file's stream (the sizes are written only at the end).</summary>
    public override void Flush() => file.Flush();

    /// <summary>Not supported: the writer only writes.</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A WAV file being written cannot be read through its writer.");

    /// <summary>Not supported: samples are appended.</summary>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("Samples are appended to a WAV file being written.");

    /// <summary>Not supported: samples are appended.</summary>
    public override void SetLength(long value) => throw new NotSupportedException("Samples are appended to a WAV file being written.");

    /// <summary>Pads odd data, writes the sizes and the sample count, and closes the file unless told to leave it open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            base.Dispose(disposing);
            return;
        }

        disposed = true;
        try
        {
            Finish();
        }
        finally
        {
            if (!leaveOpen)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private void CheckRoom(int count)
    {
        if (DataLength + count > MaxDataLength)
        {
            throw new IOException($"A WAV file holds at most {MaxDataLength} bytes of samples; this write would pass it.");
        }
    }

    private void Finish()
    {
        if (DataLength % 2 == 1)
        {
            file.WriteByte(0);
        }

        var end = file.Position;
        Span<byte> size = stackalloc byte[4];
        WriteAt(riffStart + 4, (uint)(end - riffStart - 8), size);
        WriteAt(dataSizeOffset, (uint)DataLength, size);
        if (factOffset >= 0)
        {
            WriteAt(factOffset, (uint)(SampleCount ?? DefaultSampleCount()), size);
        }

        file.Position = end;
        file.Flush();
    }

    private void WriteAt(long offset, uint value, Span<byte> scratch)
    {
        file.Position = offset;
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, value);
        file.Write(scratch);
    }

    private long DefaultSampleCount()
    {
        var samplesPerBlock = Format.EncodingTag is WaveFormatTags.WAVE_FORMAT_ADPCM or WaveFormatTags.WAVE_FORMAT_IMA_ADPCM && Format.Extra.Length >= 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(Format.Extra)
            : 1;
        return DataLength / Format.BlockAlign * samplesPerBlock;
    }
}
