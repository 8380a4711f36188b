using System.Buffers.Binary;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Support;
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
        using var stream = _driver.Stream(WaveFormats.Mp3(channels, rate, kbps), WaveFormats.Pcm(channels, rate));
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

    /// <summary>A 1 kHz mono sine of half a second through lame, and what the driver makes of it in one buffer.</summary>
    private (byte[] Mp3, byte[] Pcm) ShortFile()
    {
        var (_, mp3) = EncodedSine(1, 44100, 128, 22050, 1000.0);
        using var stream = _driver.Stream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100));
        return (mp3, stream.ConvertAll(mp3));
    }

    [Fact]
    public void Fed_100_bytes_at_a_time_it_decodes_the_same_pcm_using_every_byte()
    {
        var (mp3, whole) = ShortFile();
        using var stream = _driver.Stream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100));
        var pieces = new List<byte>();
        for (var offset = 0; offset < mp3.Length; offset += 100)
        {
            var piece = mp3.AsSpan(offset, Math.Min(100, mp3.Length - offset));
            var (sized, room) = stream.Size(ACM_STREAMSIZEF_SOURCE, (uint)piece.Length);
            Assert.Equal(0, sized);
            var flags = (offset == 0 ? ACM_STREAMCONVERTF_START : 0) | (offset + 100 >= mp3.Length ? ACM_STREAMCONVERTF_END : 0);
            var (result, used, decoded) = stream.Convert(piece, (int)room, flags);
            Assert.Equal(0, result);
            Assert.Equal(piece.Length, used); // a frame's first bytes wait in the decoder, not in the caller's buffer
            pieces.AddRange(decoded);
        }

        Assert.Equal(whole.Length, pieces.Count);
        Assert.True(whole.AsSpan().SequenceEqual(pieces.ToArray()), "the PCM differs from the PCM of the whole file in one buffer");
    }

    [Fact]
    public void Pcm_that_finds_no_room_comes_out_in_the_next_conversions()
    {
        var (mp3, whole) = ShortFile();
        using var stream = _driver.Stream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100));
        var (result, used, first) = stream.Convert(mp3, 1001, ACM_STREAMCONVERTF_START); // odd: whole sample frames only
        Assert.Equal((0L, mp3.Length, 1000), (result, used, first.Length));
        var pcm = new List<byte>(first);
        for (var call = 0; call < 1000 && pcm.Count < whole.Length; call++)
        {
            var (more, _, decoded) = stream.Convert([], 1000, 0);
            Assert.Equal(0, more);
            pcm.AddRange(decoded);
        }

        Assert.True(whole.AsSpan().SequenceEqual(pcm.ToArray()), $"{pcm.Count} bytes in small pieces, {whole.Length} in one");
    }

    [Fact]
    public void Reset_drops_what_was_buffered_so_the_stream_decodes_as_if_new()
    {
        var (mp3, whole) = ShortFile();
        using var stream = _driver.Stream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100));
        var (result, _, _) = stream.Convert(mp3.AsSpan(0, (mp3.Length / 2) + 57), 2000, ACM_STREAMCONVERTF_START); // leaves PCM and part of a frame
        Assert.Equal(0, result);
        Assert.Equal((long)MMSYSERR_NOERROR, stream.Reset());

        Assert.True(whole.AsSpan().SequenceEqual(stream.ConvertAll(mp3)), "after a reset the file decoded differently");
    }

    [Fact]
    public void Garbage_is_answered_without_a_crash_and_the_stream_still_decodes_after_a_reset()
    {
        var (mp3, whole) = ShortFile();
        using var stream = _driver.Stream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100));
        var garbage = new byte[20000];
        new Random(12).NextBytes(garbage);
        var (result, _, _) = stream.Convert(garbage, 1 << 20, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_END);
        Assert.True(result is 0 or (long)MMSYSERR_ERROR, $"garbage answered {result}");
        Assert.Equal((long)MMSYSERR_NOERROR, stream.Reset());

        Assert.True(whole.AsSpan().SequenceEqual(stream.ConvertAll(mp3)), "after garbage and a reset the file decoded differently");
    }

    [Fact]
    public void Stream_size_bounds_what_a_source_decodes_to()
    {
        var (mp3, whole) = ShortFile();
        using var stream = _driver.Stream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100));
        var (sized, room) = stream.Size(ACM_STREAMSIZEF_SOURCE, (uint)mp3.Length);
        Assert.Equal(0, sized);
        Assert.True(room >= whole.Length, $"{room} bytes promised for {whole.Length} decoded");
        Assert.True(room <= 16 * whole.Length, $"{room} bytes is not a useful bound for {whole.Length}");

        var (back, source) = stream.Size(ACM_STREAMSIZEF_DESTINATION, room);
        Assert.Equal(0, back);
        Assert.InRange(source, 1u, (uint)mp3.Length);
        Assert.Equal(ACMERR_NOTPOSSIBLE, stream.Size(ACM_STREAMSIZEF_SOURCE, 0).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, stream.Size(ACM_STREAMSIZEF_DESTINATION, 4 * SamplesPerFrame).Result);
    }

    public static TheoryData<string, byte[], byte[]> ImpossibleConversions => new()
    {
        { "PCM to MP3 (no encoder)", WaveFormats.Pcm(1, 44100), WaveFormats.Mp3(1, 44100, 128) },
        { "a rate change", WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 22050) },
        { "mono to stereo", WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(2, 44100) },
        { "8-bit PCM", WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100, 8) },
        { "a rate MPEG does not have", WaveFormats.Mp3(1, 44000, 128), WaveFormats.Pcm(1, 44000) },
        { "three channels", WaveFormats.Make(WAVE_FORMAT_MPEGLAYER3, 3, 44100, 16000, 1, 0, new byte[12]), WaveFormats.Pcm(1, 44100) },
        { "another tag", WaveFormats.G711(WAVE_FORMAT_MULAW, 1, 8000), WaveFormats.Pcm(1, 8000) },
    };

    [Theory]
    [MemberData(nameof(ImpossibleConversions))]
    public void A_conversion_it_cannot_do_is_ACMERR_NOTPOSSIBLE(string what, byte[] source, byte[] destination)
    {
        Assert.True(ACMERR_NOTPOSSIBLE == _driver.OpenStream(source, destination).Result, what);
        Assert.True(ACMERR_NOTPOSSIBLE == _driver.OpenStream(source, destination, ACM_STREAMOPENF_QUERY).Result, what);
    }

    [Fact]
    public void Details_list_MP3_and_PCM_and_every_standard_MP3_format_opens_to_PCM()
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));
        Assert.Equal(2u, details.cFormatTags);

        var tag = _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG, tag: WAVE_FORMAT_MPEGLAYER3);
        Assert.Equal((long)MMSYSERR_NOERROR, tag.Result);
        Assert.Equal(30u, tag.Details.cbFormatSize); // MPEGLAYER3WAVEFORMAT
        Assert.Equal(WAVE_FORMAT_MPEGLAYER3, _driver.FormatTagDetails(AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE, tag: WAVE_FORMAT_UNKNOWN).Details.dwFormatTag);

        for (var index = 0u; index < tag.Details.cStandardFormats; index++)
        {
            var (result, _, format) = _driver.FormatDetailsByIndex(WAVE_FORMAT_MPEGLAYER3, index);
            Assert.Equal((long)MMSYSERR_NOERROR, result);
            var (channels, rate) = (WaveFormats.Channels(format), WaveFormats.Rate(format));
            Assert.Equal(WAVE_FORMAT_MPEGLAYER3, BinaryPrimitives.ReadUInt16LittleEndian(format));
            Assert.Equal(12, WaveFormats.ExtraSize(format));
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(18))); // MPEGLAYER3_ID_MPEG
            var frameSamples = rate >= 32000 ? 1152 : 576;
            Assert.Equal(WaveFormats.AvgBytes(format) * frameSamples / rate, BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(24))); // nBlockSize
            Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenStream(format[..30], WaveFormats.Pcm(channels, rate), ACM_STREAMOPENF_QUERY).Result);
        }

        Assert.Equal((long)MMSYSERR_INVALPARAM, _driver.FormatDetailsByIndex(WAVE_FORMAT_MPEGLAYER3, 0, room: 18).Result);
        var described = _driver.DescribeFormat(WaveFormats.Mp3(2, 48000, 192));
        Assert.Equal((long)MMSYSERR_NOERROR, described.Result);
        Assert.Equal("192 kBit/s, 48.000 kHz, Stereo", described.Details.FormatName);
        Assert.Equal("128 kBit/s, 44.100 kHz, Stereo", _driver.FormatDetailsByIndex(WAVE_FORMAT_MPEGLAYER3, 7).Details.FormatName);
        Assert.Equal("44.100 kHz, 16 Bit, Mono", _driver.FormatDetailsByIndex(WAVE_FORMAT_PCM, 6).Details.FormatName);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.DescribeFormat(WaveFormats.Mp3(2, 44000, 192)).Result);
    }

    [Fact]
    public void Suggest_proposes_PCM_for_MP3_and_nothing_for_PCM()
    {
        var (result, suggested) = _driver.Suggest(WaveFormats.Mp3(2, 44100, 128), new byte[18], 0);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Pcm(2, 44100)[..16], suggested[..16]);

        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Pcm(2, 44100), new byte[30], 0).Result);
        var wantMono = WaveFormats.Make(0, 1, 0, 0, 0, 0);
        Assert.Equal(ACMERR_NOTPOSSIBLE, _driver.Suggest(WaveFormats.Mp3(2, 44100, 128), wantMono, AcmDetailsFlags.ACM_FORMATSUGGESTF_NCHANNELS).Result);
    }

    [Fact]
    public void Frames_of_another_rate_or_channel_count_come_out_in_the_streams_format()
    {
        // The format block says 22.05 kHz (or stereo) but the frames are 44.1 kHz mono: libmpg123, allowed only the
        // stream's PCM format, resamples or duplicates the channel rather than hand the caller PCM it did not ask for.
        var (mp3, whole) = ShortFile();
        using (var halfRate = _driver.Stream(WaveFormats.Mp3(1, 22050, 64), WaveFormats.Pcm(1, 22050)))
        {
            var pcm = WaveFormats.Pcm16Samples(halfRate.ConvertAll(mp3));
            Assert.Equal(whole.Length / 4, pcm.Length);
            Assert.InRange(Frequency(pcm, 1, 0, 22050), 995, 1005);
        }

        using var stereo = _driver.Stream(WaveFormats.Mp3(2, 44100, 128), WaveFormats.Pcm(2, 44100));
        var both = WaveFormats.Pcm16Samples(stereo.ConvertAll(mp3));
        Assert.Equal(whole.Length, both.Length);
        Assert.Equal(WaveFormats.Pcm16Samples(whole), both.Where((_, i) => i % 2 == 0));
        Assert.Equal(WaveFormats.Pcm16Samples(whole), both.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public void Without_libmpg123_the_driver_loads_and_answers_MMSYSERR_NODRIVER_to_a_stream_open()
    {
        // A copy of the driver whose dlopen asks for a library no machine has: the same bytes, one name changed.
        var path = TestDrivers.CopyToTemporaryDirectory("mp3", "mp3nolib.so");
        var bytes = File.ReadAllBytes(path);
        var name = "\0libmpg123.so.0\0"u8.ToArray();
        var at = bytes.AsSpan().IndexOf(name);
        Assert.True(at >= 0, "the driver's dlopen name was not found in mp3.so");
        "\0libmpgXYZ.so.0\0"u8.CopyTo(bytes.AsSpan(at));
        File.WriteAllBytes(path, bytes);

        using var driver = new AcmCodecDriver("mp3nolib", directory: Path.GetDirectoryName(path));
        Assert.False(driver.Handle.IsNull); // DRV_LOAD and DRV_OPEN succeed without the library
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal((long)MMSYSERR_NOERROR, driver.DriverDetails(&details));
        Assert.Equal((long)MMSYSERR_NODRIVER, driver.OpenStream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100)).Result);
        Assert.Equal((long)MMSYSERR_NODRIVER, driver.OpenStream(WaveFormats.Mp3(1, 44100, 128), WaveFormats.Pcm(1, 44100), ACM_STREAMOPENF_QUERY).Result);
        Assert.Equal(ACMERR_NOTPOSSIBLE, driver.OpenStream(WaveFormats.Pcm(1, 44100), WaveFormats.Mp3(1, 44100, 128)).Result);
    }
}
