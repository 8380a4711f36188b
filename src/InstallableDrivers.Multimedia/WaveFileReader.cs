using System.Buffers.Binary;
using System.Text;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Reads a RIFF/WAVE file: the <c>fmt </c> chunk as a <see cref="WaveFormat"/> (with its extra bytes, so
/// <c>WAVE_FORMAT_EXTENSIBLE</c> and compressed formats come through whole), the <c>fact</c> chunk's sample count when
/// there is one, and the <c>data</c> chunk as a stream of known length. Other chunks (LIST, cue, ...) are skipped, with
/// the pad byte RIFF puts after an odd-sized chunk. The header is read when the reader is made; the data is read
/// through <see cref="Data"/>.
/// </summary>
public sealed class WaveFileReader : IDisposable
{
    private readonly Stream file;
    private readonly bool leaveOpen;

    /// <summary>Reads the header of the WAV file in <paramref name="stream"/>, which is left just after it.</summary>
    /// <param name="stream">The file, positioned at its start; it need not be seekable.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    /// <exception cref="InvalidDataException">The stream is not a well-formed WAV file; the message says what is wrong.</exception>
    public WaveFileReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        file = stream;
        this.leaveOpen = leaveOpen;
        try
        {
            (Format, SampleCount, var dataLength) = ReadHeader();
            Data = new WaveDataStream(file, file.CanSeek ? file.Position : 0, dataLength);
        }
        catch
        {
            if (!leaveOpen)
            {
                file.Dispose();
            }

            throw;
        }
    }

    /// <summary>The format of the samples, from the <c>fmt </c> chunk.</summary>
    public WaveFormat Format { get; }

    /// <summary>The <c>fact</c> chunk's sample count (samples per channel), or null when the file has none (PCM files need none).</summary>
    public long? SampleCount { get; }

    /// <summary>The samples: the <c>data</c> chunk's bytes (its <see cref="Stream.Length"/> is the chunk's size).</summary>
    public Stream Data { get; }

    /// <summary>The playing time of the data.</summary>
    public TimeSpan Duration => Format.DurationOf(Data.Length);

    /// <summary>Opens and reads the header of the WAV file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed WAV file.</exception>
    public static WaveFileReader Open(string path) => new(File.OpenRead(path));

    /// <summary>Closes the file unless the reader was made to leave it open.</summary>
    public void Dispose()
    {
        if (!leaveOpen)
        {
            file.Dispose();
        }
    }

    private (WaveFormat Format, long? SampleCount, long DataLength) ReadHeader()
    {
        Span<byte> header = stackalloc byte[12];
        if (ReadFully(header) < 12)
        {
            throw new InvalidDataException("Not a WAV file: it is shorter than a RIFF header (12 bytes).");
        }

        var riff = Encoding.ASCII.GetString(header[..4]);
        if (riff != "RIFF")
        {
            throw new InvalidDataException(riff is "RIFX" or "RF64"
                ? $"{riff} files (big-endian or 64-bit RIFF) are not supported; only RIFF is."
                : "Not a WAV file: it does not start with 'RIFF'.");
        }

        if (!header[8..].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"Not a WAV file: the RIFF form is '{Printable(header[8..])}', not 'WAVE'.");
        }

        WaveFormat? format = null;
        long? sampleCount = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            if (ReadFully(chunkHeader) < 8)
            {
                throw new InvalidDataException(format is null ? "The WAV file has no 'fmt ' chunk." : "The WAV file has no 'data' chunk.");
            }

            var id = Printable(chunkHeader[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            switch (id)
            {
                case "fmt ":
                    format = ReadFormat(size);
                    break;
                case "fact" when size >= 4:
                    var fact = ReadChunk(id, size);
                    sampleCount = BinaryPrimitives.ReadUInt32LittleEndian(fact);
                    break;
                case "data":
                    if (format is null)
                    {
                        throw new InvalidDataException("The WAV file's 'data' chunk comes before its 'fmt ' chunk.");
                    }

                    if (file.CanSeek && size > file.Length - file.Position)
                    {
                        throw new InvalidDataException(
                            $"The WAV file is cut short: its 'data' chunk says {size} bytes, but only {file.Length - file.Position} follow.");
                    }

                    return (format, sampleCount, size);
                default:
                    Skip(id, size + (size % 2));
                    continue;
            }

            Skip(id, size % 2);
        }
    }

    private WaveFormat ReadFormat(long size)
    {
        if (size < 16)
        {
            throw new InvalidDataException($"The WAV file's 'fmt ' chunk has {size} bytes; a format needs at least 16.");
        }

        var format = WaveFormat.Parse(ReadChunk("fmt ", size));
        if (format.Channels == 0 || format.BlockAlign == 0 || format.SampleRate == 0)
        {
            throw new InvalidDataException(
                $"The WAV file's format is impossible: {format.Channels} channels, {format.SampleRate} Hz, block align {format.BlockAlign}.");
        }

        return format;
    }

    private byte[] ReadChunk(string id, long size)
    {
        if (file.CanSeek && size > file.Length - file.Position)
        {
            throw new InvalidDataException($"The WAV file is cut short inside its '{id}' chunk.");
        }

        var bytes = new byte[size];
        if (ReadFully(bytes) < size)
        {
            throw new InvalidDataException($"The WAV file is cut short inside its '{id}' chunk.");
        }

        return bytes;
    }

    private void Skip(string id, long count)
    {
        if (file.CanSeek)
        {
            if (count > file.Length - file.Position)
            {
                throw new InvalidDataException($"The WAV file is cut short inside its '{id}' chunk.");
            }

            file.Seek(count, SeekOrigin.Current);
            return;
        }

        var scratch = new byte[Math.Min(count, 81920)];
        while (count > 0)
        {
            var read = file.Read(scratch, 0, (int)Math.Min(count, scratch.Length));
            if (read == 0)
            {
                throw new InvalidDataException($"The WAV file is cut short inside its '{id}' chunk.");
            }

            count -= read;
        }
    }

    private int ReadFully(Span<byte> buffer) => file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    private static string Printable(ReadOnlySpan<byte> fourCc)
    {
        var text = new StringBuilder(4);
        foreach (var b in fourCc)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        return text.ToString();
    }
}
