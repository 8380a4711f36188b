using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;
using static InstallableDrivers.Multimedia.Interop.WaveOpenFlags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The converting wave mapper, playing: compressed formats opened with WAVE_MAPPER on the WAV-file device (which takes
/// only PCM and float) reach its file as the PCM the codecs decode them to, computed here without the mapper.
/// </summary>
public sealed unsafe class WaveMapperOutputTests : IDisposable
{
    private readonly WaveServicesHarness harness = new();
    private readonly WaveMapperCodecs codecs = new();
    private readonly List<WaveBuffer> buffers = [];

    public WaveMapperOutputTests() => WaveMapperCodecs.Register(harness.Registry);

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        codecs.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    [Theory]
    [InlineData("mulaw")]
    [InlineData("alaw")]
    [InlineData("ima-adpcm")]
    [InlineData("ms-adpcm")]
    public void A_compressed_format_plays_through_the_mapper_as_the_PCM_its_codec_decodes_it_to_with_WOM_DONE_in_order(string name)
    {
        var output = harness.AddWaveFile();
        var format = WaveMapperCodecs.Format(name);
        var encoded = codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, WaveMapperCodecs.Tone(4000));
        var expected = codecs.Decoded(format, encoded);

        var handle = Open(format);
        // Buffers that cut through compressed blocks: the mapper carries the partial block on to the next buffer.
        var cuts = new[] { 0, 300, 1000, encoded.Length };
        var headers = cuts.Zip(cuts.Skip(1)).Select(cut => Write(handle, encoded[cut.First..cut.Second])).ToArray();
        harness.Log.WaitFor(1 + headers.Length);
        Assert.All(headers, header => Assert.Equal(WHDR_PREPARED | WHDR_DONE, header.Flags));
        Unprepare(handle, headers);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        var callbacks = harness.Log.Snapshot();
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], callbacks.Select(c => c.Message));
        Assert.All(callbacks, c => Assert.Equal(handle, c.Device));
        Assert.Equal(headers.Select(h => h.Address), callbacks.Where(c => c.Message == WOM_DONE).Select(c => c.Param1));
        Assert.All(callbacks.Where(c => c.Message == WOM_DONE), c => Assert.Equal(WHDR_PREPARED | WHDR_DONE, c.FlagsThen));
        var file = Assert.Single(Directory.GetFiles(output));
        Assert.Equal(WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), expected), File.ReadAllBytes(file));
    }

    [Fact]
    public void A_PCM_format_no_device_takes_is_resampled_by_the_PCM_converter()
    {
        // The WAV-file device takes 1000 to 768000 frames a second; the PCM converter takes 800.
        var output = harness.AddWaveFile();
        var format = WaveFormat.Pcm(800, 16, 1);
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(1600, 800, 12000, 50));
        var device = WaveFormat.Pcm(44100, 16, 1); // the first common form the device takes
        var expected = codecs.Convert(format, device, pcm);

        var handle = Open(format);
        var headers = new[] { Write(handle, pcm[..1000]), Write(handle, pcm[1000..]) };
        harness.Log.WaitFor(3);
        Unprepare(handle, headers);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        // The stream never ends while open, so the converter keeps back its last 48 input frames (docs/acm.md): the
        // device gets the rest of the resampled sound exactly.
        var data = File.ReadAllBytes(Assert.Single(Directory.GetFiles(output)))[44..];
        Assert.InRange(data.Length, expected.Length - (50 * 44100 / 800 * 2), expected.Length - 1);
        Assert.Equal(expected[..data.Length], data);
    }

    [Fact]
    public void Position_is_in_bytes_and_samples_of_the_applications_format()
    {
        harness.AddWaveFile();
        var format = WaveMapperCodecs.Format("mulaw");
        var encoded = codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, WaveMapperCodecs.Tone(3000));
        var handle = Open(format);
        Write(handle, encoded);
        harness.Log.WaitFor(2);

        var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal(TimeFormats.TIME_BYTES, time.wType);
        Assert.Equal((uint)encoded.Length, time.cb); // µ-law bytes, not the device's 16-bit PCM bytes (twice as many)
        time = new MMTIME { wType = TimeFormats.TIME_SAMPLES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal(3000u, time.sample);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(handle));
        time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal(0u, time.cb);
        Unprepare(handle, [.. buffers]);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void Reset_returns_every_unplayed_buffer_done_in_order_and_close_waits_for_queued_buffers()
    {
        harness.AddWaveFile("pace=realtime");
        var format = WaveMapperCodecs.Format("ima-adpcm");
        var encoded = codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, WaveMapperCodecs.Tone(8000 * 4));
        var handle = Open(format);
        var quarter = encoded.Length / 4 / format.BlockAlign * format.BlockAlign;
        var headers = Enumerable.Range(0, 4).Select(i => Write(handle, encoded.AsSpan(i * quarter, quarter).ToArray())).ToArray();
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, headers[3].Flags);
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveOutClose(handle));
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveOutUnprepareHeader(handle, headers[3].Header, (uint)sizeof(WAVEHDR)));

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(handle));

        // Reset returns only after every buffer came back: no waiting needed.
        Assert.All(headers, header => Assert.Equal(WHDR_PREPARED | WHDR_DONE, header.Flags));
        var done = harness.Log.Snapshot().Where(c => c.Message == WOM_DONE).Select(c => c.Param1);
        Assert.Equal(headers.Select(h => h.Address), done);
        Unprepare(handle, headers);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void A_callback_may_write_and_reset_its_own_mapped_stream_and_buffers_still_come_back_in_order()
    {
        harness.AddWaveFile("pace=realtime");
        var format = WaveMapperCodecs.Format("mulaw");
        var encoded = codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, WaveMapperCodecs.Tone(8000));
        var handle = Open(format);
        var later = new WaveBuffer(encoded, flags: 0); // 1 s: still playing when the reset comes
        var last = new WaveBuffer(encoded, flags: 0);
        buffers.AddRange([later, last]);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, later.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, last.Header, (uint)sizeof(WAVEHDR)));
        var results = new List<MMRESULT>();
        using var returned = new ManualResetEventSlim();
        harness.Log.OnCallback = c =>
        {
            if (c.Message != WOM_DONE)
            {
                return;
            }

            if (results.Count == 0)
            {
                // Inside the first buffer's WOM_DONE, on the device's thread: two more writes, then a reset.
                results.Add(Wave.waveOutWrite(handle, later.Header, (uint)sizeof(WAVEHDR)));
                results.Add(Wave.waveOutWrite(handle, last.Header, (uint)sizeof(WAVEHDR)));
                results.Add(Wave.waveOutReset(handle));
                returned.Set();
            }
        };
        var first = Write(handle, encoded[..400]);

        Assert.True(returned.Wait(TimeSpan.FromSeconds(10)));
        var callbacks = harness.Log.WaitFor(4);
        Assert.Equal([MMSYSERR_NOERROR, MMSYSERR_NOERROR, MMSYSERR_NOERROR], results);
        Assert.Equal([first.Address, later.Address, last.Address], callbacks.Where(c => c.Message == WOM_DONE).Select(c => c.Param1));
        Assert.All(new[] { first, later, last }, b => Assert.Equal(WHDR_PREPARED | WHDR_DONE, b.Flags));
        Unprepare(handle, [first, later, last]);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void Pause_restart_volume_GetID_and_GetDevCaps_of_a_mapped_handle_reach_the_device_it_converts_for()
    {
        harness.AddWaveFile();
        var handle = Open(WaveMapperCodecs.Format("alaw"));

        uint id;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetID(handle, &id));
        Assert.Equal(0u, id);
        WAVEOUTCAPSW byHandle, byId;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps((nuint)handle, &byHandle, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps(0, &byId, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal(byId.ProductName, byHandle.ProductName);
        Assert.Equal(byId.dwFormats, byHandle.dwFormats);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutSetVolume(handle, 0x4000_8000));
        uint volume;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetVolume(handle, &volume));
        Assert.Equal(0x4000_8000u, volume);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPause(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutRestart(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutBreakLoop(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutGetID(handle, &id));
    }

    [Fact]
    public void Query_answers_yes_when_a_conversion_exists_and_DIRECT_or_a_device_id_never_converts()
    {
        harness.AddWaveFile();
        var mulaw = WaveMapperCodecs.Format("mulaw").ToBytes();
        fixed (byte* format = mulaw)
        {
            var wfx = (WAVEFORMATEX*)format;
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(null, WAVE_MAPPER, wfx, 0, 0, WAVE_FORMAT_QUERY));
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(null, WAVE_MAPPER, wfx, 0, 0, WAVE_FORMAT_DIRECT_QUERY));
            nint handle;
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(&handle, WAVE_MAPPER, wfx, 0, 0, WAVE_FORMAT_DIRECT));
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(&handle, 0, wfx, 0, 0, 0));
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(null, 0, wfx, 0, 0, WAVE_FORMAT_QUERY));

            // WAVE_MAPPED: the mapper, restricted to the device named.
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(null, 0, wfx, 0, 0, WAVE_FORMAT_QUERY | WAVE_MAPPED));
            Assert.Equal(MMSYSERR_BADDEVICEID, Wave.waveOutOpen(null, 1, wfx, 0, 0, WAVE_FORMAT_QUERY | WAVE_MAPPED));
        }

        Assert.Empty(harness.Log.Snapshot());
    }

    [Fact]
    public void A_format_no_installed_codec_decodes_is_WAVERR_BADFORMAT()
    {
        harness.AddWaveFile();
        harness.Registry.DeleteValue("Drivers32", "msacm.g711");
        fixed (byte* format = WaveMapperCodecs.Format("mulaw").ToBytes())
        {
            nint handle;
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(null, WAVE_MAPPER, (WAVEFORMATEX*)format, 0, 0, WAVE_FORMAT_QUERY));
            Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(&handle, WAVE_MAPPER, (WAVEFORMATEX*)format, 0, 0, 0));
        }
    }

    [Fact]
    public void The_ACM_results_a_mapped_write_can_return_have_error_texts_and_names()
    {
        var text = stackalloc char[256];
        foreach (var error in new[] { AcmErrors.ACMERR_NOTPOSSIBLE, AcmErrors.ACMERR_BUSY, AcmErrors.ACMERR_UNPREPARED, AcmErrors.ACMERR_CANCELED })
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetErrorText((MMRESULT)error, text, 256));
            Assert.NotEqual(0, new string(text).Length);
        }

        Assert.Equal(MMSYSERR_BADERRNUM, Wave.waveOutGetErrorText((MMRESULT)(AcmErrors.ACMERR_CANCELED + 1), text, 256));
        var exception = new MmException("waveOutWrite", (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, "x");
        Assert.Equal("waveOutWrite failed: ACMERR_NOTPOSSIBLE (512): x", exception.Message);
    }

    private nint Open(WaveFormat format)
    {
        nint handle;
        fixed (byte* wfx = format.ToBytes())
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, WAVE_MAPPER, (WAVEFORMATEX*)wfx, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));
        }

        return handle;
    }

    private WaveBuffer Write(nint handle, byte[] data)
    {
        var buffer = new WaveBuffer(data, flags: 0);
        buffers.Add(buffer);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        return buffer;
    }

    private void Unprepare(nint handle, WaveBuffer[] headers)
    {
        foreach (var header in headers)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutUnprepareHeader(handle, header.Header, (uint)sizeof(WAVEHDR)));
        }
    }
}
