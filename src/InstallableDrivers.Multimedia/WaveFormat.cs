using System.Buffers.Binary;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// A complete waveform-audio format: the <see cref="WAVEFORMATEX"/> header and the <see cref="WAVEFORMATEX.cbSize"/>
/// bytes of format-specific data that follow it in memory and in a WAV file's <c>fmt </c> chunk (the samples per block
/// of ADPCM, the sub-format of <c>WAVE_FORMAT_EXTENSIBLE</c>, ...).
/// </summary>
public sealed class WaveFormat
{
    /// <summary>The size of <see cref="WAVEFORMATEX"/> without its extra bytes.</summary>
    public const int HeaderSize = 18;

    // The GUID base of the KSDATAFORMAT_SUBTYPE_* sub-formats that stand for a registered format tag: the tag is the
    // first two bytes, the rest is {xxxxxxxx-0000-0010-8000-00aa00389b71} (ksmedia.h, mmreg.h).
    private static readonly byte[] SubFormatBaseTail = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly byte[] extra;

    /// <summary>A format from its header and extra bytes; the header's <c>cbSize</c> is set to the extra bytes' length.</summary>
    /// <exception cref="ArgumentException">More than 65535 extra bytes.</exception>
    public WaveFormat(WAVEFORMATEX header, ReadOnlySpan<byte> extra = default)
    {
        if (extra.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"A format carries at most {ushort.MaxValue} extra bytes, not {extra.Length}.", nameof(extra));
        }

        this.extra = extra.ToArray();
        Header = header with { cbSize = (ushort)extra.Length };
    }

    /// <summary>The header, with <c>cbSize</c> the length of <see cref="Extra"/>.</summary>
    public WAVEFORMATEX Header { get; }

    /// <summary>The format-specific bytes after the header.</summary>
    public ReadOnlySpan<byte> Extra => extra;

    /// <summary>The format tag of the header (<c>WAVE_FORMAT_EXTENSIBLE</c> for an extensible format).</summary>
    public ushort FormatTag => Header.wFormatTag;

    /// <summary>
    /// The tag that says how samples are encoded: the header's tag, or for <c>WAVE_FORMAT_EXTENSIBLE</c> the tag of its
    /// sub-format (<c>WAVE_FORMAT_PCM</c> for KSDATAFORMAT_SUBTYPE_PCM); <c>WAVE_FORMAT_EXTENSIBLE</c> itself when the
    /// sub-format is not a registered tag.
    /// </summary>
    public ushort EncodingTag
    {
        get
        {
            // WAVEFORMATEXTENSIBLE's extra: wValidBitsPerSample (2), dwChannelMask (4), SubFormat (16).
            if (FormatTag != WaveFormatTags.WAVE_FORMAT_EXTENSIBLE || extra.Length < 22)
            {
                return FormatTag;
            }

            var subFormat = extra.AsSpan(6, 16);
            return subFormat[2..4].SequenceEqual((ReadOnlySpan<byte>)[0, 0]) && subFormat[4..].SequenceEqual(SubFormatBaseTail)
                ? BinaryPrimitives.ReadUInt16LittleEndian(subFormat)
                : FormatTag;
        }
    }

    /// <summary>Channels.</summary>
    public int Channels => Header.nChannels;

    /// <summary>Sample frames per second.</summary>
    public int SampleRate => (int)Header.nSamplesPerSec;

    /// <summary>Bits per sample (0 for some compressed formats).</summary>
    public int BitsPerSample => Header.wBitsPerSample;

    /// <summary>The size of one block: the unit buffers are made of.</summary>
    public int BlockAlign => Header.nBlockAlign;

    /// <summary>Average bytes per second.</summary>
    public int AverageBytesPerSecond => (int)Header.nAvgBytesPerSec;

    /// <summary>Integer PCM: <paramref name="bits"/> per sample (8, 16, 24, 32), <paramref name="channels"/> interleaved.</summary>
    public static WaveFormat Pcm(int sampleRate, int bits, int channels) => Uncompressed(WaveFormatTags.WAVE_FORMAT_PCM, sampleRate, bits, channels);

    /// <summary>32-bit IEEE floating-point samples, <paramref name="channels"/> interleaved.</summary>
    public static WaveFormat IeeeFloat(int sampleRate, int channels) => Uncompressed(WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, sampleRate, 32, channels);

    /// <summary>
    /// Reads a format block as it lies in memory or in a <c>fmt </c> chunk: the header, then <c>cbSize</c> bytes. A
    /// 16-byte block (PCMWAVEFORMAT, which has no <c>cbSize</c>) is a format without extra bytes.
    /// </summary>
    /// <exception cref="InvalidDataException">The block is shorter than 16 bytes or than its <c>cbSize</c> says.</exception>
    public static WaveFormat Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length < 16)
        {
            throw new InvalidDataException($"A wave format needs at least 16 bytes; this one has {block.Length}.");
        }

        var header = new WAVEFORMATEX
        {
            wFormatTag = BinaryPrimitives.ReadUInt16LittleEndian(block),
            nChannels = BinaryPrimitives.ReadUInt16LittleEndian(block[2..]),
            nSamplesPerSec = BinaryPrimitives.ReadUInt32LittleEndian(block[4..]),
            nAvgBytesPerSec = BinaryPrimitives.ReadUInt32LittleEndian(block[8..]),
            nBlockAlign = BinaryPrimitives.ReadUInt16LittleEndian(block[12..]),
            wBitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(block[14..]),
        };
        if (block.Length < HeaderSize)
        {
            return new WaveFormat(header);
        }

        var cbSize = BinaryPrimitives.ReadUInt16LittleEndian(block[16..]);
        if (cbSize > block.Length - HeaderSize)
        {
            throw new InvalidDataException(
                $"The wave format's cbSize says {cbSize} extra bytes follow, but only {block.Length - HeaderSize} do.");
        }

        return new WaveFormat(header, block.Slice(HeaderSize, cbSize));
    }

    /// <summary>The format block as it lies in memory: the header (with <c>cbSize</c>) and then the extra bytes.</summary>
    public byte[] ToBytes()
    {
        var block = new byte[HeaderSize + extra.Length];
        var header = Header;
        MemoryMarshal.Write(block, in header); // the packed struct is the little-endian layout on the platforms we run on
        extra.CopyTo(block, HeaderSize);
        return block;
    }

    /// <summary>Bytes of audio in <paramref name="duration"/> (whole blocks, rounded down).</summary>
    public long BytesFor(TimeSpan duration)
    {
        var bytes = (long)(duration.TotalSeconds * Header.nAvgBytesPerSec);
        return BlockAlign == 0 ? bytes : bytes / BlockAlign * BlockAlign;
    }

    /// <summary>The playing time of <paramref name="bytes"/> of audio.</summary>
    public TimeSpan DurationOf(long bytes) =>
        Header.nAvgBytesPerSec == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)bytes / Header.nAvgBytesPerSec);

    /// <summary>For example "44100 Hz, 16-bit, 2 channels, PCM" or "8000 Hz, 4-bit, 1 channel, tag 0x0011".</summary>
    public override string ToString()
    {
        var encoding = EncodingTag switch
        {
            WaveFormatTags.WAVE_FORMAT_PCM => "PCM",
            WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT => "float",
            _ => $"tag 0x{EncodingTag:X4}",
        };
        return $"{SampleRate} Hz, {BitsPerSample}-bit, {Channels} channel{(Channels == 1 ? "" : "s")}, {encoding}";
    }

    private static WaveFormat Uncompressed(ushort tag, int sampleRate, int bits, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var blockAlign = channels * ((bits + 7) / 8);
        return new WaveFormat(new WAVEFORMATEX
        {
            wFormatTag = tag,
            nChannels = (ushort)channels,
            nSamplesPerSec = (uint)sampleRate,
            nAvgBytesPerSec = (uint)(sampleRate * blockAlign),
            nBlockAlign = (ushort)blockAlign,
            wBitsPerSample = (ushort)bits,
        });
    }
}
