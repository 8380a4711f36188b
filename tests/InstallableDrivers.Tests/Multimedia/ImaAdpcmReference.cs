namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// A reference IMA ADPCM decoder for the tests, written from the IMA recommended practice (1992): its step-size and
/// index tables and its decoding procedure, and the WAV block layout (per channel a header of first sample and step
/// index, then 4 bytes of codes per channel in turn, low nibble first). Kept plain and slow on purpose.
/// </summary>
internal static class ImaAdpcmReference
{
    // The recommended practice's step sizes: 89 entries, each about 1.1 times the one before.
    private static readonly int[] StepSizes =
    [
        7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107,
        118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963,
        1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894,
        6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794,
        32767,
    ];

    // Its index adjustments, by the code's three magnitude bits.
    private static readonly int[] IndexAdjustments = [-1, -1, -1, -1, 2, 4, 6, 8];

    /// <summary>Decodes one block into interleaved 16-bit samples (samplesPerBlock frames).</summary>
    public static short[] DecodeBlock(ReadOnlySpan<byte> block, int channels)
    {
        var samplesPerBlock = WaveFormats.ImaSamplesPerBlock(block.Length, channels);
        var output = new short[samplesPerBlock * channels];
        for (var channel = 0; channel < channels; channel++)
        {
            var predicted = (int)(short)(block[4 * channel] | (block[(4 * channel) + 1] << 8));
            var index = Math.Clamp((int)block[(4 * channel) + 2], 0, 88);
            output[channel] = (short)predicted;

            for (var n = 1; n < samplesPerBlock; n++)
            {
                // Sample n of this channel is code n - 1 of its stream: group (n-1)/8, byte ((n-1)%8)/2 of it.
                var k = n - 1;
                var at = (4 * channels) + ((((k / 8) * channels) + channel) * 4) + (k % 8 / 2);
                var code = (k % 2 == 0) ? block[at] & 0x0F : block[at] >> 4;

                // Difference = (code magnitude + 1/2) * step / 4, computed as the recommended practice does, in
                // shifts, so rounding matches: step/8 + (bit 2) step + (bit 1) step/2 + (bit 0) step/4.
                var step = StepSizes[index];
                var difference = step >> 3;
                if ((code & 4) != 0)
                {
                    difference += step;
                }

                if ((code & 2) != 0)
                {
                    difference += step >> 1;
                }

                if ((code & 1) != 0)
                {
                    difference += step >> 2;
                }

                predicted = Math.Clamp((code & 8) != 0 ? predicted - difference : predicted + difference, short.MinValue, short.MaxValue);
                index = Math.Clamp(index + IndexAdjustments[code & 7], 0, 88);
                output[(n * channels) + channel] = (short)predicted;
            }
        }

        return output;
    }

    /// <summary>Decodes whole blocks one after another.</summary>
    public static short[] Decode(ReadOnlySpan<byte> data, int blockAlign, int channels)
    {
        var samples = new List<short>();
        for (var offset = 0; offset + blockAlign <= data.Length; offset += blockAlign)
        {
            samples.AddRange(DecodeBlock(data.Slice(offset, blockAlign), channels));
        }

        return [.. samples];
    }
}
