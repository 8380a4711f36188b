using System.Buffers.Binary;
using static InstallableDrivers.Multimedia.Interop.WaveFormatTags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// Microsoft ADPCM as Microsoft's published description states it, written here independently of the driver: the format
/// block (ADPCMWAVEFORMAT with its coefficient table) and a straightforward block decoder, for the tests to judge
/// drivers/acm/msadpcm.c against.
/// </summary>
internal static class MsAdpcmReference
{
    /// <summary>The seven standard predictor pairs (coef1, coef2), scaled by 256.</summary>
    public static readonly (short First, short Second)[] StandardCoefficients =
        [(256, 0), (512, -256), (0, 0), (192, 64), (240, 0), (460, -208), (392, -232)];

    private static readonly int[] Adaptation = [230, 230, 230, 230, 307, 409, 512, 614, 768, 614, 512, 409, 307, 230, 230, 230];

    /// <summary>Frames in a block: the two header samples, then two 4-bit codes a byte shared by the channels.</summary>
    public static int SamplesPerBlock(int blockAlign, int channels) => ((blockAlign - (7 * channels)) * 8 / (4 * channels)) + 2;

    /// <summary>An ADPCMWAVEFORMAT: WAVEFORMATEX, wSamplesPerBlock, wNumCoef, then the pairs (standard ones by default).</summary>
    public static byte[] Format(int channels, int rate, int blockAlign, (short First, short Second)[]? coefficients = null, int? samplesPerBlock = null)
    {
        coefficients ??= StandardCoefficients;
        var perBlock = samplesPerBlock ?? SamplesPerBlock(blockAlign, channels);
        var extra = new byte[4 + (4 * coefficients.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, (ushort)perBlock);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)coefficients.Length);
        for (var i = 0; i < coefficients.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(extra.AsSpan(4 + (4 * i)), coefficients[i].First);
            BinaryPrimitives.WriteInt16LittleEndian(extra.AsSpan(6 + (4 * i)), coefficients[i].Second);
        }

        return WaveFormats.Make(WAVE_FORMAT_ADPCM, channels, rate, (int)((long)rate * blockAlign / perBlock), blockAlign, 4, extra);
    }

    /// <summary>Decodes one block (or the shorter last block of a stream) to interleaved 16-bit samples.</summary>
    public static short[] DecodeBlock(ReadOnlySpan<byte> block, int channels, (short First, short Second)[] coefficients)
    {
        var coef1 = new int[channels];
        var coef2 = new int[channels];
        var delta = new int[channels];
        var sample1 = new int[channels];
        var sample2 = new int[channels];
        for (var c = 0; c < channels; c++)
        {
            (coef1[c], coef2[c]) = coefficients[block[c]];
            delta[c] = BinaryPrimitives.ReadInt16LittleEndian(block[(channels + (2 * c))..]);
            sample1[c] = BinaryPrimitives.ReadInt16LittleEndian(block[((3 * channels) + (2 * c))..]);
            sample2[c] = BinaryPrimitives.ReadInt16LittleEndian(block[((5 * channels) + (2 * c))..]);
        }

        var output = new List<short>();
        output.AddRange(sample2.Select(s => (short)s)); // the older header sample comes first
        output.AddRange(sample1.Select(s => (short)s));
        var nibbles = (block.Length - (7 * channels)) * 2;
        for (var n = 0; n < nibbles - (nibbles % channels); n++)
        {
            var c = n % channels;
            var b = block[(7 * channels) + (n / 2)];
            var code = n % 2 == 0 ? b >> 4 : b & 0xF;
            var signedCode = code >= 8 ? code - 16 : code;
            var predicted = ((long)sample1[c] * coef1[c] + ((long)sample2[c] * coef2[c])) / 256;
            var sample = (int)Math.Clamp(predicted + ((long)signedCode * delta[c]), short.MinValue, short.MaxValue);
            sample2[c] = sample1[c];
            sample1[c] = sample;
            delta[c] = Math.Max(16, delta[c] * Adaptation[code] / 256);
            output.Add((short)sample);
        }

        return [.. output];
    }

    /// <summary>Decodes a stream of blocks; a last block shorter than <paramref name="blockAlign"/> decodes to what it holds.</summary>
    public static short[] Decode(ReadOnlySpan<byte> data, int blockAlign, int channels, (short First, short Second)[]? coefficients = null)
    {
        var samples = new List<short>();
        for (var offset = 0; offset < data.Length; offset += blockAlign)
        {
            samples.AddRange(DecodeBlock(data.Slice(offset, Math.Min(blockAlign, data.Length - offset)), channels, coefficients ?? StandardCoefficients));
        }

        return [.. samples];
    }
}
