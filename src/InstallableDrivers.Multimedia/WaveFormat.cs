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

    // The seven predictor pairs every standard Microsoft ADPCM format lists, scaled by 256 (ADPCMCOEFSET, mmreg.h).
    private static readonly (short Coef1, short Coef2)[] MsAdpcmStandardCoefficients =
        [(256, 0), (512, -256), (0, 0), (192, 64), (240, 0), (460, -208), (392, -232)];

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

    /// <summary>ITU-T G.711 µ-law (WAVE_FORMAT_MULAW): 8 bits a sample, <paramref name="channels"/> (1 or 2) interleaved.</summary>
    public static WaveFormat MuLaw(int sampleRate, int channels) => G711(WaveFormatTags.WAVE_FORMAT_MULAW, sampleRate, channels);

    /// <summary>ITU-T G.711 A-law (WAVE_FORMAT_ALAW): 8 bits a sample, <paramref name="channels"/> (1 or 2) interleaved.</summary>
    public static WaveFormat ALaw(int sampleRate, int channels) => G711(WaveFormatTags.WAVE_FORMAT_ALAW, sampleRate, channels);

    /// <summary>
    /// IMA ADPCM (IMAADPCMWAVEFORMAT) with the standard block: 256 bytes a channel up to 11.025 kHz, 512 up to
    /// 22.05 kHz, 1024 above; wSamplesPerBlock = (nBlockAlign − 4·channels)·8 / (4·channels) + 1 (505 for 256 bytes mono).
    /// </summary>
    public static WaveFormat ImaAdpcm(int sampleRate, int channels)
    {
        CheckMonoOrStereo(sampleRate, channels);
        var blockAlign = (sampleRate <= 11025 ? 256 : sampleRate <= 22050 ? 512 : 1024) * channels;
        var samplesPerBlock = ((blockAlign - (4 * channels)) * 8 / (4 * channels)) + 1;
        var extra = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, (ushort)samplesPerBlock);
        return Adpcm(WaveFormatTags.WAVE_FORMAT_IMA_ADPCM, sampleRate, channels, blockAlign, samplesPerBlock, extra);
    }

    /// <summary>
    /// Microsoft ADPCM (ADPCMWAVEFORMAT) with the standard block (256 bytes a channel up to 11.025 kHz, doubling with
    /// each doubling of the rate) and the seven standard coefficient pairs; wSamplesPerBlock =
    /// (nBlockAlign − 7·channels)·8 / (4·channels) + 2 (500 for 256 bytes mono).
    /// </summary>
    public static WaveFormat MsAdpcm(int sampleRate, int channels)
    {
        CheckMonoOrStereo(sampleRate, channels);
        var perChannel = 256;
        for (long rate = 11025; rate < sampleRate && perChannel < 8192; rate *= 2)
        {
            perChannel *= 2;
        }

        var blockAlign = perChannel * channels;
        var samplesPerBlock = ((blockAlign - (7 * channels)) * 8 / (4 * channels)) + 2;
        // wSamplesPerBlock, wNumCoef, then the (iCoef1, iCoef2) pairs.
        var extra = new byte[4 + (4 * MsAdpcmStandardCoefficients.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, (ushort)samplesPerBlock);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)MsAdpcmStandardCoefficients.Length);
        for (var i = 0; i < MsAdpcmStandardCoefficients.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(extra.AsSpan(4 + (4 * i)), MsAdpcmStandardCoefficients[i].Coef1);
            BinaryPrimitives.WriteInt16LittleEndian(extra.AsSpan(6 + (4 * i)), MsAdpcmStandardCoefficients[i].Coef2);
        }

        return Adpcm(WaveFormatTags.WAVE_FORMAT_ADPCM, sampleRate, channels, blockAlign, samplesPerBlock, extra);
    }

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

    private static WaveFormat G711(ushort tag, int sampleRate, int channels)
    {
        CheckMonoOrStereo(sampleRate, channels);
        return new WaveFormat(new WAVEFORMATEX
        {
            wFormatTag = tag,
            nChannels = (ushort)channels,
            nSamplesPerSec = (uint)sampleRate,
            nAvgBytesPerSec = (uint)(sampleRate * channels),
            nBlockAlign = (ushort)channels,
            wBitsPerSample = 8,
        });
    }

    private static WaveFormat Adpcm(ushort tag, int sampleRate, int channels, int blockAlign, int samplesPerBlock, byte[] extra) =>
        new(new WAVEFORMATEX
        {
            wFormatTag = tag,
            nChannels = (ushort)channels,
            nSamplesPerSec = (uint)sampleRate,
            nAvgBytesPerSec = (uint)((long)sampleRate * blockAlign / samplesPerBlock),
            nBlockAlign = (ushort)blockAlign,
            wBitsPerSample = 4,
        }, extra);

    /// <summary>The compressed formats here are defined for mono and stereo.</summary>
    private static void CheckMonoOrStereo(int sampleRate, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "This format is defined for 1 or 2 channels.");
        }
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
