using System.Buffers.Binary;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// Format blocks built byte by byte from the WAVEFORMATEX layout (little-endian, packed): 18 bytes, then the tag's
/// own. Written here rather than taken from a driver, so that a test states the format it means.
/// </summary>
internal static class WaveFormats
{
    public static byte[] Make(ushort tag, int channels, int rate, int avgBytes, int blockAlign, int bits, byte[]? extra = null)
    {
        extra ??= [];
        var format = new byte[18 + extra.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(0), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(8), (uint)avgBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), (ushort)bits);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(16), (ushort)extra.Length);
        extra.CopyTo(format, 18);
        return format;
    }

    public static byte[] Pcm(int channels, int rate, int bits = 16) =>
        Make(WaveFormatTags.WAVE_FORMAT_PCM, channels, rate, rate * channels * bits / 8, channels * bits / 8, bits);

    public static byte[] Float(int channels, int rate) =>
        Make(WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, channels, rate, rate * channels * 4, channels * 4, 32);

    public static byte[] G711(ushort tag, int channels, int rate) => Make(tag, channels, rate, rate * channels, channels, 8);

    /// <summary>IMA ADPCM samples per block: the first sample in each channel's header, then 2 per byte of the rest.</summary>
    public static int ImaSamplesPerBlock(int blockAlign, int channels) => ((blockAlign - (4 * channels)) * 2 / channels) + 1;

    public static byte[] Ima(int channels, int rate, int blockAlign, int? samplesPerBlock = null)
    {
        var perBlock = samplesPerBlock ?? ImaSamplesPerBlock(blockAlign, channels);
        var extra = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, (ushort)perBlock);
        return Make(WaveFormatTags.WAVE_FORMAT_IMA_ADPCM, channels, rate, rate * blockAlign / perBlock, blockAlign, 4, extra);
    }

    /// <summary>An MPEGLAYER3WAVEFORMAT (30 bytes) as a WAV file or NAudio describes a constant-bit-rate MPEG-1 stream.</summary>
    public static byte[] Mp3(int channels, int rate, int kbps)
    {
        var extra = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 1); // MPEGLAYER3_ID_MPEG
        BinaryPrimitives.WriteUInt32LittleEndian(extra.AsSpan(2), 0); // MPEGLAYER3_FLAG_PADDING_ISO
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(6), (ushort)(144 * kbps * 1000 / rate));
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(10), 0);
        return Make(WaveFormatTags.WAVE_FORMAT_MPEGLAYER3, channels, rate, kbps * 125, 1, 0, extra);
    }

    public static ushort Tag(byte[] format) => BinaryPrimitives.ReadUInt16LittleEndian(format);

    public static int Channels(byte[] format) => BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(2));

    public static int Rate(byte[] format) => (int)BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(4));

    public static int AvgBytes(byte[] format) => (int)BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(8));

    public static int BlockAlign(byte[] format) => BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(12));

    public static int Bits(byte[] format) => BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(14));

    public static int ExtraSize(byte[] format) => BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(16));

    public static int ImaSamplesPerBlockField(byte[] format) => BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(18));

    /// <summary>16-bit little-endian PCM bytes of samples.</summary>
    public static byte[] Pcm16Bytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }

    public static short[] Pcm16Samples(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        }

        return samples;
    }
}
