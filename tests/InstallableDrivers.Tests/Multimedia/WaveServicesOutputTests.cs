using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// waveOut through <see cref="WaveServices"/> over the WAV-file driver: the file it writes compared byte for byte with
/// one built by the test, the callbacks and header flags at every step, and the documented result codes.
/// </summary>
public sealed unsafe class WaveServicesOutputTests : IDisposable
{
    private static readonly WAVEFORMATEX Cd = WavFileBytes.Pcm(44100, 16, 2);
    private readonly WaveServicesHarness harness = new();
    private readonly List<WaveBuffer> buffers = [];
    private readonly string output;

    public WaveServicesOutputTests() => output = harness.AddWaveFile();

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    [Fact]
    public void Buffers_written_through_the_services_land_in_the_file_bit_exact_with_WOM_DONE_each_in_write_order()
    {
        var samples = Enumerable.Range(0, 3).Select(i => Samples(100 + i, seed: i)).ToArray();
        var handle = Open();

        var headers = samples.Select(Buffer).ToArray();
        foreach (var buffer in headers)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(WHDR_PREPARED, buffer.Flags);
        }

        foreach (var buffer in headers)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        var callbacks = harness.Log.WaitFor(1 + headers.Length);
        foreach (var buffer in headers)
        {
            Assert.Equal(WHDR_PREPARED | WHDR_DONE, buffer.Flags);
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(WHDR_DONE, buffer.Flags);
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        callbacks = harness.Log.Snapshot();
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], callbacks.Select(c => c.Message));
        Assert.All(callbacks, c => Assert.Equal(handle, c.Device));
        Assert.Equal(headers.Select(b => b.Address), callbacks.Where(c => c.Message == WOM_DONE).Select(c => c.Param1));
        Assert.All(callbacks.Where(c => c.Message == WOM_DONE), c => Assert.Equal(WHDR_PREPARED | WHDR_DONE, c.FlagsThen));

        var file = Assert.Single(Directory.GetFiles(output));
        Assert.Equal(WavFileBytes.Of(Cd, [.. samples.SelectMany(s => s)]), File.ReadAllBytes(file));
    }

    [Fact]
    public void Write_of_an_unprepared_header_is_WAVERR_UNPREPARED_and_the_driver_never_sees_it()
    {
        var handle = Open();
        var buffer = Buffer(Samples(10));

        Assert.Equal(WAVERR_UNPREPARED, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));

        Assert.Equal(0u, buffer.Flags);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Assert.Equal([WOM_OPEN, WOM_CLOSE], harness.Log.Snapshot().Select(c => c.Message));
    }

    [Fact]
    public void Close_and_unprepare_while_a_buffer_is_queued_are_WAVERR_STILLPLAYING_and_reset_returns_it_done()
    {
        var handle = Open();
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPause(handle));
        var buffer = Prepared(handle, Samples(50));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, buffer.Flags);

        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveOutClose(handle));
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, buffer.Flags);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(handle));

        // Reset returns only after the buffer's WOM_DONE was delivered.
        Assert.Equal([WOM_OPEN, WOM_DONE], harness.Log.Snapshot().Select(c => c.Message));
        Assert.Equal(WHDR_PREPARED | WHDR_DONE, buffer.Flags);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void A_closed_handle_and_a_made_up_one_are_MMSYSERR_INVALHANDLE_everywhere()
    {
        var closed = Open();
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(closed));
        var buffer = Buffer(Samples(4));
        MMTIME time = default;
        uint value;
        foreach (var handle in new[] { closed, 0, 12345678 })
        {
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutPause(handle));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutRestart(handle));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutReset(handle));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutBreakLoop(handle));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutGetID(handle, &value));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutClose(handle));
            if (handle != 0)
            {
                // 0 is a device id for the functions that take one.
                Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutGetVolume(handle, &value));
                Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutSetVolume(handle, 0));
                Assert.Equal((nint)MMSYSERR_INVALHANDLE, Wave.waveOutMessage(handle, DRV_RESERVED + 1, 0, 0));
            }
        }

        Assert.Equal(0u, buffer.Flags);
    }

    [Fact]
    public void A_closed_handle_stays_invalid_after_its_slot_is_reused_by_many_later_opens_and_neighbouring_values_are_refused()
    {
        var closed = Open();
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(closed));
        var buffer = Buffer(Samples(4));

        // Handles are a slot and a generation: closing and opening again reuses the slot under a new generation.
        var later = new List<nint>();
        for (var i = 0; i < 300; i++)
        {
            var handle = Open();
            later.Add(handle);
            Assert.True(handle > 0xFFFF, $"handle {handle:X} is not above every device id");
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutWrite(closed, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        }

        Assert.Contains(later, h => (h & 0xFFFF) == (closed & 0xFFFF));
        Assert.Equal(later.Count, later.Distinct().Count());
        Assert.DoesNotContain(closed, later);

        // A live stream: values one generation either side of it, or in the slots beside it, name nothing.
        var live = Open();
        foreach (var forged in new[] { live + 0x10000, live - 0x10000, live + 1, live - 1, live & 0xFFFF, live | unchecked((nint)0x8000_0000_0000_0000) })
        {
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutWrite(forged, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutReset(forged));
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(live));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(live));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutWrite(live, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.All(later, h => Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutClose(h)));
    }

    [Fact]
    public void Missing_or_short_structures_are_MMSYSERR_INVALPARAM()
    {
        var handle = Open();
        var buffer = Buffer(Samples(4));
        MMTIME time = default;

        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutPrepareHeader(handle, null, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR) - 1));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutWrite(handle, null, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutUnprepareHeader(handle, buffer.Header, 0));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutGetPosition(handle, null, (uint)sizeof(MMTIME)));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutGetPosition(handle, &time, 4));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutGetID(handle, null));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutGetVolume(handle, null));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutGetDevCaps(0, null, (uint)sizeof(WAVEOUTCAPSW)));
        var format = Cd;
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutOpen(null, 0, &format, 0, 0, CALLBACK_NULL));
        nint other;
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutOpen(&other, 0, null, 0, 0, CALLBACK_NULL));
        Assert.Equal(0u, buffer.Flags);
    }

    [Fact]
    public void Devices_count_and_capabilities_come_from_the_driver_and_a_bad_id_is_MMSYSERR_BADDEVICEID()
    {
        Assert.Equal(1u, Wave.waveOutGetNumDevs());
        Assert.Equal(0u, Wave.waveInGetNumDevs()); // the WAV-file driver has an input device only with in=FILE

        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps(0, &caps, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal("WAV file out", caps.ProductName);
        WAVEOUTCAPSA narrow;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCapsA(0, &narrow, (uint)sizeof(WAVEOUTCAPSA)));
        Assert.Equal("WAV file out", narrow.ProductName);
        Assert.Equal(caps.dwFormats, narrow.dwFormats);
        Assert.Equal(caps.dwSupport, narrow.dwSupport);

        Assert.Equal(MMSYSERR_BADDEVICEID, Wave.waveOutGetDevCaps(1, &caps, (uint)sizeof(WAVEOUTCAPSW)));
        var format = Cd;
        nint handle;
        Assert.Equal(MMSYSERR_BADDEVICEID, Wave.waveOutOpen(&handle, 1, &format, 0, 0, CALLBACK_NULL));
    }

    [Fact]
    public void Capabilities_are_cut_to_the_size_given()
    {
        var bytes = new byte[sizeof(WAVEOUTCAPSW)];
        Array.Fill(bytes, (byte)0xCC);
        fixed (byte* caps = bytes)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps(0, (WAVEOUTCAPSW*)caps, 6));
        }

        Assert.Equal(0xFFFF, BitConverter.ToUInt16(bytes, 0));
        Assert.All(bytes[6..], b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void WAVE_FORMAT_QUERY_answers_without_opening_anything()
    {
        var good = Cd;
        var bad = WavFileBytes.Pcm(44100, 12, 2);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(null, 0, &good, 0, 0, WaveOpenFlags.WAVE_FORMAT_QUERY));
        Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(null, 0, &bad, 0, 0, WaveOpenFlags.WAVE_FORMAT_QUERY));
        nint handle;
        Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(&handle, 0, &bad, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));

        Assert.Empty(Directory.GetFiles(output));
        Assert.Empty(harness.Log.Snapshot());
    }

    [Fact]
    public void A_loop_plays_dwLoops_times_and_its_buffers_come_back_together_after_the_last_pass()
    {
        var loopStart = Samples(20, seed: 1);
        var loopEnd = Samples(10, seed: 2);
        var after = Samples(5, seed: 3);
        var handle = Open();
        var first = Prepared(handle, loopStart);
        first.Header->dwFlags |= WHDR_BEGINLOOP;
        first.Header->dwLoops = 3;
        var last = Prepared(handle, loopEnd);
        last.Header->dwFlags |= WHDR_ENDLOOP;
        var tail = Prepared(handle, after);
        foreach (var buffer in new[] { first, last, tail })
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        var done = harness.Log.WaitFor(4).Skip(1).ToArray();
        Assert.Equal([first.Address, last.Address, tail.Address], done.Select(c => c.Param1));
        Assert.Equal(WHDR_PREPARED | WHDR_BEGINLOOP | WHDR_DONE, first.Flags);
        Assert.Equal(WHDR_PREPARED | WHDR_ENDLOOP | WHDR_DONE, last.Flags);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        byte[] loop = [.. loopStart, .. loopEnd];
        Assert.Equal(WavFileBytes.Of(Cd, [.. loop, .. loop, .. loop, .. after]), File.ReadAllBytes(Assert.Single(Directory.GetFiles(output))));
    }

    [Fact]
    public void waveOutBreakLoop_ends_a_loop_after_the_pass_playing()
    {
        using var realtime = new WaveServicesHarness();
        var folder = realtime.AddWaveFile("pace=realtime");
        var wave = realtime.Services;
        var handle = Open(wave, realtime.Log);
        var loop = Buffer(Samples(441, seed: 4)); // 10 ms
        loop.Header->dwFlags = WHDR_BEGINLOOP | WHDR_ENDLOOP;
        loop.Header->dwLoops = 100_000;
        var tail = Buffer(Samples(44, seed: 5));
        foreach (var buffer in new[] { loop, tail })
        {
            Assert.Equal(MMSYSERR_NOERROR, wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_NOERROR, wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        var passLength = loop.Header->dwBufferLength;
        Assert.True(SpinWait.SpinUntil(() => BytesPlayed(wave, handle) > 3 * passLength, TimeSpan.FromSeconds(10)));
        Assert.Equal(MMSYSERR_NOERROR, wave.waveOutBreakLoop(handle));

        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE], realtime.Log.WaitFor(3).Select(c => c.Message));
        Assert.Equal(MMSYSERR_NOERROR, wave.waveOutClose(handle));
        var played = File.ReadAllBytes(Assert.Single(Directory.GetFiles(folder)))[44..];
        var pass = new ReadOnlySpan<byte>((void*)loop.Header->lpData, (int)loop.Header->dwBufferLength).ToArray();
        var passes = (played.Length - (int)tail.Header->dwBufferLength) / pass.Length;
        Assert.InRange(passes, 4, 1000);
        Assert.Equal([.. Enumerable.Repeat(pass, passes).SelectMany(p => p), .. Samples(44, seed: 5)], played);
    }

    [Fact]
    public void Position_and_volume_work_through_the_handle()
    {
        var handle = Open();
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutSetVolume(handle, 0x8000_4000));
        uint volume;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetVolume(handle, &volume));
        Assert.Equal(0x8000_4000u, volume);
        var buffer = Prepared(handle, Samples(100));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        harness.Log.WaitFor(2);
        var time = new MMTIME { wType = TimeFormats.TIME_SAMPLES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal((TimeFormats.TIME_SAMPLES, 100u), (time.wType, time.sample));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    private nint Open() => Open(Wave, harness.Log);

    private static nint Open(WaveServices wave, WaveCallbackLog log)
    {
        var format = Cd;
        nint handle = 0;
        Assert.Equal(MMSYSERR_NOERROR, wave.waveOutOpen(&handle, 0, &format, WaveCallbackLog.Function, log.Instance, CALLBACK_FUNCTION));
        Assert.NotEqual(0, handle);
        return handle;
    }

    private static uint BytesPlayed(WaveServices wave, nint handle)
    {
        var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        return time.cb;
    }

    private WaveBuffer Buffer(byte[] samples)
    {
        var buffer = new WaveBuffer(samples, flags: 0);
        buffers.Add(buffer);
        return buffer;
    }

    private WaveBuffer Prepared(nint handle, byte[] samples)
    {
        var buffer = Buffer(samples);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        return buffer;
    }

    /// <summary>Stereo 16-bit frames of a deterministic pattern.</summary>
    private static byte[] Samples(int frames, int seed = 0) =>
        WaveFormats.Pcm16Bytes([.. Enumerable.Range(0, frames * 2).Select(i => (short)((i * 977) + (seed * 31) - 20000))]);
}
