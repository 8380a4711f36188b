using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;
using static InstallableDrivers.Multimedia.Interop.WaveOpenFlags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The converting wave mapper, recording: the WAV-file device records 16-bit PCM from its input file, and an
/// application that opened WAVE_MAPPER with a compressed format gets that PCM encoded as one acmStreamConvert of the
/// whole recording (START and END) encodes it, with dwBytesRecorded in its own format.
/// </summary>
public sealed unsafe class WaveMapperInputTests : IDisposable
{
    private static readonly WaveFormat Pcm = WaveFormat.Pcm(8000, 16, 1);
    private readonly WaveServicesHarness harness = new();
    private readonly WaveMapperCodecs codecs = new();
    private readonly List<WaveBuffer> buffers = [];

    public WaveMapperInputTests() => WaveMapperCodecs.Register(harness.Registry);

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        codecs.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    [Theory]
    [InlineData("mulaw", 2500, 1000)]
    [InlineData("alaw", 2500, 1000)]
    [InlineData("ima-adpcm", 2400, 512)]
    [InlineData("ms-adpcm", 2400, 512)]
    public void Recording_in_a_compressed_format_gives_the_input_encoded_with_WIM_DATA_in_order(string name, int frames, int bufferBytes)
    {
        var pcm = WaveMapperCodecs.Tone(frames);
        AddInput(pcm);
        var format = WaveMapperCodecs.Format(name);
        var expected = codecs.Convert(Pcm, format, pcm);

        var handle = Open(format);
        var count = (expected.Length / bufferBytes) + 2;
        var added = Enumerable.Range(0, count).Select(_ => Add(handle, bufferBytes)).ToArray();
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStart(handle));

        // Full buffers, then the last one partly filled when the input ends; the one after it waits for the reset.
        var full = expected.Length / bufferBytes;
        Assert.NotEqual(0, expected.Length % bufferBytes);
        var callbacks = harness.Log.WaitFor(1 + full + 1);
        Assert.Equal([WIM_OPEN, .. Enumerable.Repeat(WIM_DATA, full + 1)], callbacks.Select(c => c.Message));
        Assert.Equal(added.Take(full + 1).Select(b => b.Address), callbacks.Skip(1).Select(c => c.Param1));
        Assert.Equal([.. Enumerable.Repeat((uint)bufferBytes, full), (uint)(expected.Length % bufferBytes)],
            callbacks.Skip(1).Select(c => c.BytesRecordedThen));
        Assert.All(callbacks.Skip(1), c => Assert.Equal(WHDR_PREPARED | WHDR_DONE, c.FlagsThen));
        Assert.Equal(expected, added.SelectMany(b => b.Recorded));
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, added[^1].Flags);

        // The position in the application's bytes, as Windows' mapper scales it: by the formats' average byte rates.
        var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal((uint)((long)pcm.Length * format.AverageBytesPerSecond / Pcm.AverageBytesPerSecond), time.cb);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInReset(handle));
        Assert.Equal(WHDR_PREPARED | WHDR_DONE, added[^1].Flags);
        Assert.Equal(0u, added[^1].Header->dwBytesRecorded);
        foreach (var buffer in added)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInClose(handle));
        Assert.Equal(WIM_CLOSE, harness.Log.Snapshot()[^1].Message);
    }

    [Fact]
    public void Recording_in_a_PCM_format_the_device_does_not_take_goes_through_the_PCM_converter()
    {
        // The input file is 44.1 kHz stereo, the application wants 8 kHz mono: resampled and mixed, as one conversion
        // of the whole recording makes it (the resampler gives the same output however its input is cut).
        var stereo = WaveFormat.Pcm(44100, 16, 2);
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(4410 + 17, 44100, 8000, 440, 660));
        harness.AddWaveFile($"pace=fast in={harness.WriteFile("in.wav", WavFileBytes.Of(WavFileBytes.Pcm(44100, 16, 2), pcm))}");
        var expected = codecs.Convert(stereo, Pcm, pcm);

        var handle = Open(Pcm);
        var full = expected.Length / 400;
        Assert.NotEqual(0, expected.Length % 400);
        var added = Enumerable.Range(0, full + 1).Select(_ => Add(handle, 400)).ToArray();
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStart(handle));
        var callbacks = harness.Log.WaitFor(1 + full + 1);
        Assert.Equal([.. Enumerable.Repeat(400u, full), (uint)(expected.Length % 400)], callbacks.Skip(1).Select(c => c.BytesRecordedThen));
        Assert.Equal(expected, added.SelectMany(b => b.Recorded));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInReset(handle));
        foreach (var buffer in added)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInClose(handle));
    }

    [Fact]
    public void Stop_hands_back_the_buffer_being_filled_with_what_was_recorded_encoded_and_reset_the_rest()
    {
        var pcm = WaveMapperCodecs.Tone(8000 * 2);
        harness.AddWaveFile($"pace=realtime in={harness.WriteFile("in.wav", WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), pcm))}");
        var format = WaveMapperCodecs.Format("mulaw");
        var expected = codecs.Convert(Pcm, format, pcm);
        var handle = Open(format);
        var added = Enumerable.Range(0, 3).Select(_ => Add(handle, 4000)).ToArray(); // half a second each
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStart(handle));
        Thread.Sleep(150);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStop(handle));

        var callbacks = harness.Log.WaitFor(2);
        Assert.Equal([WIM_OPEN, WIM_DATA], callbacks.Select(c => c.Message));
        Assert.Equal(added[0].Address, callbacks[1].Param1);
        Assert.InRange(callbacks[1].BytesRecordedThen, 1u, 3999u);
        Assert.Equal(expected[..added[0].Recorded.Length], added[0].Recorded);
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, added[1].Flags);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInReset(handle));
        Assert.All(added.Skip(1), b => Assert.Equal((WHDR_PREPARED | WHDR_DONE, 0u), (b.Flags, b.Header->dwBytesRecorded)));
        Assert.Equal([added[1].Address, added[2].Address], harness.Log.Snapshot().Skip(2).Select(c => c.Param1));
        foreach (var buffer in added)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInClose(handle));
    }

    [Fact]
    public void Query_DIRECT_and_a_device_id_never_convert_for_input_either()
    {
        AddInput(WaveMapperCodecs.Tone(100));
        fixed (byte* format = WaveMapperCodecs.Format("mulaw").ToBytes())
        {
            var wfx = (WAVEFORMATEX*)format;
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInOpen(null, WAVE_MAPPER, wfx, 0, 0, WAVE_FORMAT_QUERY));
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveInOpen(null, WAVE_MAPPER, wfx, 0, 0, WAVE_FORMAT_DIRECT_QUERY));
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveInOpen(null, 0, wfx, 0, 0, WAVE_FORMAT_QUERY));
        }

        // µ-law at another rate than the input file's: no conversion the PCM device's one format leads to... except
        // through the PCM converter, which the mapper uses as well.
        fixed (byte* format = WaveFormat.MuLaw(16000, 1).ToBytes())
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInOpen(null, WAVE_MAPPER, (WAVEFORMATEX*)format, 0, 0, WAVE_FORMAT_QUERY));
        }
    }

    private void AddInput(byte[] pcm) =>
        harness.AddWaveFile($"pace=fast in={harness.WriteFile("in.wav", WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), pcm))}");

    private nint Open(WaveFormat format)
    {
        nint handle;
        fixed (byte* wfx = format.ToBytes())
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInOpen(&handle, WAVE_MAPPER, (WAVEFORMATEX*)wfx, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));
        }

        return handle;
    }

    private WaveBuffer Add(nint handle, int length)
    {
        var buffer = new WaveBuffer(length, flags: 0);
        buffers.Add(buffer);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInAddBuffer(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        return buffer;
    }
}
