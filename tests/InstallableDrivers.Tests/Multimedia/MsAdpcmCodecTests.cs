using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.Multimedia.Interop.AcmErrors;
using static InstallableDrivers.Multimedia.Interop.AcmStreamFlags;
using static InstallableDrivers.Multimedia.Interop.WaveFormatTags;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// drivers/acm/msadpcm.c, the Microsoft ADPCM codec we ship, driven as the ACM drives it: decoding against a reference
/// decoder written in the test from the published algorithm, encoding by the quality of the round trip, by the block
/// layout and by the predictor it chooses, and the stream semantics (sizes, partial blocks, START/END/BLOCKALIGN, errors).
/// </summary>
public sealed unsafe class MsAdpcmCodecTests : IDisposable
{
    // The documented round-trip quality (msadpcm.c): a half-scale sine comes back with a signal-to-noise ratio above these.
    // Measured: 55.7 dB for 440 Hz at 22.05 kHz mono; 32.7 dB for 1 kHz at 8 kHz mono; 66.9 and 46.2 dB for 440 Hz and
    // 1.5 kHz at 44.1 kHz stereo; 59.0 dB for 440 Hz at 22.05 kHz from and to 8-bit PCM.
    private const double SnrAt22kHzDb = 50;
    private const double SnrAt8kHzDb = 30;
    private const double StereoSnrDb = 42;
    private const double EightBitSnrDb = 50;

    private readonly AcmCodecDriver _driver = new("msadpcm");

    public void Dispose() => _driver.Dispose();

    /// <summary>
    /// A block as an encoder could have written it: a valid predictor index, a plausible step, any header samples, and
    /// codes mostly small with some large ones, so the step wanders up and down but stays in range, as in real data.
    /// </summary>
    private static byte[] HandBuiltBlock(int blockAlign, int channels, Random random, int predictors = 7)
    {
        var block = new byte[blockAlign];
        for (var c = 0; c < channels; c++)
        {
            block[c] = (byte)random.Next(predictors);
            BitConverter.TryWriteBytes(block.AsSpan(channels + (2 * c)), (short)random.Next(16, 2000));
            BitConverter.TryWriteBytes(block.AsSpan((3 * channels) + (2 * c)), (short)random.Next(short.MinValue, short.MaxValue));
            BitConverter.TryWriteBytes(block.AsSpan((5 * channels) + (2 * c)), (short)random.Next(short.MinValue, short.MaxValue));
        }

        int[] small = [0, 1, 2, 3, 12, 13, 14, 15];
        for (var i = 7 * channels; i < blockAlign; i++)
        {
            var high = random.Next(10) == 0 ? random.Next(16) : small[random.Next(small.Length)];
            var low = random.Next(10) == 0 ? random.Next(16) : small[random.Next(small.Length)];
            block[i] = (byte)((high << 4) | low);
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
        var random = new Random(seed);
        var blocks = HandBuiltBlock(blockAlign, channels, random).Concat(HandBuiltBlock(blockAlign, channels, random)).ToArray();
        using var stream = _driver.Stream(MsAdpcmReference.Format(channels, 22050, blockAlign), WaveFormats.Pcm(channels, 22050));

        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(blocks));

        Assert.Equal(2 * MsAdpcmReference.SamplesPerBlock(blockAlign, channels) * channels, decoded.Length);
        Assert.Equal(MsAdpcmReference.Decode(blocks, blockAlign, channels), decoded);
    }

    [Fact]
    public void Decoding_to_8_bit_PCM_rounds_each_sample_to_its_top_byte_offset_by_128()
    {
        var block = HandBuiltBlock(512, 2, new Random(5));
        using var stream = _driver.Stream(MsAdpcmReference.Format(2, 11025, 512), WaveFormats.Pcm(2, 11025, 8));

        var decoded = stream.ConvertAll(block);

        Assert.Equal(MsAdpcmReference.Decode(block, 512, 2).Select(s => (byte)(Math.Min((s + 128) >> 8, 127) + 128)), decoded);
    }

    [Fact]
    public void A_custom_coefficient_table_in_the_format_is_the_one_used()
    {
        (short, short)[] table = [(128, 0), (300, -100)];
        var random = new Random(6);
        var blocks = HandBuiltBlock(256, 1, random, predictors: 2).Concat(HandBuiltBlock(256, 1, random, predictors: 2)).ToArray();
        blocks[0] = 1;
        using var stream = _driver.Stream(MsAdpcmReference.Format(1, 8000, 256, table), WaveFormats.Pcm(1, 8000));

        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(blocks));

        Assert.Equal(MsAdpcmReference.Decode(blocks, 256, 1, table), decoded);
        Assert.NotEqual(MsAdpcmReference.Decode(blocks, 256, 1), decoded);
    }

    [Fact]
    public void A_run_of_the_largest_code_saturates_at_full_scale_and_stays_there()
    {
        // Predictor 0 repeats the last sample; every code +7 adds 7 steps and grows the step by 614/256: the signal
        // reaches 32767 within a few codes and stays, however large the step grows over 500 codes.
        var block = new byte[256];
        block[0] = 0;
        BitConverter.TryWriteBytes(block.AsSpan(1), (short)16);
        block.AsSpan(7).Fill(0x77);
        using var stream = _driver.Stream(MsAdpcmReference.Format(1, 8000, 256), WaveFormats.Pcm(1, 8000));

        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(block));

        Assert.Equal(500, decoded.Length);
        Assert.Equal([0, 0, 112, 378], decoded[..4]); // 0 + 7*16; 112 + 7*38 (16 * 614 / 256 = 38)
        Assert.All(decoded[20..], sample => Assert.Equal(short.MaxValue, sample));
    }

    [Fact]
    public void A_predictor_index_beyond_the_table_fails_the_whole_conversion()
    {
        var random = new Random(7);
        var blocks = HandBuiltBlock(256, 1, random).Concat(HandBuiltBlock(256, 1, random)).ToArray();
        blocks[256] = 7; // the second block names an eighth pair; the standard table has seven
        using var stream = _driver.Stream(MsAdpcmReference.Format(1, 8000, 256), WaveFormats.Pcm(1, 8000));

        Assert.Equal((long)MMSYSERR_INVALPARAM, stream.Convert(blocks, 4000, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END).Result);
        Assert.Equal((long)MMSYSERR_NOERROR, stream.Convert(blocks.AsSpan(0, 256), 4000, 0).Result); // the good block alone converts
    }

    public static TheoryData<int, int, double[], double> Sines => new()
    {
        { 22050, 512, [440], SnrAt22kHzDb },
        { 8000, 256, [1000], SnrAt8kHzDb },
        { 44100, 2048, [440, 1500], StereoSnrDb },
    };

    [Theory]
    [MemberData(nameof(Sines))]
    public void A_sine_survives_the_round_trip_above_the_documented_snr(int rate, int blockAlign, double[] frequencies, double thresholdDb)
    {
        var channels = frequencies.Length;
        var frames = 10 * MsAdpcmReference.SamplesPerBlock(blockAlign, channels);
        var original = Signals.Sine(frames, rate, 16384, frequencies);
        using var encoder = _driver.Stream(WaveFormats.Pcm(channels, rate), MsAdpcmReference.Format(channels, rate, blockAlign));
        using var decoder = _driver.Stream(MsAdpcmReference.Format(channels, rate, blockAlign), WaveFormats.Pcm(channels, rate));

        var encoded = encoder.ConvertAll(WaveFormats.Pcm16Bytes(original));
        var decoded = WaveFormats.Pcm16Samples(decoder.ConvertAll(encoded));

        Assert.Equal(10 * blockAlign, encoded.Length);
        Assert.Equal(original.Length, decoded.Length);
        for (var c = 0; c < channels; c++)
        {
            var snr = Signals.SignalToNoise(Channel(original, c, channels), Channel(decoded, c, channels));
            Assert.True(snr > thresholdDb, $"channel {c}: SNR {snr:F1} dB, documented above {thresholdDb} dB");
        }
    }

    [Fact]
    public void Eight_bit_PCM_encodes_and_decodes_too()
    {
        var original = Signals.Sine(5000, 22050, 16384, 440).Select(s => (byte)((s >> 8) + 128)).ToArray();
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 22050, 8), MsAdpcmReference.Format(1, 22050, 512));
        using var decoder = _driver.Stream(MsAdpcmReference.Format(1, 22050, 512), WaveFormats.Pcm(1, 22050, 8));

        var decoded = decoder.ConvertAll(encoder.ConvertAll(original));

        var snr = Signals.SignalToNoise(
            original.Select(b => (short)((b - 128) << 8)).ToArray(), decoded.Select(b => (short)((b - 128) << 8)).ToArray());
        Assert.True(snr > EightBitSnrDb, $"8-bit round trip SNR {snr:F1} dB, documented above {EightBitSnrDb} dB");
    }

    [Fact]
    public void Encoded_blocks_have_the_published_layout_and_the_reference_decodes_them_as_the_driver_does()
    {
        var original = Signals.Sine(3 * 1012, 44100, 20000, 300, 3000);
        using var encoder = _driver.Stream(WaveFormats.Pcm(2, 44100), MsAdpcmReference.Format(2, 44100, 1024));
        using var decoder = _driver.Stream(MsAdpcmReference.Format(2, 44100, 1024), WaveFormats.Pcm(2, 44100));

        var encoded = encoder.ConvertAll(WaveFormats.Pcm16Bytes(original));

        Assert.Equal(3 * 1024, encoded.Length);
        for (var block = 0; block < 3; block++)
        {
            var header = encoded.AsSpan(block * 1024);
            for (var c = 0; c < 2; c++)
            {
                Assert.InRange(header[c], 0, 6);
                Assert.InRange(BitConverter.ToInt16(header[(2 + (2 * c))..]), 16, short.MaxValue);
                // The header carries the block's first two frames exactly: sample 2 is frame 0, sample 1 is frame 1.
                Assert.Equal(original[(block * 1012 * 2) + 2 + c], BitConverter.ToInt16(header[(6 + (2 * c))..]));
                Assert.Equal(original[(block * 1012 * 2) + c], BitConverter.ToInt16(header[(10 + (2 * c))..]));
            }
        }

        Assert.Equal(MsAdpcmReference.Decode(encoded, 1024, 2), WaveFormats.Pcm16Samples(decoder.ConvertAll(encoded)));
    }

    [Theory]
    [InlineData("a straight line: only 2*s1 - s2 predicts it exactly", 1)]
    [InlineData("a constant: s1 predicts it exactly, and so does 2*s1 - s2, later in the table", 0)]
    public void The_encoder_chooses_the_predictor_that_fits_the_block_best(string signal, int expected)
    {
        var samples = Enumerable.Range(0, 500).Select(i => (short)(expected == 1 ? -20000 + (80 * i) : 1234)).ToArray();
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 8000), MsAdpcmReference.Format(1, 8000, 256));

        var block = encoder.ConvertAll(WaveFormats.Pcm16Bytes(samples));

        Assert.True(expected == block[0], signal);
        Assert.Equal(samples, MsAdpcmReference.Decode(block, 256, 1)); // exactly predicted: decoded without loss
    }

    [Fact]
    public void Whole_blocks_convert_and_a_partial_one_waits_for_END_unless_BLOCKALIGN()
    {
        const int perBlock = 500, pcmBlock = perBlock * 2;
        var original = Signals.Sine(perBlock + 200, 8000, 10000, 500);
        var pcm = WaveFormats.Pcm16Bytes(original);
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 8000), MsAdpcmReference.Format(1, 8000, 256));

        var (result, used, output) = encoder.Convert(pcm, 1024, ACM_STREAMCONVERTF_START);
        Assert.Equal(((long)MMSYSERR_NOERROR, pcmBlock, 256), (result, used, output.Length));

        (result, used, output) = encoder.Convert(pcm, 1024, ACM_STREAMCONVERTF_END | ACM_STREAMCONVERTF_BLOCKALIGN);
        Assert.Equal(((long)MMSYSERR_NOERROR, pcmBlock, 256), (result, used, output.Length));

        // At END the 200 remaining frames become a short block: the header (frames 0 and 1) and 198 codes in 99 bytes.
        (result, used, output) = encoder.Convert(pcm, 1024, ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, pcm.Length, 256 + 7 + 99), (result, used, output.Length));
        var decodedTail = MsAdpcmReference.DecodeBlock(output.AsSpan(256), 1, MsAdpcmReference.StandardCoefficients);
        Assert.Equal(200, decodedTail.Length);
        Assert.True(Signals.SignalToNoise(original.AsSpan(perBlock), decodedTail) > SnrAt8kHzDb);

        // An odd number of mono codes leaves a padding nibble: 201 frames take 100 code bytes and decode to 202.
        (result, used, output) = encoder.Convert(WaveFormats.Pcm16Bytes(original.AsSpan(0, 201)), 1024, ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, 402, 107), (result, used, output.Length));
        Assert.Equal(202, MsAdpcmReference.DecodeBlock(output, 1, MsAdpcmReference.StandardCoefficients).Length);

        // One frame is a header alone, whose two samples both carry it.
        (result, used, output) = encoder.Convert(pcm.AsSpan(0, 2), 1024, ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, 2, 7), (result, used, output.Length));
        Assert.Equal([original[0], original[0]], MsAdpcmReference.DecodeBlock(output, 1, MsAdpcmReference.StandardCoefficients));

        // No room for a block: nothing is converted, and that is no error.
        (result, used, output) = encoder.Convert(pcm, 255, 0);
        Assert.Equal(((long)MMSYSERR_NOERROR, 0, 0), (result, used, output.Length));
    }

    [Fact]
    public void The_decoder_converts_whole_blocks_that_fit_and_a_short_last_block_at_END()
    {
        var random = new Random(8);
        var blocks = HandBuiltBlock(256, 1, random).Concat(HandBuiltBlock(256, 1, random)).Concat(HandBuiltBlock(100, 1, random)).ToArray();
        using var decoder = _driver.Stream(MsAdpcmReference.Format(1, 8000, 256), WaveFormats.Pcm(1, 8000));

        var (result, used, output) = decoder.Convert(blocks, 4000, 0);
        Assert.Equal(((long)MMSYSERR_NOERROR, 512, 2000), (result, used, output.Length)); // the 100-byte tail waits

        (result, used, output) = decoder.Convert(blocks, 4000, ACM_STREAMCONVERTF_END);
        Assert.Equal(((long)MMSYSERR_NOERROR, 612, 2000 + 376), (result, used, output.Length)); // 2 + 93 * 2 frames
        Assert.Equal(MsAdpcmReference.Decode(blocks, 256, 1), WaveFormats.Pcm16Samples(output));

        (result, used, output) = decoder.Convert(blocks, 1999, ACM_STREAMCONVERTF_END); // room for one block, not two
        Assert.Equal(((long)MMSYSERR_NOERROR, 256, 1000), (result, used, output.Length));

        (result, used, output) = decoder.Convert(blocks.AsSpan(0, 6), 4000, ACM_STREAMCONVERTF_END); // not even a header
        Assert.Equal(((long)MMSYSERR_NOERROR, 0, 0), (result, used, output.Length));
    }

    [Fact]
    public void START_and_END_change_nothing_in_whole_blocks_because_blocks_are_independent()
    {
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(2 * 1012, 22050, 20000, 700, 2100));
        using var encoder = _driver.Stream(WaveFormats.Pcm(2, 22050), MsAdpcmReference.Format(2, 22050, 1024));

        var plain = encoder.Convert(pcm, 4096, 0);
        var started = encoder.Convert(pcm, 4096, ACM_STREAMCONVERTF_START);
        var ended = encoder.Convert(pcm, 4096, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END);
        Assert.Equal(0, encoder.Reset());
        var afterReset = encoder.Convert(pcm, 4096, 0);

        Assert.Equal(((long)MMSYSERR_NOERROR, pcm.Length, 2048), (plain.Result, plain.SourceUsed, plain.Output.Length));
        Assert.Equal(plain.Output, started.Output);
        Assert.Equal(plain.Output, ended.Output);
        Assert.Equal(plain.Output, afterReset.Output);
        Assert.Equal(plain.Output.AsSpan(1024).ToArray(), encoder.Convert(pcm.AsSpan(1012 * 4), 4096, 0).Output);
    }

    [Fact]
    public void Stream_size_answers_in_blocks_rounding_a_source_up_for_the_partial_last_block()
    {
        using var encoder = _driver.Stream(WaveFormats.Pcm(1, 8000), MsAdpcmReference.Format(1, 8000, 256));
        Assert.Equal(((long)MMSYSERR_NOERROR, 256u), encoder.Size(ACM_STREAMSIZEF_SOURCE, 1000));
        Assert.Equal(((long)MMSYSERR_NOERROR, 512u), encoder.Size(ACM_STREAMSIZEF_SOURCE, 1002));
        Assert.Equal(((long)MMSYSERR_NOERROR, 256u), encoder.Size(ACM_STREAMSIZEF_SOURCE, 2));
        Assert.Equal(((long)MMSYSERR_NOERROR, 2000u), encoder.Size(ACM_STREAMSIZEF_DESTINATION, 600));
        Assert.Equal(ACMERR_NOTPOSSIBLE, encoder.Size(ACM_STREAMSIZEF_DESTINATION, 255).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, encoder.Size(ACM_STREAMSIZEF_SOURCE, 0).Result);

        using var decoder = _driver.Stream(MsAdpcmReference.Format(2, 44100, 2048), WaveFormats.Pcm(2, 44100, 8));
        var frames = MsAdpcmReference.SamplesPerBlock(2048, 2);
        Assert.Equal(2036, frames);
        Assert.Equal(((long)MMSYSERR_NOERROR, (uint)(frames * 2 * 2)), decoder.Size(ACM_STREAMSIZEF_SOURCE, 2048 + 100));
        Assert.Equal(((long)MMSYSERR_NOERROR, 2048u), decoder.Size(ACM_STREAMSIZEF_DESTINATION, (uint)(frames * 2) + 3));
        Assert.Equal(ACMERR_NOTPOSSIBLE, decoder.Size(ACM_STREAMSIZEF_DESTINATION, (uint)(frames * 2) - 1).Result);
        Assert.Equal((long)MMSYSERR_INVALFLAG, decoder.Size(0x2, 4096).Result);
    }

    public static TheoryData<string, byte[], byte[]> ImpossibleConversions => new()
    {
        { "wrong samples per block", MsAdpcmReference.Format(1, 8000, 256, samplesPerBlock: 499), WaveFormats.Pcm(1, 8000) },
        { "block only headers", MsAdpcmReference.Format(2, 8000, 14), WaveFormats.Pcm(2, 8000) },
        { "no coefficients", MsAdpcmReference.Format(1, 8000, 256, []), WaveFormats.Pcm(1, 8000) },
        { "cbSize short of the table", WaveFormats.Make(WAVE_FORMAT_ADPCM, 1, 8000, 4096, 256, 4, MsAdpcmReference.Format(1, 8000, 256)[18..^4]), WaveFormats.Pcm(1, 8000) },
        { "three channels", MsAdpcmReference.Format(3, 8000, 768), WaveFormats.Pcm(3, 8000) },
        { "3 bits a sample", WaveFormats.Make(WAVE_FORMAT_ADPCM, 1, 8000, 4096, 256, 3, MsAdpcmReference.Format(1, 8000, 256)[18..]), WaveFormats.Pcm(1, 8000) },
        { "24-bit PCM", WaveFormats.Pcm(1, 8000, 24), MsAdpcmReference.Format(1, 8000, 256) },
        { "different rates", WaveFormats.Pcm(1, 8000), MsAdpcmReference.Format(1, 11025, 256) },
        { "different channels", MsAdpcmReference.Format(2, 8000, 512), WaveFormats.Pcm(1, 8000) },
        { "ADPCM to ADPCM", MsAdpcmReference.Format(1, 8000, 256), MsAdpcmReference.Format(1, 8000, 512) },
        { "PCM to PCM", WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(1, 8000, 8) },
        { "IMA ADPCM", WaveFormats.Ima(1, 8000, 256), WaveFormats.Pcm(1, 8000) },
    };

    [Theory]
    [MemberData(nameof(ImpossibleConversions))]
    public void A_conversion_it_cannot_do_is_ACMERR_NOTPOSSIBLE(string what, byte[] source, byte[] destination)
    {
        Assert.True(ACMERR_NOTPOSSIBLE == _driver.OpenStream(source, destination).Result, what);
        Assert.True(ACMERR_NOTPOSSIBLE == _driver.OpenStream(source, destination, ACM_STREAMOPENF_QUERY).Result, what);
    }

    [Fact]
    public void A_query_asks_without_opening_and_async_streams_and_filters_are_refused()
    {
        var pcm = WaveFormats.Pcm(1, 8000);
        var adpcm = MsAdpcmReference.Format(1, 8000, 256);
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(pcm, adpcm, ACM_STREAMOPENF_QUERY).Result);
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(adpcm, pcm, ACM_STREAMOPENF_QUERY | ACM_STREAMOPENF_NONREALTIME).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.OpenStream(pcm, adpcm, ACM_STREAMOPENF_ASYNC).Result);
        var filter = new byte[32];
        fixed (byte* wavefilter = filter)
        {
            Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.OpenStream(pcm, adpcm, 0, (nint)wavefilter).Result);
        }
    }

    [Fact]
    public void Details_list_two_tags_and_the_standard_formats_with_the_standard_blocks_and_coefficients()
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));
        Assert.Equal(("MS-ADPCM", 2u, AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC), (details.ShortName, details.cFormatTags, details.fdwSupport));
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, details.fccType);

        var tag = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG, tag: WAVE_FORMAT_ADPCM);
        Assert.Equal(((long)MMSYSERR_NOERROR, 1u, 50u, "Microsoft ADPCM"), (tag.Result, tag.Details.dwFormatTagIndex, tag.Details.cbFormatSize, tag.Details.FormatTagName));
        Assert.Equal(WAVE_FORMAT_ADPCM, _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE, tag: WAVE_FORMAT_UNKNOWN).Details.dwFormatTag);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX, 2).Result);
        var pcmTag = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX, 0).Details;
        Assert.Equal((WAVE_FORMAT_PCM, 16u, 16u), ((ushort)pcmTag.dwFormatTag, pcmTag.cbFormatSize, pcmTag.cStandardFormats));

        for (var index = 0u; index < tag.Details.cStandardFormats; index++)
        {
            var (result, formatDetails, format) = _driver.FormatDetailsByIndex(WAVE_FORMAT_ADPCM, index);
            Assert.Equal((long)MMSYSERR_NOERROR, result);
            var channels = WaveFormats.Channels(format);
            var rate = WaveFormats.Rate(format);
            var perChannel = rate <= 11025 ? 256 : rate <= 22050 ? 512 : 1024;
            var standard = MsAdpcmReference.Format(channels, rate, perChannel * channels);
            Assert.Equal(standard, format[..50]);
            Assert.Equal(50u, formatDetails.cbwfx);
            Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(format[..50], WaveFormats.Pcm(channels, rate), ACM_STREAMOPENF_QUERY).Result);
        }

        // The values Windows writes into MS ADPCM files: 500 frames in 256 bytes at 8 kHz mono, 2036 in 2048 at 44.1 kHz stereo.
        var mono8k = _driver.FormatDetailsByIndex(WAVE_FORMAT_ADPCM, 0).Format;
        Assert.Equal((256, 500, 4096), (WaveFormats.BlockAlign(mono8k), (int)BitConverter.ToUInt16(mono8k, 18), WaveFormats.AvgBytes(mono8k)));
        var stereo44k = _driver.FormatDetailsByIndex(WAVE_FORMAT_ADPCM, 7).Format;
        Assert.Equal((2048, 2036, 44359), (WaveFormats.BlockAlign(stereo44k), (int)BitConverter.ToUInt16(stereo44k, 18), WaveFormats.AvgBytes(stereo44k)));

        Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.FormatDetailsByIndex(WAVE_FORMAT_ADPCM, 0, room: 49).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatDetailsByIndex(WAVE_FORMAT_ADPCM, 8).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatDetailsByIndex(WAVE_FORMAT_ALAW, 0).Result);
        var pcm8 = _driver.FormatDetailsByIndex(WAVE_FORMAT_PCM, 0).Format;
        Assert.Equal(WaveFormats.Pcm(1, 8000, 8)[..16], pcm8[..16]);

        var described = _driver.DescribeFormat(MsAdpcmReference.Format(2, 22050, 1024));
        Assert.Equal(((long)MMSYSERR_NOERROR, "22.050 kHz, 4 Bit, Stereo"), (described.Result, described.Details.FormatName));
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.DescribeFormat(MsAdpcmReference.Format(2, 22050, 1024, samplesPerBlock: 1)).Result);
    }

    [Fact]
    public void Suggest_proposes_the_standard_ADPCM_format_for_PCM_and_PCM_for_ADPCM()
    {
        var (result, suggested) = _driver.Suggest(WaveFormats.Pcm(2, 44100), new byte[50], 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(MsAdpcmReference.Format(2, 44100, 2048), suggested);

        (result, suggested) = _driver.Suggest(MsAdpcmReference.Format(1, 8000, 256), new byte[18], 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Pcm(1, 8000)[..16], suggested[..16]);

        var want8Bits = WaveFormats.Make(0, 0, 0, 0, 0, 8);
        (result, suggested) = _driver.Suggest(MsAdpcmReference.Format(1, 8000, 256), want8Bits, AcmDetailsFlags.ACM_FORMATSUGGESTF_WBITSPERSAMPLE);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Pcm(1, 8000, 8)[..16], suggested[..16]);

        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(1, 8000), new byte[49], 0).Result);
        var wantMono = WaveFormats.Make(0, 1, 0, 0, 0, 0);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(2, 8000), wantMono, AcmDetailsFlags.ACM_FORMATSUGGESTF_NCHANNELS).Result);
        var wantIma = WaveFormats.Make(WAVE_FORMAT_IMA_ADPCM, 0, 0, 0, 0, 0);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(1, 8000), wantIma, AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Ima(1, 8000, 256), new byte[50], 0).Result);
    }

    [Fact]
    public void Messages_it_does_not_handle_answer_not_supported_an_open_for_another_type_is_refused_and_a_configuration_open_is_not()
    {
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_DRIVER_ABOUT, -1, 0));
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_FILTERTAG_DETAILS, 0, 0));
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_STREAM_PREPARE, 0, 0));
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenError);

        using var video = new AcmCodecDriver("msadpcm", fccType: 0x63646976); // 'vidc'
        Assert.True(video.Handle.IsNull);

        using var manager = TestDrivers.CreateManager();
        var configurationOpen = manager.OpenDriver("msadpcm", null, 0); // no ACMDRVOPENDESC: opened to be configured
        Assert.False(configurationOpen.IsNull);
        Assert.Equal(0, manager.SendDriverMessage(configurationOpen, DriverMessages.DRV_QUERYCONFIGURE, 0, 0));
        Assert.Equal(1, manager.CloseDriver(configurationOpen, 0, 0));
    }

    [Fact]
    public void A_missing_structure_is_MMSYSERR_INVALPARAM_and_a_stream_it_never_opened_MMSYSERR_INVALHANDLE()
    {
        foreach (var message in new[] { AcmMessages.ACMDM_DRIVER_DETAILS, AcmMessages.ACMDM_FORMATTAG_DETAILS, AcmMessages.ACMDM_FORMAT_DETAILS, AcmMessages.ACMDM_FORMAT_SUGGEST, AcmMessages.ACMDM_STREAM_OPEN, AcmMessages.ACMDM_STREAM_CLOSE })
        {
            Assert.True((long)MMSYSERR_INVALPARAM == _driver.Send(message, 0, 0), $"message 0x{message:X}");
        }

        var pcm = WaveFormats.Pcm(1, 8000);
        var adpcm = MsAdpcmReference.Format(1, 8000, 256);
        using (var stream = _driver.Stream(pcm, adpcm))
        {
            Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.Send(AcmMessages.ACMDM_STREAM_SIZE, (nint)stream.Instance, 0));
            Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.Send(AcmMessages.ACMDM_STREAM_CONVERT, (nint)stream.Instance, 0));
            var noBuffers = new ACMDRVSTREAMHEADER { cbStruct = (uint)sizeof(ACMDRVSTREAMHEADER), cbSrcLength = 1000, cbDstLength = 256 };
            Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.Send(AcmMessages.ACMDM_STREAM_CONVERT, (nint)stream.Instance, (nint)(&noBuffers)));
        }

        var neverOpened = new AcmCodecStream(_driver, pcm, adpcm, 0, 0);
        try
        {
            Assert.Equal((long)MMSYSERR_INVALHANDLE, neverOpened.Size(ACM_STREAMSIZEF_SOURCE, 1000).Result);
            Assert.Equal((long)MMSYSERR_INVALHANDLE, neverOpened.Convert(new byte[1000], 256, 0).Result);
        }
        finally
        {
            neverOpened.Forget();
        }
    }

    private static short[] Channel(short[] interleaved, int channel, int channels) =>
        [.. interleaved.Where((_, i) => i % channels == channel)];
}
