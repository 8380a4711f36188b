using System.Buffers.Binary;
using InstallableDrivers.Multimedia.Interop;
using Xunit.Abstractions;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The built-in PCM converter through the ACM: sample sizes and types converted exactly by the documented rule
/// (widening exact, narrowing rounded half up and clamped), channels mixed, rates changed with the documented
/// frequency response, and buffers of any size handled as a stream.
/// </summary>
public sealed unsafe class AcmServicesPcmConverterTests(ITestOutputHelper log) : IDisposable
{
    private readonly AcmServicesHarness acm = new();

    public void Dispose() => acm.Dispose();

    /// <summary>Converts everything with a stream the ACM picks itself (a null driver), in chunks of the given size.</summary>
    private byte[] Convert(byte[] from, byte[] to, byte[] data, int chunk = 4096)
    {
        var stream = acm.Stream(from, to);
        var converted = acm.ConvertAll(stream, data, chunk);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(stream, 0));
        return converted;
    }

    private static byte[] AllSixteenBitValues()
    {
        var bytes = new byte[65536 * 2];
        for (var i = 0; i < 65536; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)(i - 32768));
        }

        return bytes;
    }

    [Fact]
    public void The_converter_is_listed_last_and_converts_within_pcm()
    {
        var last = acm.Drivers().Last();
        var details = acm.Details(last.Id);
        Assert.Equal("MS-PCM", details.ShortName);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CONVERTER, last.Support);
        Assert.Equal(2u, details.cFormatTags);

        // 16 to 8 bits: no codec lists that, so the ACM's search ends at the converter.
        var stream = acm.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(1, 8000, 8));
        nint id;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverID(stream, &id, 0));
        Assert.Equal(last.Id, id);
    }

    [Fact]
    public void Narrowing_16_to_8_bits_rounds_half_up_and_clamps_for_every_value()
    {
        var converted = Convert(WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(1, 8000, 8), AllSixteenBitValues());
        Assert.Equal(65536, converted.Length);
        for (var i = 0; i < 65536; i++)
        {
            var v = i - 32768;
            var expected = Math.Min(127, (v + 128) >> 8) + 128; // unsigned 8-bit
            Assert.True(expected == converted[i], $"{v} became {converted[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Widening_from_16_bits_is_exact_for_every_value()
    {
        var all = AllSixteenBitValues();
        var to24 = Convert(WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(1, 8000, 24), all);
        var to32 = Convert(WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(1, 8000, 32), all);
        var toFloat = Convert(WaveFormats.Pcm(1, 8000), WaveFormats.Float(1, 8000), all);
        for (var i = 0; i < 65536; i++)
        {
            var v = i - 32768;
            Assert.Equal(v << 8, (to24[i * 3] | (to24[(i * 3) + 1] << 8) | ((sbyte)to24[(i * 3) + 2] << 16)));
            Assert.Equal(v << 16, BinaryPrimitives.ReadInt32LittleEndian(to32.AsSpan(i * 4)));
            Assert.Equal(v / 32768f, BinaryPrimitives.ReadSingleLittleEndian(toFloat.AsSpan(i * 4)));
        }

        // And back: the round trips are the identity.
        Assert.Equal(all, Convert(WaveFormats.Pcm(1, 8000, 24), WaveFormats.Pcm(1, 8000), to24));
        Assert.Equal(all, Convert(WaveFormats.Pcm(1, 8000, 32), WaveFormats.Pcm(1, 8000), to32));
        Assert.Equal(all, Convert(WaveFormats.Float(1, 8000), WaveFormats.Pcm(1, 8000), toFloat));
    }

    [Fact]
    public void Eight_bit_samples_widen_exactly()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var sixteen = WaveFormats.Pcm16Samples(Convert(WaveFormats.Pcm(1, 8000, 8), WaveFormats.Pcm(1, 8000), all));
        Assert.Equal(all.Select(b => (short)((b - 128) << 8)), sixteen);
    }

    [Fact]
    public void Narrowing_32_and_24_bits_and_float_rounds_half_up_and_clamps()
    {
        int[] values = [0, 32767, 32768, -32768, -32769, 98303, 98304, -98304, int.MaxValue, int.MinValue, 0x7FFF7FFF, 0x7FFF8000];
        var bytes = values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();
        var from32 = WaveFormats.Pcm16Samples(Convert(WaveFormats.Pcm(1, 8000, 32), WaveFormats.Pcm(1, 8000), bytes));
        Assert.Equal(values.Select(v => (short)Math.Clamp(Math.Floor((v / 65536.0) + 0.5), short.MinValue, short.MaxValue)), from32);

        float[] floats = [0f, 0.5f, -0.5f, 1f, -1f, 1.5f, -7f, 1f / 65536, -1f / 65536, 3f / 65536, float.NaN];
        var fromFloat = WaveFormats.Pcm16Samples(Convert(WaveFormats.Float(1, 8000), WaveFormats.Pcm(1, 8000),
            floats.SelectMany(f => BitConverter.GetBytes(f)).ToArray()));
        Assert.Equal([0, 16384, -16384, 32767, -32768, 32767, -32768, 1, 0, 2, 0], fromFloat.Select(s => (int)s));
    }

    [Fact]
    public void Stereo_to_mono_adds_and_clamps_and_mono_to_stereo_copies()
    {
        short[] stereo = [1, 2, -1, -2, 32767, 32767, -32768, -32768, 1000, -1000, 32767, -32768, 20000, 20000];
        var mono = WaveFormats.Pcm16Samples(Convert(WaveFormats.Pcm(2, 8000), WaveFormats.Pcm(1, 8000), WaveFormats.Pcm16Bytes(stereo)));
        // L + R, clamped, as Windows' PCM converter mixes (Wine's tests record it on Windows).
        Assert.Equal([3, -3, 32767, -32768, 0, -1, 32767], mono.Select(s => (int)s));

        // 8-bit: samples 0 and 1 are -128 and -127; their sum clamps to -128, stored as 0.
        Assert.Equal([0, 255], Convert(WaveFormats.Pcm(2, 8000, 8), WaveFormats.Pcm(1, 8000, 8), [0, 1, 200, 250]).Select(b => (int)b));

        short[] single = [5, -7, 32767];
        var doubled = WaveFormats.Pcm16Samples(Convert(WaveFormats.Pcm(1, 8000), WaveFormats.Pcm(2, 8000, 16), WaveFormats.Pcm16Bytes(single)));
        Assert.Equal([5, 5, -7, -7, 32767, 32767], doubled.Select(s => (int)s));
    }

    [Fact]
    public void Partial_frames_and_small_destinations_leave_the_rest_unconverted()
    {
        var stream = acm.Stream(WaveFormats.Pcm(2, 8000), WaveFormats.Pcm(1, 8000, 8));
        using var header = new AcmHeader(4 * 10 + 3, 6);
        header.SetSource(WaveFormats.Pcm16Bytes(Enumerable.Range(0, 22).Select(i => (short)(i * 256)).ToArray()).AsSpan(0, 43));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamConvert(stream, header.Header, AcmStreamFlags.ACM_STREAMCONVERTF_BLOCKALIGN));
        // Six frames fit the destination; the source's three trailing bytes are not a frame.
        Assert.Equal(24u, header.Header->cbSrcLengthUsed);
        // Frame i is (2i·256, (2i + 1)·256): the sum is (4i + 1)·256, which 8 bits hold as 4i + 1, plus 128.
        Assert.Equal([129, 133, 137, 141, 145, 149], header.Output.Select(b => (int)b));

        Assert.Equal(10u * 4, acm.Size(stream, 10, AcmStreamFlags.ACM_STREAMSIZEF_DESTINATION));
        Assert.Equal(10u, acm.Size(stream, 43, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE));
        uint answer;
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmStreamSize(stream, 3, &answer, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE));
    }

    [Fact]
    public void Formats_it_cannot_take_are_not_possible()
    {
        var query = AcmStreamFlags.ACM_STREAMOPENF_QUERY;
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, WaveFormats.Pcm(1, 8000, 12), WaveFormats.Pcm(1, 8000), query));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, WaveFormats.Pcm(3, 8000), WaveFormats.Pcm(1, 8000), query));
        var inconsistent = WaveFormats.Make(WaveFormatTags.WAVE_FORMAT_PCM, 1, 8000, 16000, 4, 16);
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, inconsistent, WaveFormats.Pcm(1, 8000), query));
        var float64 = WaveFormats.Make(WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, 1, 8000, 64000, 8, 64);
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, float64, WaveFormats.Pcm(1, 8000), query));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.OpenStream(out _, 0, WaveFormats.Pcm(2, 96000, 24), WaveFormats.Float(1, 8000), query));
    }

    // ---- Rates ------------------------------------------------------------------------------------------------------

    private static byte[] FloatBytes(double[] samples) => samples.SelectMany(s => BitConverter.GetBytes((float)s)).ToArray();

    private static double[] FloatSamples(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();

    private static double[] Tone(int frames, int rate, double frequency, double amplitude) =>
        Enumerable.Range(0, frames).Select(n => amplitude * Math.Sin(2 * Math.PI * frequency * n / rate)).ToArray();

    /// <summary>Resamples a mono float signal through the ACM.</summary>
    private double[] Resample(double[] signal, int from, int to, int chunk = 4000) =>
        FloatSamples(Convert(WaveFormats.Float(1, from), WaveFormats.Float(1, to), FloatBytes(signal), chunk));

    /// <summary>The amplitude of the <paramref name="frequency"/> component over a whole number of its periods (a least-squares fit).</summary>
    private static double Amplitude(ReadOnlySpan<double> signal, int rate, double frequency)
    {
        double sine = 0, cosine = 0;
        for (var n = 0; n < signal.Length; n++)
        {
            sine += signal[n] * Math.Sin(2 * Math.PI * frequency * n / rate);
            cosine += signal[n] * Math.Cos(2 * Math.PI * frequency * n / rate);
        }

        return 2 * Math.Sqrt((sine * sine) + (cosine * cosine)) / signal.Length;
    }

    private static double Rms(ReadOnlySpan<double> signal)
    {
        double sum = 0;
        foreach (var s in signal)
        {
            sum += s * s;
        }

        return Math.Sqrt(sum / signal.Length);
    }

    /// <summary>Passband: (from, to, frequency) — tones up to 0.85 of the lower Nyquist frequency, up and down.</summary>
    public static TheoryData<int, int, double> Passband => new()
    {
        { 44100, 48000, 1000 }, { 44100, 48000, 10000 }, { 44100, 48000, 18000 },
        { 48000, 44100, 1000 }, { 48000, 44100, 18000 },
        { 8000, 44100, 3000 }, { 44100, 8000, 440 }, { 44100, 8000, 3400 }, { 22050, 16000, 6000 },
    };

    [Theory]
    [MemberData(nameof(Passband))]
    public void Passband_tones_keep_their_amplitude_and_phase(int from, int to, double frequency)
    {
        const double amplitude = 0.5;
        var output = Resample(Tone(from, from, frequency, amplitude), from, to);
        Assert.Equal(to, output.Length); // one second in, one second out

        // Away from the edges (where the stream starts from and ends in silence), measure over whole periods.
        var settled = output.AsSpan(to / 10, to / 2);
        var gainDb = 20 * Math.Log10(Amplitude(settled, to, frequency) / amplitude);
        var ideal = Tone(to, to, frequency, amplitude).AsSpan(to / 10, to / 2);
        var errorDb = 20 * Math.Log10(Rms(Difference(settled, ideal)) / (amplitude / Math.Sqrt(2)));
        log.WriteLine($"{from} -> {to} Hz, {frequency} Hz: gain {gainDb:+0.0000;-0.0000} dB, error {errorDb:0.0} dB");
        Assert.InRange(gainDb, -0.01, 0.01);
        Assert.True(errorDb < -60, $"the output differs from the ideal tone by {errorDb:0.0} dB");
    }

    private static double[] Difference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var difference = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            difference[i] = a[i] - b[i];
        }

        return difference;
    }

    /// <summary>Stopband: (from, to, frequency) — tones above the destination's Nyquist frequency, which must not alias into it.</summary>
    public static TheoryData<int, int, double> Stopband => new()
    {
        { 48000, 44100, 22500 }, { 48000, 44100, 23500 }, { 44100, 22050, 11500 }, { 48000, 22050, 16000 }, { 44100, 8000, 4100 },
        { 44100, 8000, 12000 }, { 96000, 8000, 30000 },
    };

    [Theory]
    [MemberData(nameof(Stopband))]
    public void Tones_above_the_new_nyquist_frequency_are_removed(int from, int to, double frequency)
    {
        const double amplitude = 0.5;
        var output = Resample(Tone(from, from, frequency, amplitude), from, to);
        var settledDb = 20 * Math.Log10(Rms(output.AsSpan(to / 10, to / 2)) / (amplitude / Math.Sqrt(2)));
        log.WriteLine($"{from} -> {to} Hz, {frequency} Hz: {settledDb:0.0} dB");
        Assert.True(settledDb < -75, $"{frequency} Hz came through at {settledDb:0.0} dB");
    }

    [Fact]
    public void Resampling_in_any_chunks_gives_the_same_stream()
    {
        var signal = Tone(20000, 44100, 1234, 0.5).Select((s, n) => s + (0.1 * Math.Sin(n * 0.37))).ToArray();
        var whole = Resample(signal, 44100, 48000, signal.Length * 4);
        Assert.Equal(whole, Resample(signal, 44100, 48000, 4 * 7));
        Assert.Equal(whole, Resample(signal, 44100, 48000, 4 * 1000));
        Assert.Equal((int)Math.Ceiling(20000 * 48000 / 44100.0), whole.Length);
    }

    [Fact]
    public void Start_forgets_the_previous_stream_and_sizes_cover_what_a_buffer_can_make()
    {
        var stream = acm.Stream(WaveFormats.Pcm(2, 22050), WaveFormats.Pcm(1, 48000));
        var input = WaveFormats.Pcm16Bytes(Signals.Sine(3000, 22050, 10000, 440, 660));
        var first = acm.ConvertAll(stream, input, 1000);
        var second = acm.ConvertAll(stream, input, 1000);
        Assert.Equal(first, second);

        // A destination of the size acmStreamSize gives for a source length holds all the output that source releases:
        // every chunk goes in whole.
        var room = acm.Size(stream, 1000, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE);
        using var header = new AcmHeader(1000, (int)room);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        for (var offset = 0; offset < input.Length; offset += 1000)
        {
            header.SetSource(input.AsSpan(offset, Math.Min(1000, input.Length - offset)));
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamConvert(stream, header.Header, offset == 0 ? AcmStreamFlags.ACM_STREAMCONVERTF_START : 0));
            Assert.Equal(header.Header->cbSrcLength, header.Header->cbSrcLengthUsed);
        }

        header.SetSource([]);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamConvert(stream, header.Header, AcmStreamFlags.ACM_STREAMCONVERTF_END));
        Assert.True(header.Header->cbDstLengthUsed < room, "the end of the stream fits too");
        header.RestoreLengths();
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(stream, 0));
    }

    [Fact]
    public void Channels_and_rate_change_together()
    {
        // Stereo 1 kHz left, 1.5 kHz right at 48 kHz to mono at 16 kHz: both tones, the channels added.
        var stereo = new double[48000 * 2];
        for (var n = 0; n < 48000; n++)
        {
            stereo[2 * n] = 0.5 * Math.Sin(2 * Math.PI * 1000 * n / 48000);
            stereo[(2 * n) + 1] = 0.5 * Math.Sin(2 * Math.PI * 1500 * n / 48000);
        }

        var mono = FloatSamples(Convert(WaveFormats.Float(2, 48000), WaveFormats.Float(1, 16000), FloatBytes(stereo)));
        Assert.Equal(16000, mono.Length);
        var settled = mono.AsSpan(1600, 8000);
        Assert.InRange(Amplitude(settled, 16000, 1000), 0.4995, 0.5005);
        Assert.InRange(Amplitude(settled, 16000, 1500), 0.4995, 0.5005);
    }
}
