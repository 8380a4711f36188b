using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.AcmErrors;
using static InstallableDrivers.Multimedia.Interop.AcmStreamFlags;
using static InstallableDrivers.Multimedia.Interop.WaveFormatTags;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// drivers/acm/imaadpcm.c, the IMA ADPCM codec we ship, driven as the ACM drives it: decoding against a reference
/// decoder written in the test from the published tables, encoding by the quality of the round trip and by the block
/// layout, and the stream semantics (sizes, partial buffers, START/END/BLOCKALIGN, errors).
/// </summary>
public sealed unsafe class ImaAdpcmCodecTests : IDisposable
{
    // The documented round-trip quality (docs/acm-codecs.md): a 1 kHz sine at half scale comes back with a
    // signal-to-noise ratio above these (measured: 21.2 dB at 8 kHz, where a period is only 8 samples and the 4-bit
    // codes lag the slope; 38.3 dB at 44.1 kHz). Stereo at 22.05 kHz, 440 Hz and 1.5 kHz: above 24 dB per channel.
    private const double SnrAt8kHzDb = 20;
    private const double SnrAt44kHzDb = 35;
    private const double StereoSnrDb = 24;

    private readonly AcmCodecDriver _driver = new("imaadpcm");

    public void Dispose() => _driver.Dispose();

    private static byte[] RandomBlock(int blockAlign, int channels, int seed)
    {
        var random = new Random(seed);
        var block = new byte[blockAlign];
        random.NextBytes(block);
        for (var channel = 0; channel < channels; channel++)
        {
            block[(4 * channel) + 2] = (byte)random.Next(0, 89); // a valid step index
            block[(4 * channel) + 3] = 0;
        }

        return block;
    }

    [Theory]
    [InlineData(1, 256, 1)]
    [InlineData(1, 1024, 2)]
    [InlineData(2, 512, 3)]
    [InlineData(2, 2048, 4)]
    public void Decoding_hand_built_blocks_matches_the_reference_decoder_bit_for_bit(int channels, int blockAlign, int seed)
    {
        var blocks = RandomBlock(blockAlign, channels, seed).Concat(RandomBlock(blockAlign, channels, seed + 100)).ToArray();
        using var stream = _driver.Stream(WaveFormats.Ima(channels, 22050, blockAlign), WaveFormats.Pcm(channels, 22050));

        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(blocks));

        Assert.Equal(ImaAdpcmReference.Decode(blocks, blockAlign, channels), decoded);
    }

    [Fact]
    public void A_block_whose_codes_all_say_plus_the_largest_step_climbs_to_full_scale_and_stays()
    {
        // Every code 0x7 (+ step + step/2 + step/4 + step/8) from index 0: the step index climbs by 8 a code, so the
        // sample saturates at 32767 well before the end of the block: a hand-checkable block.
        var block = new byte[256];
        block[2] = 0;
        Array.Fill(block, (byte)0x77, 4, 252);
        using var stream = _driver.Stream(WaveFormats.Ima(1, 8000, 256), WaveFormats.Pcm(1, 8000));
        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(block));

        Assert.Equal(505, decoded.Length);
        Assert.Equal(0, decoded[0]);
        Assert.Equal(0 + 7 + 3 + 1, decoded[1]); // step 7: 7/8 + 7 + 7/2 + 7/4, in whole numbers
        Assert.Equal(short.MaxValue, decoded[^1]);
        Assert.True(decoded.Zip(decoded.Skip(1)).All(pair => pair.Second >= pair.First), "a rising code sequence decodes to a rising signal");
    }

    [Fact]
    public void A_damaged_step_index_is_clamped_not_read_past_the_table()
    {
        var block = RandomBlock(256, 1, 7);
        block[2] = 200;
        using var stream = _driver.Stream(WaveFormats.Ima(1, 8000, 256), WaveFormats.Pcm(1, 8000));
        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(block));
        Assert.Equal(ImaAdpcmReference.DecodeBlock(block, 1), decoded); // the reference clamps to 88 too
    }

    [Theory]
    [InlineData(8000, 256, SnrAt8kHzDb)]
    [InlineData(44100, 1024, SnrAt44kHzDb)]
    public void A_sine_survives_the_round_trip_above_the_documented_snr(int rate, int blockAlign, double thresholdDb)
    {
        var original = Signals.Sine(rate, rate, 16384, 1000);
        var (encoded, decoded) = RoundTrip(1, rate, blockAlign, original);

        var snr = Signals.SignalToNoise(original, decoded);
        Assert.True(snr > thresholdDb, $"SNR {snr:F1} dB, below {thresholdDb} dB");

        // What the driver's decoder makes of the driver's encoder output is what the reference decoder makes of it.
        Assert.Equal(ImaAdpcmReference.Decode(encoded, blockAlign, 1), decoded);
    }

    [Fact]
    public void Stereo_keeps_its_channels_apart()
    {
        // Different frequencies in each channel: a mix-up of the per-channel 4-byte groups would ruin both.
        var original = Signals.Sine(22050, 22050, 12000, 440, 1500);
        var (_, decoded) = RoundTrip(2, 22050, 1024, original);

        var left = original.Where((_, i) => i % 2 == 0).ToArray();
        var right = original.Where((_, i) => i % 2 == 1).ToArray();
        var leftSnr = Signals.SignalToNoise(left, decoded.Where((_, i) => i % 2 == 0).ToArray());
        var rightSnr = Signals.SignalToNoise(right, decoded.Where((_, i) => i % 2 == 1).ToArray());
        Assert.True(leftSnr > StereoSnrDb && rightSnr > StereoSnrDb, $"SNR left {leftSnr:F1} dB, right {rightSnr:F1} dB");
    }

    private (byte[] Encoded, short[] Decoded) RoundTrip(int channels, int rate, int blockAlign, short[] original)
    {
        using var encoder = _driver.Stream(WaveFormats.Pcm(channels, rate), WaveFormats.Ima(channels, rate, blockAlign));
        var encoded = encoder.ConvertAll(WaveFormats.Pcm16Bytes(original));
        using var decoder = _driver.Stream(WaveFormats.Ima(channels, rate, blockAlign), WaveFormats.Pcm(channels, rate));
        return (encoded, WaveFormats.Pcm16Samples(decoder.ConvertAll(encoded)));
    }

    [Fact]
    public void Encoded_blocks_have_the_WAV_layout()
    {
        const int blockAlign = 512, channels = 2, perBlock = 505; // (512 - 8) * 2 / 2 + 1
        var original = Signals.Sine(3 * perBlock, 11025, 8000, 300, 700);
        using var encoder = _driver.Stream(WaveFormats.Pcm(channels, 11025), WaveFormats.Ima(channels, 11025, blockAlign));
        var encoded = encoder.ConvertAll(WaveFormats.Pcm16Bytes(original));

        Assert.Equal(3 * blockAlign, encoded.Length);
        for (var block = 0; block < 3; block++)
        {
            for (var channel = 0; channel < channels; channel++)
            {
                var header = (block * blockAlign) + (4 * channel);
                Assert.Equal(original[(block * perBlock * channels) + channel], (short)(encoded[header] | (encoded[header + 1] << 8)));
                Assert.InRange(encoded[header + 2], 0, 88);
                Assert.Equal(0, encoded[header + 3]);
            }
        }
    }

    [Fact]
    public void Whole_blocks_convert_and_a_partial_one_waits_for_END_unless_BLOCKALIGN()
    {
        const int perBlock = 505, pcmBlock = perBlock * 2;
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(perBlock + 200, 8000, 10000, 500));
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.Ima(1, 8000, 256));

        var (result, used, output) = encoder.Convert(pcm, 1024, ACM_STREAMCONVERTF_START);
        Assert.Equal(((long)MMSYSERR_NOERROR, pcmBlock, 256), (result, used, output.Length));

        (result, used, output) = encoder.Convert(pcm, 1024, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END | ACM_STREAMCONVERTF_BLOCKALIGN);
        Assert.Equal(((long)MMSYSERR_NOERROR, pcmBlock, 256), (result, used, output.Length));

        (result, used, output) = encoder.Convert(pcm, 1024, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, pcm.Length, 512), (result, used, output.Length));

        // The flushed block decodes to the 200 remaining samples followed by silence.
        var decodedTail = ImaAdpcmReference.DecodeBlock(output.AsSpan(256), 1);
        var tail = WaveFormats.Pcm16Samples(pcm.AsSpan(pcmBlock));
        var tailSnr = Signals.SignalToNoise(tail, decodedTail.AsSpan(0, 200));
        Assert.True(tailSnr > SnrAt8kHzDb, $"SNR of the flushed samples {tailSnr:F1} dB"); // a 500 Hz tone at 8 kHz
        Assert.True(decodedTail.Skip(250).All(sample => Math.Abs((int)sample) < 200), "the padding decodes to near silence");

        // No room for a block: nothing is converted, and that is no error.
        (result, used, output) = encoder.Convert(pcm, 255, ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, 0, 0), (result, used, output.Length));
    }

    [Fact]
    public void The_encoder_carries_its_step_index_from_buffer_to_buffer_until_START()
    {
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(505, 8000, 20000, 1000));
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.Ima(1, 8000, 256));

        var first = encoder.Convert(pcm, 256, ACM_STREAMCONVERTF_START).Output;
        var continued = encoder.Convert(pcm, 256, 0).Output;
        var restarted = encoder.Convert(pcm, 256, ACM_STREAMCONVERTF_START).Output;

        Assert.Equal(0, first[2]); // a new stream starts from the smallest step
        Assert.NotEqual(0, continued[2]); // a loud signal has raised it, and the next block keeps it
        Assert.Equal(first, restarted);
    }

    [Fact]
    public void The_decoder_converts_whole_blocks_that_fit_the_destination()
    {
        var blocks = RandomBlock(256, 1, 1).Concat(RandomBlock(256, 1, 2)).Concat(new byte[100]).ToArray();
        using var decoder = _driver.Stream(WaveFormats.Ima(1, 8000, 256), WaveFormats.Pcm(1, 8000));

        var (result, used, output) = decoder.Convert(blocks, 4000, ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, 512, 2020), (result, used, output.Length)); // the 100-byte tail is no block

        (result, used, output) = decoder.Convert(blocks, 2019, 0); // room for one decoded block, not two
        Assert.Equal(((long)MMSYSERR_NOERROR, 256, 1010), (result, used, output.Length));
    }

    [Fact]
    public void Stream_size_answers_in_blocks_rounding_the_encoders_source_up()
    {
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.Ima(1, 8000, 256));
        Assert.Equal(((long)MMSYSERR_NOERROR, 256u), encoder.Size(ACM_STREAMSIZEF_SOURCE, 1010));
        Assert.Equal(((long)MMSYSERR_NOERROR, 512u), encoder.Size(ACM_STREAMSIZEF_SOURCE, 1012)); // END flushes the rest
        Assert.Equal(((long)MMSYSERR_NOERROR, 256u), encoder.Size(ACM_STREAMSIZEF_SOURCE, 2));
        Assert.Equal(((long)MMSYSERR_NOERROR, 2020u), encoder.Size(ACM_STREAMSIZEF_DESTINATION, 600));
        Assert.Equal(ACMERR_NOTPOSSIBLE, encoder.Size(ACM_STREAMSIZEF_DESTINATION, 255).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, encoder.Size(ACM_STREAMSIZEF_SOURCE, 0).Result);

        using var decoder = _driver.Stream(WaveFormats.Ima(2, 44100, 2048), WaveFormats.Pcm(2, 44100));
        var frames = WaveFormats.ImaSamplesPerBlock(2048, 2);
        Assert.Equal(((long)MMSYSERR_NOERROR, (uint)(frames * 4)), decoder.Size(ACM_STREAMSIZEF_SOURCE, 2048 + 2047));
        Assert.Equal(ACMERR_NOTPOSSIBLE, decoder.Size(ACM_STREAMSIZEF_SOURCE, 2047).Result);
        Assert.Equal(((long)MMSYSERR_NOERROR, 2048u), decoder.Size(ACM_STREAMSIZEF_DESTINATION, (uint)(frames * 4) + 3));
        Assert.Equal(ACMERR_NOTPOSSIBLE, decoder.Size(ACM_STREAMSIZEF_DESTINATION, (uint)(frames * 4) - 1).Result);
        Assert.Equal((long)MMSYSERR_INVALFLAG, decoder.Size(0x2, 4096).Result);
    }

    public static TheoryData<string, byte[], byte[]> ImpossibleConversions => new()
    {
        { "wrong samples per block", WaveFormats.Ima(1, 8000, 256, samplesPerBlock: 504), WaveFormats.Pcm(1, 8000) },
        { "block not whole 4-byte groups", WaveFormats.Ima(2, 8000, 260), WaveFormats.Pcm(2, 8000) },
        { "block only headers", WaveFormats.Ima(1, 8000, 4), WaveFormats.Pcm(1, 8000) },
        { "three channels", WaveFormats.Ima(3, 8000, 768), WaveFormats.Pcm(3, 8000) },
        { "3 bits a sample", WaveFormats.Make(WAVE_FORMAT_IMA_ADPCM, 1, 8000, 4055, 256, 3, [0xF9, 0x01]), WaveFormats.Pcm(1, 8000) },
        { "no cbSize", WaveFormats.Make(WAVE_FORMAT_IMA_ADPCM, 1, 8000, 4055, 256, 4), WaveFormats.Pcm(1, 8000) },
        { "8-bit PCM", WaveFormats.Pcm(1, 8000, 8), WaveFormats.Ima(1, 8000, 256) },
        { "different rates", WaveFormats.Pcm(1, 8000), WaveFormats.Ima(1, 11025, 256) },
        { "different channels", WaveFormats.Ima(2, 8000, 512), WaveFormats.Pcm(1, 8000) },
        { "IMA to IMA", WaveFormats.Ima(1, 8000, 256), WaveFormats.Ima(1, 8000, 512) },
        { "mu-law", WaveFormats.G711(WAVE_FORMAT_MULAW, 1, 8000), WaveFormats.Pcm(1, 8000) },
    };

    [Theory]
    [MemberData(nameof(ImpossibleConversions))]
    public void A_conversion_it_cannot_do_is_ACMERR_NOTPOSSIBLE(string what, byte[] source, byte[] destination)
    {
        Assert.True(ACMERR_NOTPOSSIBLE == _driver.OpenStream(source, destination).Result, what);
        Assert.True(ACMERR_NOTPOSSIBLE == _driver.OpenStream(source, destination, ACM_STREAMOPENF_QUERY).Result, what);
    }

    [Fact]
    public void Details_list_two_tags_and_the_standard_formats_have_the_standard_blocks()
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));
        Assert.Equal(2u, details.cFormatTags);

        var tag = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX, 1);
        Assert.Equal((long)MMSYSERR_NOERROR, tag.Result);
        Assert.Equal(WAVE_FORMAT_IMA_ADPCM, tag.Details.dwFormatTag);
        Assert.Equal(20u, tag.Details.cbFormatSize);
        Assert.Equal("IMA ADPCM", tag.Details.FormatTagName);
        var largest = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE, tag: WAVE_FORMAT_UNKNOWN);
        Assert.Equal(WAVE_FORMAT_IMA_ADPCM, largest.Details.dwFormatTag);

        for (var index = 0u; index < tag.Details.cStandardFormats; index++)
        {
            var (result, _, format) = _driver.FormatDetailsByIndex(WAVE_FORMAT_IMA_ADPCM, index);
            Assert.Equal((long)MMSYSERR_NOERROR, result);
            var channels = WaveFormats.Channels(format);
            var rate = WaveFormats.Rate(format);
            var perChannel = rate <= 11025 ? 256 : rate <= 22050 ? 512 : 1024;
            var blockAlign = perChannel * channels;
            var samplesPerBlock = WaveFormats.ImaSamplesPerBlock(blockAlign, channels);
            Assert.Equal(blockAlign, WaveFormats.BlockAlign(format));
            Assert.Equal(4, WaveFormats.Bits(format));
            Assert.Equal(2, WaveFormats.ExtraSize(format));
            Assert.Equal(samplesPerBlock, WaveFormats.ImaSamplesPerBlockField(format));
            Assert.Equal(rate * blockAlign / samplesPerBlock, WaveFormats.AvgBytes(format));
            Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(format[..20], WaveFormats.Pcm(channels, rate), ACM_STREAMOPENF_QUERY).Result);
        }

        var mono8k = _driver.FormatDetailsByIndex(WAVE_FORMAT_IMA_ADPCM, 0).Format;
        Assert.Equal((256, 505, 4055), (WaveFormats.BlockAlign(mono8k), WaveFormats.ImaSamplesPerBlockField(mono8k), WaveFormats.AvgBytes(mono8k)));
        Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.FormatDetailsByIndex(WAVE_FORMAT_IMA_ADPCM, 0, room: 18).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatDetailsByIndex(WAVE_FORMAT_ALAW, 0).Result);
    }

    [Fact]
    public void Suggest_proposes_the_standard_IMA_format_for_PCM_and_PCM_for_IMA()
    {
        var (result, suggested) = _driver.Suggest(WaveFormats.Pcm(2, 44100), new byte[20], 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Ima(2, 44100, 2048), suggested);

        (result, suggested) = _driver.Suggest(WaveFormats.Ima(1, 8000, 256), new byte[18], 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Pcm(1, 8000)[..16], suggested[..16]);

        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(1, 8000), new byte[19], 0).Result);
        var wantMono = WaveFormats.Make(0, 1, 0, 0, 0, 0);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(2, 8000), wantMono, AcmDetailsFlags.ACM_FORMATSUGGESTF_NCHANNELS).Result);
        var want16Bits = WaveFormats.Make(0, 0, 0, 0, 0, 16);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(1, 8000), want16Bits, AcmDetailsFlags.ACM_FORMATSUGGESTF_WBITSPERSAMPLE).Result);
    }
}
