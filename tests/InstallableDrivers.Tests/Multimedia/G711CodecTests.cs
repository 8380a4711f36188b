using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.AcmErrors;
using static InstallableDrivers.Multimedia.Interop.AcmStreamFlags;
using static InstallableDrivers.Multimedia.Interop.WaveFormatTags;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// drivers/acm/g711.c, the G.711 codec we ship, driven as the ACM drives it. The expected codes and values come from
/// ITU-T G.711's tables (1a for A-law, 2a for mu-law), restated below as each segment's first decision value and step
/// size: not from the driver's arithmetic.
/// </summary>
public sealed unsafe class G711CodecTests : IDisposable
{
    private readonly AcmCodecDriver _driver = new("g711");

    public void Dispose() => _driver.Dispose();

    // ---- The G.711 tables, as the Recommendation gives them ------------------------------------------------------

    // A-law, magnitudes on the 12-bit scale (0-4095) of a 13-bit signed sample: segment s starts at AlawStart[s] and
    // has 16 intervals of AlawStep[s]; the decoder's value is the middle of the interval.
    private static readonly int[] AlawStart = [0, 32, 64, 128, 256, 512, 1024, 2048];
    private static readonly int[] AlawStep = [2, 2, 4, 8, 16, 32, 64, 128];

    // mu-law, magnitudes on the 13-bit scale (0-8158) of a 14-bit signed sample. Segment 0's first interval is [0, 1)
    // (decision value 1, value 0): written here as starting at -1 with the segment's step of 2.
    private static readonly int[] MulawStart = [-1, 31, 95, 223, 479, 991, 2015, 4063];
    private static readonly int[] MulawStep = [2, 4, 8, 16, 32, 64, 128, 256];

    // A-law characters carry the sign in bit 7 (1 = positive) and have their even bits inverted on the line.
    private static (bool Positive, int Segment, int Step) AlawFields(int code) =>
        (((code ^ 0x55) & 0x80) != 0, ((code ^ 0x55) >> 4) & 7, (code ^ 0x55) & 15);

    // mu-law characters are sent with every bit inverted; inverted, bit 7 set means negative.
    private static (bool Positive, int Segment, int Step) MulawFields(int code) =>
        ((~code & 0x80) == 0, (~code >> 4) & 7, ~code & 15);

    private static int AlawCode(bool positive, int segment, int step) => ((positive ? 0x80 : 0) | (segment << 4) | step) ^ 0x55;

    private static int MulawCode(bool positive, int segment, int step) => ~((positive ? 0 : 0x80) | (segment << 4) | step) & 0xFF;

    // The value of a character in 16-bit PCM: the interval's middle, scaled from 13 bits (A-law, x8) or 14 (mu-law, x4).
    private static int ExpectedAlaw(int code)
    {
        var (positive, segment, step) = AlawFields(code);
        var middle = AlawStart[segment] + (step * AlawStep[segment]) + (AlawStep[segment] / 2);
        return (positive ? 1 : -1) * middle * 8;
    }

    private static int ExpectedMulaw(int code)
    {
        var (positive, segment, step) = MulawFields(code);
        var middle = Math.Max(0, MulawStart[segment] + (step * MulawStep[segment]) + (MulawStep[segment] / 2));
        return (positive ? 1 : -1) * middle * 4;
    }

    // The character a 16-bit sample encodes to: its top 13 (A-law) or 14 (mu-law) bits, a negative sample taken by its
    // one's complement so that the negative half mirrors the positive one; magnitudes past the last decision value
    // take the loudest character.
    private static int ExpectedAlawCode(int sample)
    {
        var magnitude = (sample >= 0 ? sample : -sample - 1) >> 3;
        var (segment, step) = Locate(magnitude, AlawStart, AlawStep);
        return AlawCode(sample >= 0, segment, step);
    }

    private static int ExpectedMulawCode(int sample)
    {
        var magnitude = (sample >= 0 ? sample : -sample - 1) >> 2;
        var (segment, step) = Locate(magnitude, MulawStart, MulawStep);
        return MulawCode(sample >= 0, segment, step);
    }

    private static (int Segment, int Step) Locate(int magnitude, int[] starts, int[] steps)
    {
        for (var segment = 7; segment >= 0; segment--)
        {
            if (magnitude >= Math.Max(0, starts[segment]))
            {
                return (segment, Math.Min(15, (magnitude - starts[segment]) / steps[segment]));
            }
        }

        throw new InvalidOperationException("unreachable: segment 0 starts at 0");
    }

    private static byte[] AllCodes() => [.. Enumerable.Range(0, 256).Select(code => (byte)code)];

    private static short[] AllSamples() => [.. Enumerable.Range(short.MinValue, 65536).Select(sample => (short)sample)];

    // ---- Conversions ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(WAVE_FORMAT_ALAW)]
    [InlineData(WAVE_FORMAT_MULAW)]
    public void Each_of_the_256_characters_decodes_to_the_value_of_the_G711_table(ushort tag)
    {
        using var stream = _driver.Stream(WaveFormats.G711(tag, 1, 8000), WaveFormats.Pcm(1, 8000));
        var decoded = WaveFormats.Pcm16Samples(stream.ConvertAll(AllCodes()));

        Assert.Equal(256, decoded.Length);
        for (var code = 0; code < 256; code++)
        {
            var expected = tag == WAVE_FORMAT_ALAW ? ExpectedAlaw(code) : ExpectedMulaw(code);
            Assert.True(expected == decoded[code], $"character 0x{code:X2}: expected {expected}, decoded {decoded[code]}");
        }
    }

    [Fact]
    public void The_table_values_are_the_familiar_extremes()
    {
        // Spot checks of the restated tables themselves against values quoted everywhere G.711 is.
        Assert.Equal(32256, ExpectedAlaw(0xAA));
        Assert.Equal(-32256, ExpectedAlaw(0x2A));
        Assert.Equal(8, ExpectedAlaw(0xD5));
        Assert.Equal(32124, ExpectedMulaw(0x80));
        Assert.Equal(-32124, ExpectedMulaw(0x00));
        Assert.Equal(0, ExpectedMulaw(0xFF));
        Assert.Equal(0, ExpectedMulaw(0x7F));
    }

    [Theory]
    [InlineData(WAVE_FORMAT_ALAW)]
    [InlineData(WAVE_FORMAT_MULAW)]
    public void Every_16_bit_sample_encodes_to_the_character_whose_decision_interval_holds_it(ushort tag)
    {
        using var stream = _driver.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.G711(tag, 1, 8000));
        var samples = AllSamples();
        var encoded = stream.ConvertAll(WaveFormats.Pcm16Bytes(samples));

        Assert.Equal(samples.Length, encoded.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            var expected = tag == WAVE_FORMAT_ALAW ? ExpectedAlawCode(samples[i]) : ExpectedMulawCode(samples[i]);
            Assert.True(expected == encoded[i], $"sample {samples[i]}: expected 0x{expected:X2}, encoded 0x{encoded[i]:X2}");
        }
    }

    [Theory]
    [InlineData(WAVE_FORMAT_ALAW)]
    [InlineData(WAVE_FORMAT_MULAW)]
    public void The_decision_values_separate_neighbouring_characters(ushort tag)
    {
        // Both sides of each decision value of Table 1a / 2a, positive and negative, in 16-bit units.
        var (starts, steps, scale) = tag == WAVE_FORMAT_ALAW ? (AlawStart, AlawStep, 8) : (MulawStart, MulawStep, 4);
        var inputs = new List<short>();
        var expected = new List<int>();
        for (var segment = 0; segment < 8; segment++)
        {
            for (var step = 0; step < 16; step++)
            {
                var low = Math.Max(0, starts[segment] + (step * steps[segment])) * scale; // first sample of the interval
                var high = ((starts[segment] + ((step + 1) * steps[segment])) * scale) - 1; // last
                foreach (var (sample, positive) in new[] { (low, true), (high, true), (-low - 1, false), (-high - 1, false) })
                {
                    inputs.Add((short)sample);
                    expected.Add(tag == WAVE_FORMAT_ALAW ? AlawCode(positive, segment, step) : MulawCode(positive, segment, step));
                }
            }
        }

        using var stream = _driver.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.G711(tag, 1, 8000));
        var encoded = stream.ConvertAll(WaveFormats.Pcm16Bytes([.. inputs]));
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.True(expected[i] == encoded[i], $"sample {inputs[i]}: expected 0x{expected[i]:X2}, encoded 0x{encoded[i]:X2}");
        }
    }

    [Theory]
    [InlineData(WAVE_FORMAT_ALAW)]
    [InlineData(WAVE_FORMAT_MULAW)]
    public void Stereo_converts_both_channels_in_place(ushort tag)
    {
        short[] frames = [1000, -1000, 30000, -30000, 0, 7];
        using var encoder = _driver.Stream(WaveFormats.Pcm(2, 44100), WaveFormats.G711(tag, 2, 44100));
        var encoded = encoder.ConvertAll(WaveFormats.Pcm16Bytes(frames));
        Func<int, int> code = tag == WAVE_FORMAT_ALAW ? ExpectedAlawCode : ExpectedMulawCode;
        Assert.Equal(frames.Select(sample => (byte)code(sample)), encoded);
    }

    [Fact]
    public void A_buffer_converts_only_whole_frames_and_says_how_much_it_used()
    {
        using var stream = _driver.Stream(WaveFormats.Pcm(2, 8000), WaveFormats.G711(WAVE_FORMAT_MULAW, 2, 8000));
        var source = WaveFormats.Pcm16Bytes([100, 200, 300, 400, 500, 600]).AsSpan(0, 11); // 2 frames and 3 bytes

        var (result, used, output) = stream.Convert(source, 100, 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(8, used);
        Assert.Equal(4, output.Length);

        // A destination with room for one frame and a half takes one frame.
        (result, used, output) = stream.Convert(source, 3, ACM_STREAMCONVERTF_END);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(4, used);
        Assert.Equal(2, output.Length);
    }

    [Fact]
    public void Stream_size_answers_in_whole_frames_both_ways()
    {
        using var stream = _driver.Stream(WaveFormats.Pcm(2, 8000), WaveFormats.G711(WAVE_FORMAT_ALAW, 2, 8000));
        Assert.Equal(((long)MMSYSERR_NOERROR, 2000u), stream.Size(ACM_STREAMSIZEF_SOURCE, 4000));
        Assert.Equal(((long)MMSYSERR_NOERROR, 2000u), stream.Size(ACM_STREAMSIZEF_SOURCE, 4003));
        Assert.Equal(((long)MMSYSERR_NOERROR, 2000u), stream.Size(ACM_STREAMSIZEF_DESTINATION, 1001));
        Assert.Equal(ACMERR_NOTPOSSIBLE, stream.Size(ACM_STREAMSIZEF_SOURCE, 3).Result); // less than one frame
        Assert.Equal(ACMERR_NOTPOSSIBLE, stream.Size(ACM_STREAMSIZEF_DESTINATION, 1).Result);
        Assert.Equal((long)MMSYSERR_INVALFLAG, stream.Size(0x5, 100).Result);
        Assert.Equal((long)MMSYSERR_NOERROR, stream.Reset());
    }

    // ---- Opening streams ---------------------------------------------------------------------------------------

    public static TheoryData<string, byte[], byte[]> ImpossibleConversions => new()
    {
        { "8-bit PCM", WaveFormats.Pcm(1, 8000, 8), WaveFormats.G711(WAVE_FORMAT_ALAW, 1, 8000) },
        { "different rates", WaveFormats.Pcm(1, 8000), WaveFormats.G711(WAVE_FORMAT_ALAW, 1, 11025) },
        { "different channels", WaveFormats.G711(WAVE_FORMAT_MULAW, 2, 8000), WaveFormats.Pcm(1, 8000) },
        { "A-law to mu-law", WaveFormats.G711(WAVE_FORMAT_ALAW, 1, 8000), WaveFormats.G711(WAVE_FORMAT_MULAW, 1, 8000) },
        { "PCM to PCM", WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(1, 8000) },
        { "A-law claiming 16 bits", WaveFormats.Make(WAVE_FORMAT_ALAW, 1, 8000, 16000, 2, 16), WaveFormats.Pcm(1, 8000) },
        { "inconsistent block align", WaveFormats.Make(WAVE_FORMAT_PCM, 2, 8000, 32000, 2, 16), WaveFormats.G711(WAVE_FORMAT_ALAW, 2, 8000) },
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
    public void A_query_answers_without_opening_and_a_filter_or_async_stream_is_refused()
    {
        var pcm = WaveFormats.Pcm(1, 22050);
        var alaw = WaveFormats.G711(WAVE_FORMAT_ALAW, 1, 22050);
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(pcm, alaw, ACM_STREAMOPENF_QUERY).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.OpenStream(pcm, alaw, ACM_STREAMOPENF_ASYNC).Result);

        var filter = new byte[32];
        fixed (byte* wavefilter = filter)
        {
            Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.OpenStream(pcm, alaw, 0, (nint)wavefilter).Result);
        }
    }

    // ---- Details, formats, suggestions ---------------------------------------------------------------------------

    [Fact]
    public void Opening_sets_no_error_and_details_describe_an_audio_codec_with_three_tags()
    {
        Assert.False(_driver.Handle.IsNull);
        Assert.Equal(0u, _driver.OpenError);

        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));
        Assert.Equal((uint)sizeof(ACMDRIVERDETAILS), details.cbStruct);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, details.fccType);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC, details.fdwSupport);
        Assert.Equal(3u, details.cFormatTags);
        Assert.Equal(0u, details.cFilterTags);
        Assert.Equal("G.711", details.ShortName);
        Assert.Contains("µ-law", details.LongName, StringComparison.Ordinal);
    }

    [Fact]
    public void Driver_details_write_no_more_than_the_callers_cbStruct()
    {
        var details = new ACMDRIVERDETAILS();
        var bytes = new Span<byte>(&details, sizeof(ACMDRIVERDETAILS));
        bytes.Fill(0xCC);
        details.cbStruct = 8; // room for cbStruct and fccType only

        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));
        Assert.Equal(8u, details.cbStruct);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, details.fccType);
        Assert.Equal(0xCCCCCCCCu, details.fccComp);
        Assert.True(bytes[8..].IndexOfAnyExcept((byte)0xCC) < 0);
    }

    [Fact]
    public void Format_tags_by_index_by_tag_and_largest_size()
    {
        ushort[] tags = [WAVE_FORMAT_PCM, WAVE_FORMAT_ALAW, WAVE_FORMAT_MULAW];
        for (var index = 0u; index < 3; index++)
        {
            var (result, details) = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX, index);
            Assert.Equal((long)MMSYSERR_NOERROR, result);
            Assert.Equal(tags[index], details.dwFormatTag);
            Assert.Equal(index, details.dwFormatTagIndex);
            Assert.Equal(8u, details.cStandardFormats);
            Assert.Equal(index == 0 ? 16u : 18u, details.cbFormatSize);
        }

        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX, 3).Result);

        var byTag = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG, tag: WAVE_FORMAT_MULAW);
        Assert.Equal(((long)MMSYSERR_NOERROR, 2u), (byTag.Result, byTag.Details.dwFormatTagIndex));
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG, tag: WAVE_FORMAT_ADPCM).Result);

        var largest = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE, tag: WAVE_FORMAT_UNKNOWN);
        Assert.Equal(((long)MMSYSERR_NOERROR, 18u), (largest.Result, largest.Details.cbFormatSize));
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.FormatTagDetails(0x7, 0).Result);
    }

    [Theory]
    [InlineData(WAVE_FORMAT_PCM)]
    [InlineData(WAVE_FORMAT_ALAW)]
    [InlineData(WAVE_FORMAT_MULAW)]
    public void Each_standard_format_is_valid_and_converts(ushort tag)
    {
        for (var index = 0u; index < 8; index++)
        {
            var (result, details, format) = _driver.FormatDetailsByIndex(tag, index);
            Assert.Equal((long)MMSYSERR_NOERROR, result);
            Assert.Equal(tag, WaveFormats.Tag(format));
            var channels = WaveFormats.Channels(format);
            var rate = WaveFormats.Rate(format);
            Assert.Equal(tag == WAVE_FORMAT_PCM ? 16 : 8, WaveFormats.Bits(format));
            Assert.Equal(channels * WaveFormats.Bits(format) / 8, WaveFormats.BlockAlign(format));
            Assert.Equal(rate * WaveFormats.BlockAlign(format), WaveFormats.AvgBytes(format));
            var expectedName = string.Create(
                System.Globalization.CultureInfo.InvariantCulture, $"{rate / 1000}.{rate % 1000:000} kHz, {WaveFormats.Bits(format)} Bit, {(channels == 1 ? "Mono" : "Stereo")}");
            Assert.Equal(expectedName, details.FormatName);

            var other = tag == WAVE_FORMAT_PCM ? WaveFormats.G711(WAVE_FORMAT_MULAW, channels, rate) : WaveFormats.Pcm(channels, rate);
            Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(format[..18], other, ACM_STREAMOPENF_QUERY).Result);
        }

        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.FormatDetailsByIndex(tag, 8).Result);
        Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.FormatDetailsByIndex(tag, 0, room: 14).Result);
    }

    [Fact]
    public void Describing_a_format_names_it_or_refuses_an_unknown_one()
    {
        var (result, details) = _driver.DescribeFormat(WaveFormats.G711(WAVE_FORMAT_ALAW, 2, 11025));
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal("11.025 kHz, 8 Bit, Stereo", details.FormatName);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.DescribeFormat(WaveFormats.Pcm(1, 8000, 8)).Result);
    }

    [Fact]
    public void Suggest_proposes_mu_law_for_PCM_and_PCM_for_either_law_honouring_fixed_fields()
    {
        var pcm = WaveFormats.Pcm(2, 22050);
        var room = new byte[18];

        var (result, suggested) = _driver.Suggest(pcm, room, 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.G711(WAVE_FORMAT_MULAW, 2, 22050), suggested);

        var wantAlaw = WaveFormats.Make(WAVE_FORMAT_ALAW, 0, 0, 0, 0, 0);
        (result, suggested) = _driver.Suggest(pcm, wantAlaw, AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.G711(WAVE_FORMAT_ALAW, 2, 22050), suggested);

        (result, suggested) = _driver.Suggest(WaveFormats.G711(WAVE_FORMAT_ALAW, 1, 8000), room, 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Pcm(1, 8000)[..16], suggested[..16]);

        var otherRate = WaveFormats.Make(WAVE_FORMAT_ALAW, 2, 44100, 0, 0, 0);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(pcm, otherRate, AcmDetailsFlags.ACM_FORMATSUGGESTF_NSAMPLESPERSEC).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(pcm, WaveFormats.Make(WAVE_FORMAT_PCM, 0, 0, 0, 0, 0), AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(pcm, new byte[10], 0).Result); // no room for the format
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(1, 8000, 8), room, 0).Result);
    }

    [Fact]
    public void Messages_it_does_not_handle_are_not_supported_rather_than_falsely_successful()
    {
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_DRIVER_ABOUT, -1, 0));
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_FILTERTAG_DETAILS, 0, 0));
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_STREAM_PREPARE, 0, 0));
        Assert.Equal((long)MMSYSERR_NOTSUPPORTED, _driver.Send(AcmMessages.ACMDM_USER + 5, 0, 0));
    }

    [Fact]
    public void An_open_for_another_driver_type_is_refused()
    {
        using var wrong = new AcmCodecDriver("g711", fccType: 0x20206376); // 'vc  ': not 'audc'
        Assert.True(wrong.Handle.IsNull);
    }
}
