using System.Buffers.Binary;
using InstallableDrivers.Multimedia.Interop;
using Xunit.Abstractions;
using static InstallableDrivers.Multimedia.Interop.AcmErrors;
using static InstallableDrivers.Multimedia.Interop.AcmStreamFlags;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveFormatTags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// drivers/acm/mp3.c, the MP3 decoder we ship (over libmpg123), driven as the ACM drives it. The MP3 streams are made
/// by the real lame encoder from generated sines at test time; what comes out is judged against the sine itself: its
/// length, its frequency and its signal-to-noise ratio.
/// </summary>
public sealed unsafe class Mp3CodecTests(ITestOutputHelper output) : IDisposable
{
    private const int SamplesPerFrame = 1152;

    private readonly AcmCodecDriver _driver = new("mp3");

    public void Dispose() => _driver.Dispose();

    /// <summary>An MPEGLAYER3WAVEFORMAT (30 bytes) as a WAV file or NAudio describes a constant-bit-rate MPEG-1 stream.</summary>
    private static byte[] Mp3Format(int channels, int rate, int kbps)
    {
        var extra = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 1); // MPEGLAYER3_ID_MPEG
        BinaryPrimitives.WriteUInt32LittleEndian(extra.AsSpan(2), 0); // MPEGLAYER3_FLAG_PADDING_ISO
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(6), (ushort)(144 * kbps * 1000 / rate));
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(10), 0);
        return WaveFormats.Make(WAVE_FORMAT_MPEGLAYER3, channels, rate, kbps * 125, 1, 0, extra);
    }

    /// <summary>The frequency of one channel's tone, from its upward zero crossings over the middle of the signal.</summary>
    private static double Frequency(short[] samples, int channels, int channel, int rate)
    {
        var frames = samples.Length / channels;
        int first = -1, last = -1, crossings = 0;
        for (var frame = frames / 8; frame < frames * 7 / 8; frame++)
        {
            if (samples[((frame - 1) * channels) + channel] < 0 && samples[(frame * channels) + channel] >= 0)
            {
                first = first < 0 ? frame : first;
                last = frame;
                crossings++;
            }
        }

        return (crossings - 1) * (double)rate / (last - first);
    }

    /// <summary>The lag (in frames) at which the decoded signal best matches the original, searched within a frame either way.</summary>
    private static int BestLag(short[] original, short[] decoded, int channels)
    {
        var (best, bestLag) = (double.MinValue, 0);
        for (var lag = -2 * SamplesPerFrame; lag <= 2 * SamplesPerFrame; lag++)
        {
            double correlation = 0;
            for (var i = Math.Max(0, -lag * channels); i < original.Length && i + (lag * channels) < decoded.Length; i += 7)
            {
                correlation += (double)original[i] * decoded[i + (lag * channels)];
            }

            (best, bestLag) = correlation > best ? (correlation, lag) : (best, bestLag);
        }

        return bestLag;
    }

    /// <summary>The least-squares gain from the original to the decoded signal.</summary>
    private static double Gain(short[] original, short[] decoded)
    {
        double dot = 0, energy = 0;
        for (var i = 0; i < Math.Min(original.Length, decoded.Length); i++)
        {
            dot += (double)original[i] * decoded[i];
            energy += (double)original[i] * original[i];
        }

        return dot / energy;
    }

    private static short[] Scaled(short[] samples, double gain) => [.. samples.Select(sample => (short)Math.Round(sample * gain))];

    private (short[] Original, byte[] Mp3) EncodedSine(int channels, int rate, int kbps, int frames, params double[] frequencies)
    {
        var original = Signals.Sine(frames, rate, 16384, frequencies);
        var mp3 = LameEncoder.Encode(original, channels, rate, kbps);
        output.WriteLine($"lame: {original.Length / channels} frames at {rate} Hz, {channels} channel(s), {kbps} kbit/s -> {mp3.Length} bytes");
        return (original, mp3);
    }

    [Theory]
    [InlineData(1, 44100, 128, 1000.0, 0.0, 65.0)]
    [InlineData(2, 44100, 128, 1000.0, 1500.0, 50.0)]
    [InlineData(1, 22050, 64, 440.0, 0.0, 60.0)]
    public void A_lame_encoded_sine_decodes_to_its_length_frequency_and_above_the_documented_snr(
        int channels, int rate, int kbps, double left, double right, double thresholdDb)
    {
        double[] frequencies = channels == 1 ? [left] : [left, right];
        var (original, mp3) = EncodedSine(channels, rate, kbps, rate * 2, frequencies);
        using var stream = _driver.Stream(Mp3Format(channels, rate, kbps), WaveFormats.Pcm(channels, rate));
        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(mp3));

        // With the LAME header at its start, libmpg123 cuts the encoder's delay and padding: the sine comes back where
        // it was, as long as it was.
        var lag = BestLag(original, decoded, channels);
        Assert.Equal(0, lag);
        Assert.True(Math.Abs((decoded.Length / channels) - (original.Length / channels)) <= SamplesPerFrame,
            $"decoded {decoded.Length / channels} frames for {original.Length / channels} encoded");
        for (var channel = 0; channel < channels; channel++)
        {
            var measured = Frequency(decoded, channels, channel, rate);
            output.WriteLine($"channel {channel}: {measured:F2} Hz for {frequencies[channel]} Hz");
            Assert.InRange(measured, frequencies[channel] * 0.995, frequencies[channel] * 1.005);
        }

        // lame 3.100 encodes these sines at 0.95 of their level (its own decoder, lame --decode, finds the same), so the
        // noise is measured against the sine at the level the decoder found, and that level is held to lame's.
        var gain = Gain(original, decoded);
        var snr = Signals.SignalToNoise(Scaled(original, gain), decoded);
        output.WriteLine($"decoded {decoded.Length / channels} frames of {original.Length / channels}, gain {gain:F4}, SNR {snr:F1} dB");
        Assert.InRange(gain, 0.93, 1.01);
        Assert.True(snr > thresholdDb, $"SNR {snr:F1} dB, threshold {thresholdDb} dB");
    }
}
