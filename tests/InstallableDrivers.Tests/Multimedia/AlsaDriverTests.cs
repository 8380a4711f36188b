using System.Buffers.Binary;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.TimeFormats;
using static InstallableDrivers.Multimedia.Interop.WaveCapsFormats;
using static InstallableDrivers.Multimedia.Interop.WaveCapsSupport;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;
using static InstallableDrivers.Multimedia.Interop.WaveOpenFlags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The ALSA wave driver (drivers/wave/alsa.c) plays into and records from real ALSA devices made of ALSA's file and null
/// plugins (<see cref="AlsaTestDevice"/>): what arrives in the file is what ALSA was given.
/// </summary>
[Collection(AlsaTestDevice.Users)]
public sealed unsafe class AlsaDriverTests : IDisposable
{
    private static readonly string DriverFile = Path.Combine(TestDrivers.Directory, "alsa.so");
    private readonly WaveCallbackLog log = new();
    private readonly WaveDriverEntryPoints driver;
    private readonly List<WaveBuffer> buffersToFree = [];

    public AlsaDriverTests()
    {
        File.Delete(AlsaTestDevice.PlayedFile);
        driver = new WaveDriverEntryPoints(DriverFile, $"device={AlsaTestDevice.Playback} capture={AlsaTestDevice.Capture}");
    }

    public void Dispose()
    {
        driver.Dispose();
        log.Dispose();
        buffersToFree.ForEach(b => b.Dispose());
    }

    [NotOnWindowsFact]
    public void Played_buffers_reach_ALSA_bit_exact_in_order_with_one_WOM_DONE_each_in_every_sample_format()
    {
        WAVEFORMATEX[] formats =
        [
            WavFileBytes.Pcm(11025, 8, 1), WavFileBytes.Pcm(44100, 16, 2), WavFileBytes.Pcm(48000, 24, 2),
            WavFileBytes.Pcm(48000, 32, 1), WavFileBytes.Float(44100, 2),
        ];
        foreach (var format in formats)
        {
            File.Delete(AlsaTestDevice.PlayedFile);
            // Sizes that are not a multiple of the chunk the driver moves at once, and one shorter than a chunk.
            byte[][] data = [Noise(format.nBlockAlign * 3001, 1), Noise(format.nBlockAlign * 17, 2), Noise(format.nBlockAlign * 5000, 3)];
            using var callbacks = new WaveCallbackLog();
            var buffers = Buffers(data);

            var stream = OpenOut(format, callbacks);
            foreach (var i in Enumerable.Range(0, data.Length))
            {
                Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_WRITE, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR)));
            }

            WaitFor(callbacks, WOM_DONE, data.Length);
            Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));

            Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], callbacks.Snapshot().Select(c => c.Message));
            Assert.Equal(Addresses(buffers), Headers(callbacks, WOM_DONE));
            Assert.All(callbacks.Snapshot().Where(c => c.Message == WOM_DONE), c => Assert.Equal(WHDR_DONE | WHDR_PREPARED, c.FlagsThen));
            Assert.Equal(data.SelectMany(d => d).ToArray(), File.ReadAllBytes(AlsaTestDevice.PlayedFile));
        }
    }

    [NotOnWindowsFact]
    public void The_position_counts_what_was_played_in_bytes_samples_or_milliseconds_and_reset_zeroes_it()
    {
        var format = WavFileBytes.Pcm(44100, 16, 2);
        var buffers = Buffers(Noise(44100 * 4, 1));
        var stream = OpenOut(format, log);
        driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        WaitFor(log, WOM_DONE, 1);

        // The null device has nothing to play out: the position reaches what was written.
        Assert.True(SpinWait.SpinUntil(() => Position(stream, TIME_BYTES) == (TIME_BYTES, 44100u * 4), TimeSpan.FromSeconds(5)));
        Assert.Equal((TIME_SAMPLES, 44100u), Position(stream, TIME_SAMPLES));
        Assert.Equal((TIME_MS, 1000u), Position(stream, TIME_MS));
        Assert.Equal((TIME_BYTES, 44100u * 4), Position(stream, TIME_SMPTE)); // a type the driver does not keep: answered in bytes

        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_RESET, stream));
        Assert.Equal((TIME_BYTES, 0u), Position(stream, TIME_BYTES));
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));
    }

    [NotOnWindowsFact]
    public void Paused_buffers_stay_queued_close_is_refused_and_reset_returns_them_all_done_in_order()
    {
        byte[][] data = [Noise(4000, 1), Noise(4000, 2), Noise(4000, 3)];
        var buffers = Buffers(data);
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_PAUSE, stream));
        foreach (var i in Enumerable.Range(0, data.Length))
        {
            Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_WRITE, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR)));
        }

        Thread.Sleep(200);
        Assert.Empty(Headers(log, WOM_DONE));
        Assert.All(Enumerable.Range(0, data.Length), i => Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, buffers[i].Header->dwFlags));
        Assert.Equal(WAVERR_STILLPLAYING, driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR)));
        Assert.Equal(WAVERR_STILLPLAYING, driver.Out(WODM_CLOSE, stream));

        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_RESET, stream));
        // Reset answers after the buffers are back: done, out of the queue, announced in the order they were written.
        Assert.All(Enumerable.Range(0, data.Length), i => Assert.Equal(WHDR_PREPARED | WHDR_DONE, buffers[i].Header->dwFlags));
        Assert.Equal(Addresses(buffers), Headers(log, WOM_DONE));

        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));
        Assert.Equal(WOM_CLOSE, log.Snapshot()[^1].Message);
        Assert.Empty(File.Exists(AlsaTestDevice.PlayedFile) ? File.ReadAllBytes(AlsaTestDevice.PlayedFile) : []);
    }

    [NotOnWindowsFact]
    public void Restart_plays_what_was_written_while_paused()
    {
        byte[][] data = [Noise(8000, 1), Noise(8000, 2)];
        var buffers = Buffers(data);
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        driver.Out(WODM_PAUSE, stream);
        driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        driver.Out(WODM_WRITE, stream, buffers[1].Address, (nuint)sizeof(WAVEHDR));
        Thread.Sleep(100);
        Assert.Empty(Headers(log, WOM_DONE));

        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_RESTART, stream));
        WaitFor(log, WOM_DONE, 2);
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));
        Assert.Equal(Addresses(buffers), Headers(log, WOM_DONE));
        Assert.Equal(data.SelectMany(d => d).ToArray(), File.ReadAllBytes(AlsaTestDevice.PlayedFile));
    }

    [NotOnWindowsFact]
    public void A_loop_plays_dwLoops_times_and_its_buffers_come_back_when_it_ends()
    {
        byte[][] data = [Noise(4000, 1), Noise(2000, 2), Noise(3000, 3)];
        var buffers = Buffers(data);
        buffers[0].Header->dwFlags |= WHDR_BEGINLOOP;
        buffers[0].Header->dwLoops = 3;
        buffers[1].Header->dwFlags |= WHDR_ENDLOOP;
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        driver.Out(WODM_PAUSE, stream);
        foreach (var i in Enumerable.Range(0, data.Length))
        {
            driver.Out(WODM_WRITE, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR));
        }

        driver.Out(WODM_RESTART, stream);
        WaitFor(log, WOM_DONE, 3);
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));

        Assert.Equal(Addresses(buffers), Headers(log, WOM_DONE));
        Assert.Equal(new[] { data[0], data[1], data[0], data[1], data[0], data[1], data[2] }.SelectMany(d => d).ToArray(),
            File.ReadAllBytes(AlsaTestDevice.PlayedFile));
    }

    [NotOnWindowsFact]
    public void Breakloop_ends_an_endless_loop_after_a_whole_pass_and_playback_goes_on()
    {
        byte[][] data = [Noise(400, 1), Noise(1000, 2)];
        var buffers = Buffers(data);
        buffers[0].Header->dwFlags |= WHDR_BEGINLOOP | WHDR_ENDLOOP;
        buffers[0].Header->dwLoops = uint.MaxValue;
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        driver.Out(WODM_WRITE, stream, buffers[1].Address, (nuint)sizeof(WAVEHDR));
        Assert.True(SpinWait.SpinUntil(() => Position(stream, TIME_BYTES).Value >= 3 * 400, TimeSpan.FromSeconds(5)));
        Assert.Empty(Headers(log, WOM_DONE));

        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_BREAKLOOP, stream));
        WaitFor(log, WOM_DONE, 2);
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));

        Assert.Equal(Addresses(buffers), Headers(log, WOM_DONE));
        var played = File.ReadAllBytes(AlsaTestDevice.PlayedFile);
        var passes = (played.Length - data[1].Length) / data[0].Length;
        Assert.True(passes >= 3, $"{passes} passes");
        Assert.Equal(Enumerable.Repeat(data[0], passes).Append(data[1]).SelectMany(d => d).ToArray(), played);
    }

    [NotOnWindowsFact]
    public void A_callback_may_write_the_next_buffer_from_inside_WOM_DONE()
    {
        var data = Noise(4000, 9);
        var buffers = Buffers(data);
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        var rewrites = 0;
        var results = new List<MMRESULT>();
        log.OnCallback = c =>
        {
            if (c.Message == WOM_DONE && ++rewrites <= 20)
            {
                results.Add(driver.Out(WODM_WRITE, stream, c.Param1, (nuint)sizeof(WAVEHDR)));
            }
        };
        driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        WaitFor(log, WOM_DONE, 21);
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));
        Assert.Equal(Enumerable.Repeat(MMSYSERR_NOERROR, 20), results);

        Assert.Equal(Enumerable.Repeat(data, 21).SelectMany(d => d).ToArray(), File.ReadAllBytes(AlsaTestDevice.PlayedFile));
    }

    [NotOnWindowsFact]
    public void A_callback_may_reset_its_stream_but_closing_it_from_there_is_refused()
    {
        byte[][] data = [Noise(4000, 1), Noise(40000, 2), Noise(40000, 3)];
        var buffers = Buffers(data);
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        var results = new List<MMRESULT>();
        log.OnCallback = c =>
        {
            if (c.Message == WOM_DONE && c.Param1 == buffers[0].Address)
            {
                results.Add(driver.Out(WODM_RESET, stream));
                results.Add(driver.Out(WODM_CLOSE, stream)); // it would wait for the thread making this very call
            }
        };
        foreach (var i in Enumerable.Range(0, data.Length))
        {
            driver.Out(WODM_WRITE, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR));
        }

        WaitFor(log, WOM_DONE, 3);
        Assert.Equal([MMSYSERR_NOERROR, MMSYSERR_HANDLEBUSY], results);
        Assert.Equal(Addresses(buffers), Headers(log, WOM_DONE));
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));
        Assert.Equal(WOM_CLOSE, log.Snapshot()[^1].Message);
    }

    [NotOnWindowsFact]
    public void Streams_play_at_once_while_resets_race_their_callbacks_and_every_buffer_comes_back_once_in_order()
    {
        using var nullDriver = new WaveDriverEntryPoints(TestDrivers.CopyToTemporaryDirectory("alsa"), $"device={AlsaTestDevice.Null}");
        const int Streams = 3, Rounds = 30, BuffersPerRound = 8;
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, Streams).Select(n => new Thread(() =>
        {
            try
            {
                PlayAndReset(nullDriver, n, Rounds, BuffersPerRound);
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(60)), "a stream deadlocked"));
        Assert.Empty(failures);
    }

    private void PlayAndReset(WaveDriverEntryPoints device, int seed, int rounds, int buffersPerRound)
    {
        var random = new Random(seed);
        using var callbacks = new WaveCallbackLog();
        var buffers = Buffers([.. Enumerable.Range(0, buffersPerRound).Select(i => Noise(441 * 4, i))]);
        var format = WavFileBytes.Pcm(44100, 16, 2);
        WAVEOPENDESC desc = new() { lpFormat = (nint)(&format), dwCallback = WaveCallbackLog.Function, dwInstance = callbacks.Instance };
        nuint stream = 0;
        Assert.Equal(MMSYSERR_NOERROR, device.Out(WODM_OPEN, (nuint)(&stream), (nuint)(&desc), CALLBACK_FUNCTION));
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var i in Enumerable.Range(0, buffersPerRound))
            {
                Assert.Equal(MMSYSERR_NOERROR, device.Out(WODM_WRITE, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR)));
            }

            Thread.Sleep(random.Next(3));
            Assert.Equal(MMSYSERR_NOERROR, device.Out(WODM_RESET, stream));
            // When reset answers, every buffer is back and announced, whether the driver's thread or reset returned it.
            Assert.Equal(Enumerable.Repeat(Addresses(buffers), round).SelectMany(a => a), Headers(callbacks, WOM_DONE));
            Assert.All(Enumerable.Range(0, buffersPerRound), i => Assert.Equal(WHDR_DONE | WHDR_PREPARED, buffers[i].Header->dwFlags));
        }

        Assert.Equal(MMSYSERR_NOERROR, device.Out(WODM_CLOSE, stream));
        Assert.Equal(WOM_CLOSE, callbacks.Snapshot()[^1].Message);
    }

    [NotOnWindowsFact]
    public void The_volume_scales_each_channel_of_the_samples_ALSA_receives()
    {
        var samples = Noise(4 * 10000, 7);
        var buffers = Buffers(samples);
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        uint volume;
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_GETVOLUME, stream, (nuint)(&volume)));
        Assert.Equal(0xFFFFFFFFu, volume);

        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_SETVOLUME, stream, 0x8000_4000)); // right half, left a quarter
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_GETVOLUME, stream, (nuint)(&volume)));
        Assert.Equal(0x8000_4000u, volume);
        driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        WaitFor(log, WOM_DONE, 1);
        driver.Out(WODM_CLOSE, stream);

        var played = File.ReadAllBytes(AlsaTestDevice.PlayedFile);
        Assert.Equal(samples.Length, played.Length);
        for (var i = 0; i < samples.Length; i += 2)
        {
            var gain = i / 2 % 2 == 0 ? 0x4000 / 65535.0 : 0x8000 / 65535.0;
            var expected = BinaryPrimitives.ReadInt16LittleEndian(samples.AsSpan(i)) * gain;
            Assert.InRange(BinaryPrimitives.ReadInt16LittleEndian(played.AsSpan(i)), expected - 1, expected + 1);
        }

        // The application's buffer is left as it was.
        Assert.Equal(samples, new ReadOnlySpan<byte>((void*)buffers[0].Header->lpData, samples.Length).ToArray());
    }

    [NotOnWindowsFact]
    public void Recorded_buffers_hold_what_ALSA_captured_in_order_with_one_WIM_DATA_each()
    {
        var source = Noise(3 * 8000 + 1234, 5);
        File.WriteAllBytes(AlsaTestDevice.RecordedSource, source);
        var buffers = EmptyBuffers(8000, 8000, 8000);
        var stream = OpenIn(WavFileBytes.Pcm(44100, 16, 2));
        foreach (var i in Enumerable.Range(0, 3))
        {
            Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_ADDBUFFER, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR)));
        }

        Thread.Sleep(100);
        Assert.Empty(Headers(log, WIM_DATA)); // nothing is recorded before WIDM_START
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_START, stream));
        WaitFor(log, WIM_DATA, 3);
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_STOP, stream));

        Assert.Equal(Addresses(buffers), Headers(log, WIM_DATA));
        Assert.All(log.Snapshot().Where(c => c.Message == WIM_DATA), c => Assert.Equal((WHDR_DONE | WHDR_PREPARED, 8000u), (c.FlagsThen, c.BytesRecordedThen)));
        Assert.Equal(source[..24000], Enumerable.Range(0, 3).SelectMany(i => buffers[i].Recorded).ToArray());
        Assert.Equal((TIME_BYTES, 24000u), Position(stream, TIME_BYTES, WIDM_GETPOS));
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_CLOSE, stream));
        Assert.Equal([WIM_OPEN, WIM_DATA, WIM_DATA, WIM_DATA, WIM_CLOSE], log.Snapshot().Select(c => c.Message));
    }

    [NotOnWindowsFact]
    public void Stop_returns_the_buffer_being_filled_with_what_it_holds_and_keeps_the_empty_ones()
    {
        var source = Noise(1 << 20, 6);
        File.WriteAllBytes(AlsaTestDevice.RecordedSource, source);
        // The null device records as fast as it is read: a buffer this large is still filling when stop comes.
        var buffers = EmptyBuffers(256 << 20, 4000);
        var stream = OpenIn(WavFileBytes.Pcm(44100, 16, 2));
        driver.In(WIDM_ADDBUFFER, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        driver.In(WIDM_ADDBUFFER, stream, buffers[1].Address, (nuint)sizeof(WAVEHDR));
        driver.In(WIDM_START, stream);
        Assert.True(SpinWait.SpinUntil(() => Position(stream, TIME_BYTES, WIDM_GETPOS).Value > 0, TimeSpan.FromSeconds(5)));
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_STOP, stream));

        Assert.Equal([buffers[0].Address], Headers(log, WIM_DATA));
        var recorded = buffers[0].Recorded;
        Assert.InRange(recorded.Length, 1, (256 << 20) - 1);
        Assert.Equal(source.AsSpan(0, Math.Min(recorded.Length, source.Length)).ToArray(), recorded[..Math.Min(recorded.Length, source.Length)]);
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, buffers[1].Header->dwFlags);

        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_RESET, stream));
        Assert.Equal(Addresses(buffers), Headers(log, WIM_DATA));
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_CLOSE, stream));
    }

    [NotOnWindowsFact]
    public void Recording_buffers_stay_queued_until_reset_returns_them_empty_in_order()
    {
        File.WriteAllBytes(AlsaTestDevice.RecordedSource, Noise(1000, 5));
        var buffers = EmptyBuffers(4000, 4000);
        var stream = OpenIn(WavFileBytes.Pcm(44100, 16, 2));
        driver.In(WIDM_ADDBUFFER, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR));
        driver.In(WIDM_ADDBUFFER, stream, buffers[1].Address, (nuint)sizeof(WAVEHDR));
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_STOP, stream)); // not started: nothing to stop, nothing returned
        Assert.Equal(WAVERR_STILLPLAYING, driver.In(WIDM_CLOSE, stream));
        Assert.Empty(Headers(log, WIM_DATA));

        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_RESET, stream));
        Assert.Equal(Addresses(buffers), Headers(log, WIM_DATA));
        Assert.All(log.Snapshot().Where(c => c.Message == WIM_DATA), c => Assert.Equal((WHDR_DONE | WHDR_PREPARED, 0u), (c.FlagsThen, c.BytesRecordedThen)));
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_CLOSE, stream));
    }

    [NotOnWindowsFact]
    public void Buffers_must_be_prepared_and_preparing_is_left_to_the_service()
    {
        var buffers = Buffers(Noise(4000, 1));
        buffers[0].Header->dwFlags = 0;
        var stream = OpenOut(WavFileBytes.Pcm(44100, 16, 2), log);
        Assert.Equal(MMSYSERR_NOTSUPPORTED, driver.Out(WODM_PREPARE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR)));
        Assert.Equal(WAVERR_UNPREPARED, driver.Out(WODM_WRITE, stream, buffers[0].Address, (nuint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_CLOSE, stream));
    }

    [NotOnWindowsFact]
    public void A_format_query_asks_ALSA_and_opens_nothing_and_unplayable_formats_are_refused()
    {
        var good = WavFileBytes.Pcm(44100, 16, 2);
        Assert.Equal((MMSYSERR_NOERROR, (nuint)0), Open(WODM_OPEN, good, WAVE_FORMAT_QUERY));
        Assert.Equal((MMSYSERR_NOERROR, (nuint)0), Open(WIDM_OPEN, good, WAVE_FORMAT_QUERY));
        var adpcm = good with { wFormatTag = 2 };
        var twelveBits = WavFileBytes.Pcm(44100, 12, 2);
        var badBlockAlign = good with { nBlockAlign = 3 };
        foreach (var format in new[] { adpcm, twelveBits, badBlockAlign })
        {
            Assert.Equal((WAVERR_BADFORMAT, (nuint)0), Open(WODM_OPEN, format, WAVE_FORMAT_QUERY | CALLBACK_FUNCTION));
            Assert.Equal((WAVERR_BADFORMAT, (nuint)0), Open(WODM_OPEN, format, CALLBACK_FUNCTION));
        }

        Assert.Empty(log.Snapshot());
    }

    [NotOnWindowsFact]
    public void The_capabilities_name_the_ALSA_device_and_list_what_it_accepts()
    {
        Assert.Equal(1u, (uint)driver.Out(WODM_GETNUMDEVS));
        Assert.Equal(1u, (uint)driver.In(WIDM_GETNUMDEVS));
        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_GETDEVCAPS, 0, (nuint)(&caps), (nuint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal($"ALSA {AlsaTestDevice.Playback}", caps.ProductName);
        Assert.NotEqual(0u, caps.dwFormats & WAVE_FORMAT_4S16);
        Assert.Equal(WAVECAPS_VOLUME | WAVECAPS_LRVOLUME, caps.dwSupport);
        WAVEINCAPSW inCaps;
        Assert.Equal(MMSYSERR_NOERROR, driver.In(WIDM_GETDEVCAPS, 0, (nuint)(&inCaps), (nuint)sizeof(WAVEINCAPSW)));
        Assert.Equal($"ALSA {AlsaTestDevice.Capture}", inCaps.ProductName);
    }

    [NotOnWindowsFact]
    public void A_missing_ALSA_device_is_listed_but_does_not_open()
    {
        // A copy of the driver file: the configuration belongs to a loaded driver file, and the tests' one is configured.
        using var missing = new WaveDriverEntryPoints(TestDrivers.CopyToTemporaryDirectory("alsa"), "device=idrvtest_no_such_device");
        var format = WavFileBytes.Pcm(44100, 16, 2);
        Assert.Equal(1u, (uint)missing.Out(WODM_GETNUMDEVS));
        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, missing.Out(WODM_GETDEVCAPS, 0, (nuint)(&caps), (nuint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal(0u, caps.dwFormats);
        WAVEOPENDESC desc = new() { lpFormat = (nint)(&format), dwCallback = WaveCallbackLog.Function, dwInstance = log.Instance };
        nuint stream = 0;
        Assert.Equal(MMSYSERR_NODRIVER, missing.Out(WODM_OPEN, (nuint)(&stream), (nuint)(&desc), CALLBACK_FUNCTION));
        Assert.Equal(MMSYSERR_NODRIVER, missing.In(WIDM_OPEN, (nuint)(&stream), (nuint)(&desc), CALLBACK_FUNCTION));
        Assert.Equal(MMSYSERR_NODRIVER, missing.Out(WODM_OPEN, (nuint)(&stream), (nuint)(&desc), WAVE_FORMAT_QUERY));
        Assert.Equal((nuint)0, stream);
        Assert.Empty(log.Snapshot());
    }

    /// <summary>Prepared buffers holding copies of the data, freed when the test ends.</summary>
    private WaveBuffer[] Buffers(params byte[][] contents) => Keep([.. contents.Select(c => new WaveBuffer(c))]);

    /// <summary>Prepared empty buffers to record into, freed when the test ends.</summary>
    private WaveBuffer[] EmptyBuffers(params int[] lengths) => Keep([.. lengths.Select(l => new WaveBuffer(l))]);

    private WaveBuffer[] Keep(WaveBuffer[] buffers)
    {
        lock (buffersToFree)
        {
            buffersToFree.AddRange(buffers);
        }

        return buffers;
    }

    private static nuint[] Addresses(WaveBuffer[] buffers) => [.. buffers.Select(b => b.Address)];

    /// <summary>The headers the callbacks of one message carried, in order.</summary>
    private static nuint[] Headers(WaveCallbackLog callbacks, uint message) =>
        [.. callbacks.Snapshot().Where(c => c.Message == message).Select(c => c.Param1)];

    /// <summary>Waits until at least count callbacks of one message have arrived (ten seconds for each callback).</summary>
    private static void WaitFor(WaveCallbackLog callbacks, uint message, int count)
    {
        for (var seen = callbacks.Snapshot(); seen.Count(c => c.Message == message) < count; seen = callbacks.Snapshot())
        {
            callbacks.WaitFor(seen.Count + 1);
        }
    }

    private nuint OpenOut(WAVEFORMATEX format, WaveCallbackLog callbacks)
    {
        WAVEOPENDESC desc = new() { lpFormat = (nint)(&format), dwCallback = WaveCallbackLog.Function, dwInstance = callbacks.Instance };
        nuint stream = 0;
        Assert.Equal(MMSYSERR_NOERROR, driver.Out(WODM_OPEN, (nuint)(&stream), (nuint)(&desc), CALLBACK_FUNCTION));
        Assert.NotEqual((nuint)0, stream);
        return stream;
    }

    private nuint OpenIn(WAVEFORMATEX format)
    {
        var (result, stream) = Open(WIDM_OPEN, format, CALLBACK_FUNCTION);
        Assert.Equal(MMSYSERR_NOERROR, result);
        return stream;
    }

    private (MMRESULT Result, nuint Stream) Open(uint message, WAVEFORMATEX format, uint flags)
    {
        WAVEOPENDESC desc = new() { lpFormat = (nint)(&format), dwCallback = WaveCallbackLog.Function, dwInstance = log.Instance };
        nuint stream = 0;
        var result = message == WIDM_OPEN
            ? driver.In(message, (nuint)(&stream), (nuint)(&desc), flags)
            : driver.Out(message, (nuint)(&stream), (nuint)(&desc), flags);
        return (result, stream);
    }

    private (uint Type, uint Value) Position(nuint stream, uint type, uint message = WODM_GETPOS)
    {
        MMTIME time = new() { wType = type };
        var result = message == WIDM_GETPOS
            ? driver.In(message, stream, (nuint)(&time), (nuint)sizeof(MMTIME))
            : driver.Out(message, stream, (nuint)(&time), (nuint)sizeof(MMTIME));
        Assert.Equal(MMSYSERR_NOERROR, result);
        return (time.wType, time.cb);
    }

    /// <summary>Reproducible bytes that differ from buffer to buffer, so a byte out of place shows.</summary>
    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
