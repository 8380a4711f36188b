using System.Diagnostics;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The WAV-file wave driver through its mmddk.h entry points, as the waveOut/waveIn services will call it: files
/// compared byte for byte with WAV files built by the test, callbacks and header flags at every step, result codes.
/// </summary>
public sealed unsafe class WaveFileDriverTests : IDisposable
{
    private static readonly WAVEFORMATEX Cd = WavFileBytes.Pcm(44100, 16, 2);
    private static readonly int[] ChunkFrames = [7, 1, 30];
    private readonly WaveFileDriverHarness wave = new();
    private readonly List<WaveBuffer> buffers = [];

    public void Dispose()
    {
        wave.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    // ---- devices and capabilities -----------------------------------------------------------------------------------

    [Fact]
    public void It_has_one_output_device_and_no_input_device_without_an_input_file()
    {
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(DRVM_INIT));
        Assert.Equal(1u, wave.Wod(WODM_GETNUMDEVS));
        Assert.Equal(0u, wave.Wid(WIDM_GETNUMDEVS));
        Assert.Equal(MMSYSERR_BADDEVICEID, wave.OpenInput(Cd, out _));
    }

    [Fact]
    public void GETDEVCAPS_fills_WAVEOUTCAPSW()
    {
        WAVEOUTCAPSW caps = default;
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_GETDEVCAPS, 0, (nuint)(&caps), (nuint)sizeof(WAVEOUTCAPSW)));

        Assert.Equal("WAV file out", caps.ProductName);
        Assert.Equal(2, caps.wChannels);
        Assert.Equal(0x000FFFFFu, caps.dwFormats); // every standard format, WAVE_FORMAT_1M08 to WAVE_FORMAT_96S16
        Assert.Equal(WaveCapsSupport.WAVECAPS_VOLUME | WaveCapsSupport.WAVECAPS_LRVOLUME,
            caps.dwSupport & (WaveCapsSupport.WAVECAPS_VOLUME | WaveCapsSupport.WAVECAPS_LRVOLUME));
    }

    [Fact]
    public void GETDEVCAPS_writes_no_more_than_the_size_it_is_given()
    {
        var bytes = new byte[sizeof(WAVEOUTCAPSW)];
        Array.Fill(bytes, (byte)0xCC);
        fixed (byte* caps = bytes)
        {
            Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_GETDEVCAPS, 0, (nuint)caps, 10));
        }

        Assert.Equal(0xFFFF, BitConverter.ToUInt16(bytes, 0)); // wMid was written
        Assert.All(bytes[10..], b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void Device_ids_other_than_0_are_bad()
    {
        WAVEOUTCAPSW caps = default;
        Assert.Equal((uint)MMSYSERR_BADDEVICEID, wave.Wod(WODM_GETDEVCAPS, 0, (nuint)(&caps), (nuint)sizeof(WAVEOUTCAPSW), device: 1));
    }

    // ---- playing into a file --------------------------------------------------------------------------------------

    public static TheoryData<ushort, uint, ushort, ushort> Formats => new()
    {
        { WaveFormatTags.WAVE_FORMAT_PCM, 8000, 8, 1 },
        { WaveFormatTags.WAVE_FORMAT_PCM, 44100, 16, 2 },
        { WaveFormatTags.WAVE_FORMAT_PCM, 48000, 24, 2 },
        { WaveFormatTags.WAVE_FORMAT_PCM, 96000, 32, 6 },
        { WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, 48000, 32, 2 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Written_buffers_become_a_bit_exact_WAV_file_with_one_callback_each_in_order(ushort tag, uint rate, ushort bits, ushort channels)
    {
        var format = tag == WaveFormatTags.WAVE_FORMAT_PCM ? WavFileBytes.Pcm(rate, bits, channels) : WavFileBytes.Float(rate, channels);
        var chunks = ChunkFrames.Select(frames => RandomBytes(frames * format.nBlockAlign)).ToArray();

        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(format, out var stream));
        var handle = wave.LastHandle;
        var written = chunks.Select(Buffer).ToArray();
        foreach (var buffer in written)
        {
            Assert.Equal((uint)MMSYSERR_NOERROR, Write(stream, buffer));
        }

        wave.Log.WaitFor(1 + written.Length);
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));

        var calls = wave.Log.Snapshot();
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], calls.Select(c => c.Message));
        Assert.Equal(written.Select(b => b.Address), calls.Where(c => c.Message == WOM_DONE).Select(c => c.Param1));
        Assert.All(calls, c => Assert.Equal((handle, (nuint)0), (c.Device, c.Param2)));
        Assert.All(calls.Where(c => c.Message == WOM_DONE), c => Assert.Equal(WHDR_DONE | WHDR_PREPARED, c.FlagsThen));

        var file = Assert.Single(wave.OutputFiles());
        Assert.Equal(WavFileBytes.Of(format, chunks.SelectMany(c => c).ToArray()), File.ReadAllBytes(file));
    }

    [Fact]
    public void An_odd_length_data_chunk_is_padded_to_an_even_length()
    {
        var format = WavFileBytes.Pcm(8000, 8, 1);
        var data = RandomBytes(5);
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(format, out var stream));
        Write(stream, Buffer(data));
        wave.Log.WaitFor(2);
        wave.Wod(WODM_CLOSE, stream);

        var bytes = File.ReadAllBytes(Assert.Single(wave.OutputFiles()));
        Assert.Equal(WavFileBytes.Of(format, data), bytes);
        Assert.Equal(0, bytes.Length % 2);
    }

    [Fact]
    public void Each_open_writes_a_new_file_named_after_the_process_and_a_counter()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
            Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));
        }

        var pid = Environment.ProcessId;
        Assert.Equal([$"out-{pid}-0.wav", $"out-{pid}-1.wav"], wave.OutputFiles().Select(Path.GetFileName));
        Assert.All(wave.OutputFiles(), file => Assert.Equal(WavFileBytes.Of(Cd, []), File.ReadAllBytes(file)));
    }

    [Fact]
    public void A_buffer_is_INQUEUE_and_not_DONE_while_queued_then_DONE_and_not_INQUEUE()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_PAUSE, stream));
        var buffer = Buffer(RandomBytes(400), WHDR_PREPARED | WHDR_DONE); // DONE from an earlier use
        Write(stream, buffer);
        Thread.Sleep(50);
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, buffer.Flags);
        Assert.Single(wave.Log.Snapshot()); // WOM_OPEN only: paused

        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_RESTART, stream));
        wave.Log.WaitFor(2);
        Assert.Equal(WHDR_PREPARED | WHDR_DONE, buffer.Flags);
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));
    }

    [Fact]
    public void Writing_an_unprepared_buffer_is_WAVERR_UNPREPARED_and_PREPARE_is_left_to_the_service()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        var buffer = Buffer(RandomBytes(400), flags: 0);
        Assert.Equal((uint)MMSYSERR_NOTSUPPORTED, wave.Wod(WODM_PREPARE, stream, buffer.Address, (nuint)sizeof(WAVEHDR)));
        Assert.Equal((uint)WAVERR_UNPREPARED, Write(stream, buffer));
        Assert.Equal(0u, buffer.Flags);
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));
    }

    // ---- formats and queries --------------------------------------------------------------------------------------

    public static TheoryData<WAVEFORMATEX> BadFormats => new()
    {
        WavFileBytes.Pcm(44100, 12, 2),
        WavFileBytes.Float(44100, 2) with { wBitsPerSample = 64, nBlockAlign = 16, nAvgBytesPerSec = 44100 * 16 },
        WavFileBytes.Pcm(44100, 16, 2) with { wFormatTag = 2 }, // Microsoft ADPCM
        WavFileBytes.Pcm(44100, 16, 2) with { nBlockAlign = 2 },
        WavFileBytes.Pcm(44100, 16, 2) with { nAvgBytesPerSec = 1 },
        WavFileBytes.Pcm(44100, 16, 0),
        WavFileBytes.Pcm(100, 16, 2),
    };

    [Theory]
    [MemberData(nameof(BadFormats))]
    public void An_unsupported_format_is_WAVERR_BADFORMAT_and_opens_nothing(WAVEFORMATEX format)
    {
        Assert.Equal(WAVERR_BADFORMAT, wave.OpenOutput(format, out var stream));
        Assert.Equal(WAVERR_BADFORMAT, wave.OpenOutput(format, out _, WaveOpenFlags.WAVE_FORMAT_QUERY));
        Assert.Equal(0u, stream);
        Assert.Empty(wave.OutputFiles());
        Assert.Empty(wave.Log.Snapshot());
    }

    [Fact]
    public void WAVE_FORMAT_QUERY_answers_without_opening()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream, WaveOpenFlags.WAVE_FORMAT_QUERY));
        Assert.Equal(0u, stream);
        Assert.Empty(wave.OutputFiles());
        Assert.Empty(wave.Log.Snapshot());
    }

    // ---- close, reset, pause ------------------------------------------------------------------------------------------

    [Fact]
    public void Close_while_buffers_are_queued_is_WAVERR_STILLPLAYING_and_reset_returns_them_all_done_in_order()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        wave.Wod(WODM_PAUSE, stream);
        var queued = Enumerable.Range(0, 4).Select(_ => Buffer(RandomBytes(400))).ToArray();
        foreach (var buffer in queued)
        {
            Write(stream, buffer);
        }

        Assert.Equal((uint)WAVERR_STILLPLAYING, wave.Wod(WODM_CLOSE, stream));
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_RESET, stream));

        // Reset returns after the callbacks: no waiting needed.
        var done = wave.Log.Snapshot().Where(c => c.Message == WOM_DONE).ToList();
        Assert.Equal(queued.Select(b => b.Address), done.Select(c => c.Param1));
        Assert.All(queued, b => Assert.Equal(WHDR_PREPARED | WHDR_DONE, b.Flags));
        Assert.Equal(0u, Position(stream, TimeFormats.TIME_BYTES).cb);
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));

        // Nothing was played, and the device is not paused after the reset.
        Assert.Equal(WavFileBytes.Of(Cd, []), File.ReadAllBytes(Assert.Single(wave.OutputFiles())));
        Assert.Equal(WOM_CLOSE, wave.Log.Snapshot()[^1].Message);
    }

    [Fact]
    public void Reset_unpauses_the_device()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        wave.Wod(WODM_PAUSE, stream);
        wave.Wod(WODM_RESET, stream);
        var data = RandomBytes(400);
        Write(stream, Buffer(data));
        wave.Log.WaitFor(2);
        wave.Wod(WODM_CLOSE, stream);
        Assert.Equal(WavFileBytes.Of(Cd, data), File.ReadAllBytes(Assert.Single(wave.OutputFiles())));
    }

    [Fact]
    public void A_reset_from_inside_a_callback_returns_the_remaining_buffers_in_order_without_deadlock()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        wave.Wod(WODM_PAUSE, stream);
        var queued = Enumerable.Range(0, 5).Select(_ => Buffer(RandomBytes(400))).ToArray();
        foreach (var buffer in queued)
        {
            Write(stream, buffer);
        }

        uint resetResult = 99;
        wave.Log.OnCallback = callback =>
        {
            if (callback.Param1 == queued[0].Address)
            {
                resetResult = wave.Wod(WODM_RESET, stream);
            }
        };
        wave.Wod(WODM_RESTART, stream);
        var calls = wave.Log.WaitFor(1 + queued.Length);

        Assert.Equal((uint)MMSYSERR_NOERROR, resetResult);
        Assert.Equal(queued.Select(b => b.Address), calls.Skip(1).Select(c => c.Param1));
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));
    }

    [Fact]
    public void Close_from_inside_the_last_callback_closes_the_stream()
    {
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        var buffer = Buffer(RandomBytes(400));
        var closeResult = 99u;
        using var closed = new ManualResetEventSlim();
        wave.Log.OnCallback = callback =>
        {
            if (callback.Message == WOM_DONE)
            {
                closeResult = wave.Wod(WODM_CLOSE, stream);
                closed.Set();
            }
        };
        Write(stream, buffer);

        Assert.True(closed.Wait(TimeSpan.FromSeconds(10)), "WOM_DONE never came");
        Assert.Equal((uint)MMSYSERR_NOERROR, closeResult);
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_CLOSE], wave.Log.Snapshot().Select(c => c.Message));
    }

    // ---- position ---------------------------------------------------------------------------------------------------

    [Fact]
    public void GETPOS_answers_in_bytes_samples_and_milliseconds_and_in_bytes_for_other_types()
    {
        var format = WavFileBytes.Pcm(8000, 16, 2); // 32000 bytes a second
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(format, out var stream));
        Write(stream, Buffer(RandomBytes(8000)));
        wave.Log.WaitFor(2);

        Assert.Equal(8000u, Position(stream, TimeFormats.TIME_BYTES).cb);
        Assert.Equal(2000u, Position(stream, TimeFormats.TIME_SAMPLES).sample);
        Assert.Equal(250u, Position(stream, TimeFormats.TIME_MS).ms);
        var smpte = Position(stream, TimeFormats.TIME_SMPTE);
        Assert.Equal((TimeFormats.TIME_BYTES, 8000u), (smpte.wType, smpte.cb));
        wave.Wod(WODM_CLOSE, stream);
    }

    // ---- loops --------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_loop_plays_dwLoops_times_and_its_buffers_come_back_after_it()
    {
        var (a, b, c) = (RandomBytes(40), RandomBytes(80), RandomBytes(12));
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        wave.Wod(WODM_PAUSE, stream);
        var written = new[] { Buffer(a, WHDR_PREPARED | WHDR_BEGINLOOP, loops: 3), Buffer(b, WHDR_PREPARED | WHDR_ENDLOOP), Buffer(c) };
        foreach (var buffer in written)
        {
            Write(stream, buffer);
        }

        wave.Wod(WODM_RESTART, stream);
        var calls = wave.Log.WaitFor(4);
        Assert.Equal(written.Select(x => x.Address), calls.Skip(1).Select(x => x.Param1));
        Assert.Equal((uint)(3 * (a.Length + b.Length) + c.Length), Position(stream, TimeFormats.TIME_BYTES).cb);
        wave.Wod(WODM_CLOSE, stream);

        byte[] expected = [.. a, .. b, .. a, .. b, .. a, .. b, .. c];
        Assert.Equal(WavFileBytes.Of(Cd, expected), File.ReadAllBytes(Assert.Single(wave.OutputFiles())));
    }

    [Fact]
    public void BREAKLOOP_ends_the_loop_after_its_current_pass_and_playback_goes_on()
    {
        var (loop, after) = (RandomBytes(4), RandomBytes(8));
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        wave.Wod(WODM_WRITE, stream, Buffer(loop, WHDR_PREPARED | WHDR_BEGINLOOP | WHDR_ENDLOOP, loops: uint.MaxValue).Address, (nuint)sizeof(WAVEHDR));
        Write(stream, Buffer(after));
        var deadline = Stopwatch.StartNew();
        while (Position(stream, TimeFormats.TIME_BYTES).cb < 4000 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(1);
        }

        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_BREAKLOOP, stream));
        wave.Log.WaitFor(3);
        wave.Wod(WODM_CLOSE, stream);

        var data = File.ReadAllBytes(Assert.Single(wave.OutputFiles()))[44..];
        var passes = (data.Length - after.Length) / loop.Length;
        Assert.True(passes >= 1000 && passes < 100_000_000, $"{passes} passes");
        Assert.Equal(0, (data.Length - after.Length) % loop.Length);
        for (var i = 0; i < passes; i++)
        {
            Assert.Equal(loop, data[(i * 4)..((i + 1) * 4)]);
        }

        Assert.Equal(after, data[^after.Length..]);
    }

    // ---- volume ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void The_volume_scales_16_bit_samples_left_by_the_low_word_and_right_by_the_high_word()
    {
        var samples = new short[] { short.MaxValue, short.MinValue, 1000, -1000, -1, 12345, 0, -32767 };
        var data = samples.SelectMany(BitConverter.GetBytes).ToArray();
        const uint volume = 0x4000_C000; // left 0xC000, right 0x4000

        var written = PlayWithVolume(WavFileBytes.Pcm(44100, 16, 2), volume, data);

        var expected = samples.Select((s, i) => (short)(s * (int)(i % 2 == 0 ? 0xC000 : 0x4000) / 0xFFFF)).SelectMany(BitConverter.GetBytes).ToArray();
        Assert.Equal(expected, written);
    }

    [Fact]
    public void The_volume_scales_8_bit_samples_around_128_and_float_samples()
    {
        var bytes = new byte[] { 0, 255, 128, 1, 200, 60 };
        var written8 = PlayWithVolume(WavFileBytes.Pcm(8000, 8, 1), 0x0000_8000, bytes);
        Assert.Equal(bytes.Select(b => (byte)(((b - 128) * 0x8000 / 0xFFFF) + 128)), written8);

        var floats = new[] { 1.0f, -1.0f, 0.5f, -0.25f };
        var written = PlayWithVolume(WavFileBytes.Float(48000, 2), 0x1234_FFFF, floats.SelectMany(BitConverter.GetBytes).ToArray());
        var expected = floats.Select((f, i) => i % 2 == 0 ? f : f * (float)0x1234 / 65535.0f);
        Assert.Equal(expected, Enumerable.Range(0, floats.Length).Select(i => BitConverter.ToSingle(written, i * 4)));
    }

    [Fact]
    public void A_volume_set_without_a_stream_is_where_new_streams_start()
    {
        var level = 0u;
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_SETVOLUME, 0, 0x2000_3000));
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_GETVOLUME, 0, (nuint)(&level)));
        Assert.Equal(0x2000_3000u, level);

        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(Cd, out var stream));
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_GETVOLUME, stream, (nuint)(&level)));
        Assert.Equal(0x2000_3000u, level);
        wave.Wod(WODM_CLOSE, stream);
    }

    // ---- pacing -----------------------------------------------------------------------------------------------------

    [Fact]
    public void Realtime_pace_takes_as_long_as_the_audio_lasts()
    {
        using var realtime = new WaveFileDriverHarness("pace=realtime");
        var format = WavFileBytes.Pcm(8000, 16, 1);
        using var buffer = new WaveBuffer(RandomBytes(3200)); // 200 ms
        Assert.Equal(MMSYSERR_NOERROR, realtime.OpenOutput(format, out var stream));
        var clock = Stopwatch.StartNew();
        realtime.Wod(WODM_WRITE, stream, buffer.Address, (nuint)sizeof(WAVEHDR));
        realtime.Log.WaitFor(2);
        Assert.InRange(clock.ElapsedMilliseconds, 170, 5000); // WOM_DONE may come one 10 ms step early
        realtime.Wod(WODM_CLOSE, stream);
    }

    // ---- recording ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Recording_returns_the_input_files_bytes_and_a_partly_filled_last_buffer()
    {
        var format = WavFileBytes.Pcm(8000, 16, 1);
        var input = RandomBytes(1000);
        using var recorder = RecorderOf(format, input);
        Assert.Equal(1u, recorder.Wid(WIDM_GETNUMDEVS));
        WAVEINCAPSW caps = default;
        Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_GETDEVCAPS, 0, (nuint)(&caps), (nuint)sizeof(WAVEINCAPSW)));
        Assert.Equal(("WAV file in", (ushort)1), (caps.ProductName, caps.wChannels));

        Assert.Equal(MMSYSERR_NOERROR, recorder.OpenInput(format, out var stream));
        var added = Enumerable.Range(0, 4).Select(_ => Buffer(400)).ToArray();
        foreach (var buffer in added)
        {
            Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_ADDBUFFER, stream, buffer.Address, (nuint)sizeof(WAVEHDR)));
        }

        Thread.Sleep(30);
        Assert.Single(recorder.Log.Snapshot()); // WIM_OPEN: nothing is recorded before WIDM_START
        Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_START, stream));
        var calls = recorder.Log.WaitFor(4);

        Assert.Equal([WIM_OPEN, WIM_DATA, WIM_DATA, WIM_DATA], calls.Select(c => c.Message));
        Assert.Equal(added.Take(3).Select(b => b.Address), calls.Skip(1).Select(c => c.Param1));
        Assert.Equal([400u, 400u, 200u], calls.Skip(1).Select(c => c.BytesRecordedThen));
        Assert.All(calls.Skip(1), c => Assert.Equal(WHDR_PREPARED | WHDR_DONE, c.FlagsThen));
        Assert.Equal(input, added.Take(3).SelectMany(b => b.Recorded).ToArray());
        Assert.Equal(500u, Position(recorder, stream, TimeFormats.TIME_SAMPLES).sample);

        // After the end of the input the last buffer stays queued, until a reset returns it empty.
        Thread.Sleep(30);
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, added[3].Flags);
        Assert.Equal((uint)WAVERR_STILLPLAYING, recorder.Wid(WIDM_CLOSE, stream));
        Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_RESET, stream));
        Assert.Equal((WHDR_PREPARED | WHDR_DONE, 0u), (added[3].Flags, added[3].Header->dwBytesRecorded));
        Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_CLOSE, stream));
        Assert.Equal([WIM_DATA, WIM_CLOSE], recorder.Log.Snapshot().Skip(4).Select(c => c.Message));
    }

    [Fact]
    public void Stop_returns_the_buffer_being_filled_and_keeps_the_empty_ones()
    {
        var format = WavFileBytes.Pcm(8000, 16, 1); // 16000 bytes a second, 160 a 10 ms step
        using var recorder = RecorderOf(format, RandomBytes(64000), "pace=realtime");
        Assert.Equal(MMSYSERR_NOERROR, recorder.OpenInput(format, out var stream));
        var (filling, empty) = (Buffer(16000), Buffer(400));
        recorder.Wid(WIDM_ADDBUFFER, stream, filling.Address, (nuint)sizeof(WAVEHDR));
        recorder.Wid(WIDM_ADDBUFFER, stream, empty.Address, (nuint)sizeof(WAVEHDR));
        recorder.Wid(WIDM_START, stream);
        var clock = Stopwatch.StartNew();
        while (Position(recorder, stream, TimeFormats.TIME_BYTES).cb < 320 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(5);
        }

        Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_STOP, stream));

        var data = Assert.Single(recorder.Log.Snapshot(), c => c.Message == WIM_DATA);
        Assert.Equal(filling.Address, data.Param1);
        Assert.InRange(data.BytesRecordedThen, 320u, 15999u); // a second of audio would fill it: it is returned part-filled
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, empty.Flags);
        recorder.Wid(WIDM_RESET, stream);
        Assert.Equal((uint)MMSYSERR_NOERROR, recorder.Wid(WIDM_CLOSE, stream));
    }

    [Fact]
    public void Recording_in_another_format_than_the_input_files_is_WAVERR_BADFORMAT()
    {
        using var recorder = RecorderOf(WavFileBytes.Pcm(8000, 16, 1), RandomBytes(100));
        Assert.Equal(WAVERR_BADFORMAT, recorder.OpenInput(WavFileBytes.Pcm(16000, 16, 1), out _));
        Assert.Equal(MMSYSERR_NOERROR, recorder.OpenInput(WavFileBytes.Pcm(8000, 16, 1), out var stream, WaveOpenFlags.WAVE_FORMAT_QUERY));
        Assert.Equal(0u, stream);
        Assert.Empty(recorder.Log.Snapshot());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------------

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private WaveBuffer Buffer(byte[] data) => Buffer(data, WHDR_PREPARED);

    private WaveBuffer Buffer(byte[] data, uint flags, uint loops = 0)
    {
        var buffer = new WaveBuffer(data, flags, loops);
        buffers.Add(buffer);
        return buffer;
    }

    private WaveBuffer Buffer(int length)
    {
        var buffer = new WaveBuffer(length);
        buffers.Add(buffer);
        return buffer;
    }

    private uint Write(nuint stream, WaveBuffer buffer) => wave.Wod(WODM_WRITE, stream, buffer.Address, (nuint)sizeof(WAVEHDR));

    private MMTIME Position(nuint stream, uint type) => Position(wave, stream, type, output: true);

    private static MMTIME Position(WaveFileDriverHarness driver, nuint stream, uint type, bool output = false)
    {
        var time = new MMTIME { wType = type };
        var result = output
            ? driver.Wod(WODM_GETPOS, stream, (nuint)(&time), (nuint)sizeof(MMTIME))
            : driver.Wid(WIDM_GETPOS, stream, (nuint)(&time), (nuint)sizeof(MMTIME));
        Assert.Equal((uint)MMSYSERR_NOERROR, result);
        return time;
    }

    private byte[] PlayWithVolume(WAVEFORMATEX format, uint volume, byte[] data)
    {
        var before = wave.Log.Snapshot().Count;
        Assert.Equal(MMSYSERR_NOERROR, wave.OpenOutput(format, out var stream));
        Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_SETVOLUME, stream, volume));
        var level = 0u;
        wave.Wod(WODM_GETVOLUME, stream, (nuint)(&level));
        Assert.Equal(volume, level);
        Write(stream, Buffer(data));
        wave.Log.WaitFor(before + 2);
        wave.Wod(WODM_CLOSE, stream);
        var file = File.ReadAllBytes(wave.OutputFiles()[^1]);
        return file[(file.Length - data.Length - (data.Length % 2))..(file.Length - (data.Length % 2))];
    }

    private static WaveFileDriverHarness RecorderOf(WAVEFORMATEX format, byte[] data, string pace = "pace=fast") =>
        new(pace, WavFileBytes.Of(format, data));
}
