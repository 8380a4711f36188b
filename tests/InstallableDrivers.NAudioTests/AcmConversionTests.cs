using NAudio.Codecs;
using NAudio.Wave;
using NAudio.Wave.Compression;
using InstallableDrivers.Tests.Multimedia;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio's AcmStream and WaveFormatConversionStream, unchanged, converting through the shipped codecs and the PCM
/// converter. G.711 is checked byte for byte against NAudio.Core's own G.711 tables (an implementation independent of
/// ours); IMA ADPCM against the reference decoder of the core tests and the SNR thresholds of docs/acm-codecs.md.
/// </summary>
[Collection(NAudioAcm.Collection)]
public sealed class AcmConversionTests
{
    private static readonly WaveFormat Pcm8kMono = new(8000, 16, 1);

    public AcmConversionTests() => NAudioAcm.EnsureReady();

    [Fact]
    public void AcmStream_encodes_PCM_to_mu_law_as_the_G711_tables_do_and_decodes_it_back()
    {
        var samples = Signals.Sine(24000, 8000, 12000, 440);

        var encoded = Convert(Pcm8kMono, WaveFormat.CreateMuLawFormat(8000, 1), WaveFormats.Pcm16Bytes(samples));

        // G.711's reference (ITU-T G.191) takes a negative sample's magnitude as its one's complement, NAudio's encoder as
        // its two's complement: the codes agree except that, for a negative sample on a step's edge, ours is one step lower.
        var naudio = samples.Select(MuLawEncoder.LinearToMuLawSample).ToArray();
        Assert.Equal(samples.Length, encoded.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.True(encoded[i] == naudio[i] || (samples[i] < 0 && encoded[i] == naudio[i] + 1), $"sample {i} ({samples[i]}): {encoded[i]}, NAudio {naudio[i]}");
        }

        Assert.Contains(Enumerable.Range(0, samples.Length), i => encoded[i] == naudio[i] && samples[i] < 0);

        var decoded = WaveFormats.Pcm16Samples(Convert(WaveFormat.CreateMuLawFormat(8000, 1), Pcm8kMono, encoded));
        Assert.Equal(encoded.Select(MuLawDecoder.MuLawToLinearSample), decoded);
        Assert.True(Signals.SignalToNoise(samples, decoded) > 30);
    }

    [Fact]
    public void AcmStream_encodes_PCM_to_A_law_as_the_G711_tables_do_and_decodes_it_back()
    {
        var samples = Signals.Sine(24000, 8000, 12000, 1000);

        var encoded = Convert(Pcm8kMono, WaveFormat.CreateALawFormat(8000, 1), WaveFormats.Pcm16Bytes(samples));
        Assert.Equal(samples.Select(ALawEncoder.LinearToALawSample), encoded);

        var decoded = WaveFormats.Pcm16Samples(Convert(WaveFormat.CreateALawFormat(8000, 1), Pcm8kMono, encoded));
        Assert.Equal(encoded.Select(ALawDecoder.ALawToLinearSample), decoded);
        Assert.True(Signals.SignalToNoise(samples, decoded) > 30);
    }

    [Fact]
    public void WaveFormatConversionStream_round_trips_IMA_ADPCM_through_the_codec()
    {
        var samples = Signals.Sine(8000, 8000, 12000, 440);
        var imaBytes = WaveFormats.Ima(1, 8000, 256);
        var ima = WaveFormat.FromFormatChunk(new BinaryReader(new MemoryStream(imaBytes)), imaBytes.Length);

        byte[] encoded;
        using (var pcm = new RawSourceWaveStream(new MemoryStream(WaveFormats.Pcm16Bytes(samples)), Pcm8kMono))
        using (var encoder = new WaveFormatConversionStream(ima, pcm))
        {
            encoded = WaveProviders.ReadAll(encoder);
        }

        Assert.Equal(0, encoded.Length % ima.BlockAlign);
        var reference = ImaAdpcmReference.Decode(encoded, ima.BlockAlign, 1);
        Assert.True(Signals.SignalToNoise(samples, reference) > 20);

        short[] decoded;
        using (var adpcm = new RawSourceWaveStream(new MemoryStream(encoded), ima))
        using (var decoder = new WaveFormatConversionStream(Pcm8kMono, adpcm))
        {
            decoded = WaveFormats.Pcm16Samples(WaveProviders.ReadAll(decoder));
        }

        Assert.Equal(reference, decoded);
    }

    [Fact]
    public void WaveFormatConversionProvider_converts_rate_and_channels_through_the_PCM_converter()
    {
        var frames = 4410;
        var stereo = Signals.Sine(frames, 44100, 20000, 441, 882);
        var source = new RawSourceWaveStream(new MemoryStream(WaveFormats.Pcm16Bytes(stereo)), new WaveFormat(44100, 16, 2));
        using var toMono = new WaveFormatConversionProvider(new WaveFormat(44100, 16, 1), source);
        var mono = WaveFormats.Pcm16Samples(WaveProviders.ReadAll(toMono));

        // Stereo to mono is L + R, clamped, as Windows' PCM converter mixes (docs/acm.md); these peaks do clip.
        var mixed = Enumerable.Range(0, frames).Select(i => (short)Math.Clamp(stereo[2 * i] + stereo[(2 * i) + 1], short.MinValue, short.MaxValue));
        Assert.Equal(mixed, mono);
        Assert.Contains(mono, s => s == short.MaxValue);

        var left = Signals.Sine(frames, 44100, 10000, 441);
        using var toRate = new WaveFormatConversionProvider(new WaveFormat(22050, 16, 1),
            new RawSourceWaveStream(new MemoryStream(WaveFormats.Pcm16Bytes(left)), new WaveFormat(44100, 16, 1)));
        var half = WaveFormats.Pcm16Samples(WaveProviders.ReadAll(toRate));
        // NAudio never sends ACM_STREAMCONVERTF_END, and the resampler gives its last 48 output frames only then (docs/acm.md).
        Assert.Equal((frames / 2) - 48, half.Length);
        var expected = Signals.Sine(half.Length, 22050, 10000, 441);
        Assert.True(Signals.SignalToNoise(expected, half) > 20);
    }

    [Fact]
    public void SuggestPcmFormat_asks_acmFormatSuggest_for_the_PCM_a_codec_decodes_to()
    {
        var suggested = AcmStream.SuggestPcmFormat(WaveFormat.CreateALawFormat(11025, 2));

        Assert.Equal(WaveFormatEncoding.Pcm, suggested.Encoding);
        Assert.Equal((11025, 2, 16), (suggested.SampleRate, suggested.Channels, suggested.BitsPerSample));
    }

    /// <summary>
    /// Converts a whole buffer through one NAudio AcmStream, a source buffer at a time. A compacting collection between
    /// the parts moves what it can: NAudio 2 pins its stream header only during each call, so the header the ACM sees
    /// may be at another address each time.
    /// </summary>
    internal static byte[] Convert(WaveFormat from, WaveFormat to, byte[] input)
    {
        using var stream = new AcmStream(from, to);
        var output = new MemoryStream();
        var offset = 0;
        while (offset < input.Length)
        {
            var count = Math.Min(stream.SourceBuffer.Length, input.Length - offset);
            Array.Copy(input, offset, stream.SourceBuffer, 0, count);
            var converted = stream.Convert(count, out var used);
            Assert.True(used > 0);
            output.Write(stream.DestBuffer, 0, converted);
            offset += used;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        return output.ToArray();
    }
}
