using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;
using static InstallableDrivers.Multimedia.Interop.WaveOpenFlags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// How the services find devices (the registry's wave … wave9 drivers, numbered across drivers), what a driver is sent
/// for each function, and the wave mapper's choice, through the wave trace driver that records its calls.
/// </summary>
public sealed unsafe class WaveServicesDeviceTests : IDisposable
{
    private static readonly WAVEFORMATEX Pcm16 = WavFileBytes.Pcm(8000, 16, 2);
    private readonly WaveServicesHarness harness = new();

    private WaveServices Wave => harness.Services;

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Device_ids_run_across_the_drivers_in_registry_order_and_drivers_that_cannot_serve_are_skipped()
    {
        harness.AddDriver("wavetracedrv", "outputs=2 inputs=1 tag=A");          // wave
        harness.Registry.SetValue("Drivers32", "wave1", "no-such-driver.so");   // does not open
        harness.AddDriver("tracedrv");                                         // wave2: a driver without wodMessage/widMessage
        harness.AddDriver("wavetracedrv", "outputs=3 tag=B");                   // wave3
        harness.Registry.SetValue("Drivers32", "wavemapper", "no-such-driver.so"); // not a waveN name: never looked at

        Assert.Equal(5u, Wave.waveOutGetNumDevs());
        Assert.Equal(1u, Wave.waveInGetNumDevs());
        Assert.Equal(["Trace out A0", "Trace out A1", "Trace out B0", "Trace out B1", "Trace out B2"], Enumerable.Range(0, 5).Select(OutputName));
        WAVEINCAPSW input;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetDevCaps(0, &input, (uint)sizeof(WAVEINCAPSW)));
        Assert.Equal("Trace in A0", input.ProductName);

        // Each driver was initialised once per entry point and asked for its count.
        Assert.Equal([(0u, DRVM_INIT), (0u, WODM_GETNUMDEVS), (1u, DRVM_INIT), (1u, WIDM_GETNUMDEVS)],
            WaveTraceDriver.Calls(Wave, 0).Take(4).Select(c => (c.Entry, c.Message)));

        // Device 3 is the second device of the second driver.
        var handle = Open(3);
        var open = WaveTraceDriver.Calls(Wave, 2).Single(c => c.Message == WODM_OPEN);
        Assert.Equal(1u, open.Device);
        Assert.Equal((nuint)handle, open.Info); // WAVEOPENDESC.hWave is the application's handle
        uint id;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetID(handle, &id));
        Assert.Equal(3u, id);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void The_driver_gets_the_services_callback_and_its_stream_value_with_every_later_message()
    {
        harness.AddDriver("wavetracedrv");
        var handle = Open(0);
        using var buffer = new WaveBuffer(new byte[64], flags: 0);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.True(WaveTraceDriver.Finish(Wave, handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPause(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutRestart(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutBreakLoop(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        var calls = WaveTraceDriver.Calls(Wave, 0).SkipWhile(c => c.Message != WODM_OPEN).ToArray();
        Assert.Equal([WODM_OPEN, WODM_PREPARE, WODM_WRITE, WaveTraceDriver.FinishOne, WODM_PAUSE, WODM_RESTART, WODM_BREAKLOOP, WODM_CLOSE],
            calls.Select(c => c.Message));
        // The application asked for CALLBACK_FUNCTION to its log; the driver is given the services' own function.
        Assert.Equal(CALLBACK_FUNCTION, (uint)calls[0].Param2 & CALLBACK_TYPEMASK);
        var stream = calls[1].User;
        Assert.NotEqual(0u, stream);
        Assert.All(calls[1..], c => Assert.Equal(stream, c.User));
        Assert.Equal(buffer.Address, calls[2].Param1);
        Assert.Equal((nuint)sizeof(WAVEHDR), calls[2].Param2);
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_CLOSE], harness.Log.Snapshot().Select(c => c.Message));
    }

    [Fact]
    public void A_driver_that_does_not_prepare_has_its_headers_marked_by_the_services_and_one_that_does_is_asked()
    {
        harness.AddDriver("wavetracedrv", "tag=A");
        harness.AddDriver("wavetracedrv", "tag=B prepare");
        foreach (var device in new uint[] { 0, 1 })
        {
            var handle = Open(device);
            using var buffer = new WaveBuffer(new byte[8], flags: 0);
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(WaveHeaderFlags.WHDR_PREPARED, buffer.Flags);
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR))); // already prepared: nothing to do
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(0u, buffer.Flags);
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR))); // not prepared: nothing to do
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

            // Either way the driver was asked once for each.
            var calls = WaveTraceDriver.Calls(Wave, device);
            Assert.Equal(1, calls.Count(c => c.Message == WODM_PREPARE));
            Assert.Equal(1, calls.Count(c => c.Message == WODM_UNPREPARE));
        }
    }

    [Fact]
    public void Position_asked_in_a_type_the_driver_does_not_keep_comes_back_in_one_it_does_and_reset_zeroes_it()
    {
        harness.AddDriver("wavetracedrv");
        var handle = Open(0);
        using var buffer = new WaveBuffer(new byte[400], flags: 0);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.True(WaveTraceDriver.Finish(Wave, handle));

        var time = new MMTIME { wType = TimeFormats.TIME_SAMPLES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal((TimeFormats.TIME_SAMPLES, 100u), (time.wType, time.sample)); // 400 bytes of 4-byte frames
        time = new MMTIME { wType = TimeFormats.TIME_MS };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal((TimeFormats.TIME_BYTES, 400u), (time.wType, time.cb));

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(handle));
        time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal(0u, time.cb);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void Volume_goes_to_the_device_by_id_and_to_the_stream_by_handle()
    {
        harness.AddDriver("wavetracedrv", "outputs=2");
        var handle = Open(1);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutSetVolume(1, 0x1234_5678));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutSetVolume(handle, 0x0000_FFFF));
        uint device, stream;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetVolume(1, &device));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetVolume(handle, &stream));
        Assert.Equal((0x1234_5678u, 0x0000_FFFFu), (device, stream));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutSetVolume(2, 0)); // no device 2, and not a handle

        var sets = WaveTraceDriver.Calls(Wave, 0).Where(c => c.Message == WODM_SETVOLUME).ToArray();
        Assert.Equal(2, sets.Length);
        Assert.Equal((1u, (nuint)0), (sets[0].Device, sets[0].User));
        Assert.NotEqual((nuint)0, sets[1].User);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void waveOutMessage_passes_a_drivers_own_messages_and_refuses_the_standard_ones()
    {
        harness.AddDriver("wavetracedrv");
        var handle = Open(0);
        Assert.Equal(MMSYSERR_NOERROR, (MMRESULT)Wave.waveOutMessage(0, WaveTraceDriver.ClearLog, 0, 0));
        Assert.Equal((nint)MMSYSERR_INVALPARAM, Wave.waveOutMessage(handle, WODM_RESET, 0, 0));
        Assert.Equal((nint)MMSYSERR_INVALPARAM, Wave.waveOutMessage(0, DRVM_INIT, 0, 0));
        Assert.Empty(WaveTraceDriver.Calls(Wave, 0));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    [Fact]
    public void The_mapper_opens_the_preferred_device_named_in_the_registry_else_the_first_that_takes_the_format()
    {
        harness.AddWaveFile();                                      // device 0: takes 24-bit PCM
        harness.AddDriver("wavetracedrv", "outputs=2 tag=B");       // devices 1 and 2: 8 and 16 bits only
        var pcm16 = Pcm16;
        var pcm24 = WavFileBytes.Pcm(8000, 24, 2);
        var pcm12 = WavFileBytes.Pcm(8000, 12, 2);

        Assert.Equal(0u, MapperChoice(&pcm16));
        harness.Registry.SetValue(WaveServices.SoundMapperSection, "Playback", "Trace out B1");
        Assert.Equal(2u, MapperChoice(&pcm16));
        Assert.Equal(0u, MapperChoice(&pcm24)); // the preferred device refuses it: the first that takes it
        nint handle;
        Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(&handle, WAVE_MAPPER, &pcm12, 0, 0, CALLBACK_NULL));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(null, WAVE_MAPPER, &pcm16, 0, 0, WAVE_FORMAT_QUERY));
        Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(null, WAVE_MAPPER, &pcm12, 0, 0, WAVE_FORMAT_QUERY));

        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps(WAVE_MAPPER, &caps, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal("Trace out B1", caps.ProductName);
    }

    [Fact]
    public void The_mapper_with_no_device_is_MMSYSERR_BADDEVICEID()
    {
        var format = Pcm16;
        nint handle;
        Assert.Equal(0u, Wave.waveOutGetNumDevs());
        Assert.Equal(MMSYSERR_BADDEVICEID, Wave.waveOutOpen(&handle, WAVE_MAPPER, &format, 0, 0, CALLBACK_NULL));
    }

    [Fact]
    public void RefreshDevices_reads_the_registry_again_once_no_device_is_open()
    {
        harness.AddDriver("wavetracedrv", "outputs=1");
        Assert.Equal(1u, Wave.waveOutGetNumDevs());
        harness.AddDriver("wavetracedrv", "outputs=2");
        Assert.Equal(1u, Wave.waveOutGetNumDevs()); // enumerated at first use, kept until refreshed

        var handle = Open(0);
        Assert.Throws<InvalidOperationException>(Wave.RefreshDevices);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Wave.RefreshDevices();
        Assert.Equal(3u, Wave.waveOutGetNumDevs());
    }

    [Fact]
    public void Dispose_resets_and_closes_what_is_still_open_and_later_use_throws()
    {
        harness.AddDriver("wavetracedrv");
        var handle = Open(0);
        using var buffer = new WaveBuffer(new byte[8], flags: 0);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));

        Wave.Dispose();

        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_CLOSE], harness.Log.Snapshot().Select(c => c.Message));
        Assert.Throws<ObjectDisposedException>(() => Wave.waveOutGetNumDevs());
    }

    [Fact]
    public void Error_texts_are_cut_to_fit_null_terminated_and_unknown_errors_are_MMSYSERR_BADERRNUM()
    {
        var text = stackalloc char[256];
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetErrorText(WAVERR_STILLPLAYING, text, 256));
        var full = new string(text);
        Assert.Contains("queued", full, StringComparison.Ordinal);
        Assert.InRange(full.Length, 1, MultimediaLimits.MAXERRORLENGTH - 1);

        var small = new string('x', 6).ToCharArray();
        fixed (char* cut = small)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetErrorText(WAVERR_STILLPLAYING, cut, 6));
        }

        Assert.Equal(full[..5] + "\0", new string(small));

        var bytes = stackalloc byte[256];
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetErrorTextA(MMSYSERR_INVALHANDLE, bytes, 256));
        var narrow = System.Text.Encoding.Latin1.GetString(bytes, 255).TrimEnd('\0');
        var wide = stackalloc char[256];
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetErrorText(MMSYSERR_INVALHANDLE, wide, 256));
        Assert.Equal(new string(wide), narrow);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetErrorText(MMSYSERR_NOERROR, null, 0)); // nothing copied
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutGetErrorText(MMSYSERR_NOERROR, null, 10));
        Assert.Equal(MMSYSERR_BADERRNUM, Wave.waveOutGetErrorText((MMRESULT)31, text, 256));
        Assert.Equal(MMSYSERR_BADERRNUM, Wave.waveOutGetErrorText((MMRESULT)1000, text, 256));
    }

    private string OutputName(int device)
    {
        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps((nuint)device, &caps, (uint)sizeof(WAVEOUTCAPSW)));
        return caps.ProductName;
    }

    private nint Open(uint device)
    {
        var format = Pcm16;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, device, &format, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));
        return handle;
    }

    private uint MapperChoice(WAVEFORMATEX* format)
    {
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, WAVE_MAPPER, format, 0, 0, CALLBACK_NULL));
        uint id;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetID(handle, &id));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        return id;
    }
}
