using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The application's callbacks through the services: CALLBACK_EVENT with a real EventWaitHandle, the refused callback
/// types, callbacks that call back into the services, and the promise that nothing reaches the application after
/// waveOutReset or waveOutClose returned.
/// </summary>
public sealed unsafe class WaveServicesCallbackTests : IDisposable
{
    private static readonly WAVEFORMATEX Pcm16 = WavFileBytes.Pcm(8000, 16, 2);
    private readonly WaveServicesHarness harness = new();
    private readonly List<WaveBuffer> buffers = [];

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    [Fact]
    public void CALLBACK_EVENT_sets_an_EventWaitHandle_at_open_for_each_done_buffer_and_at_close()
    {
        harness.AddDriver("wavetracedrv");
        using var done = new AutoResetEvent(false);
        var format = Pcm16;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, 0, &format, (nuint)done.SafeWaitHandle.DangerousGetHandle(), 0, CALLBACK_EVENT));
        Assert.True(done.WaitOne(0), "WOM_OPEN did not set the event");

        var buffer = Write(handle, 16);
        Assert.False(done.WaitOne(0));
        var open = handle;
        var finisher = OnOtherThread(() => WaveTraceDriver.Finish(Wave, open)); // the "driver thread"
        Assert.True(done.WaitOne(TimeSpan.FromSeconds(10)), "WOM_DONE did not set the event");
        Assert.True(finisher.Result());
        Assert.Equal(WHDR_PREPARED | WHDR_DONE, buffer.Flags);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Assert.True(done.WaitOne(0), "WOM_CLOSE did not set the event");
        Assert.False(done.SafeWaitHandle.IsClosed); // the services let go of the event without closing it
    }

    [Fact]
    public void CALLBACK_EVENT_closed_by_the_application_before_waveOutClose_is_not_set_and_the_close_succeeds()
    {
        // NAudio's WaveOut closes its event first; the WOM_CLOSE then finds no event, which Windows ignores.
        harness.AddDriver("wavetracedrv");
        var format = Pcm16;
        nint handle;
        using (var done = new AutoResetEvent(false))
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, 0, &format, (nuint)done.SafeWaitHandle.DangerousGetHandle(), 0, CALLBACK_EVENT));
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutClose(handle));
    }

    [Fact]
    public void CALLBACK_EVENT_also_takes_an_event_registered_with_DriverCallbackEvents()
    {
        harness.AddDriver("wavetracedrv");
        using var done = new AutoResetEvent(false);
        var id = DriverCallbackEvents.Register(done);
        try
        {
            var format = Pcm16;
            nint handle;
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, 0, &format, id, 0, CALLBACK_EVENT));
            Assert.True(done.WaitOne(0));
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
            Assert.True(done.WaitOne(0));
        }
        finally
        {
            DriverCallbackEvents.Unregister(id);
        }
    }

    [Fact]
    public void CALLBACK_WINDOW_and_CALLBACK_THREAD_have_no_queue_to_post_to_off_Windows_and_an_unknown_type_is_MMSYSERR_INVALFLAG()
    {
        harness.AddDriver("wavetracedrv");
        var format = Pcm16;
        nint handle;
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutOpen(&handle, 0, &format, 0x1234, 0, CALLBACK_WINDOW));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveOutOpen(&handle, 0, &format, 0x1234, 0, CALLBACK_TASK));
        Assert.Equal(MMSYSERR_INVALFLAG, Wave.waveOutOpen(&handle, 0, &format, 0x1234, 0, 4u << 16));
        Assert.DoesNotContain(WaveTraceDriver.Calls(Wave, 0), c => c.Message == WODM_OPEN);
    }

    [Fact]
    public void Reset_returns_only_after_a_callback_running_on_the_driver_thread_has_returned()
    {
        harness.AddDriver("wavetracedrv", "unserialized"); // the driver's own reset does not wait for the callback
        using var entered = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var blocked = 0;
        harness.Log.OnCallback = c =>
        {
            // Only the first WOM_DONE blocks: the second comes on the resetting thread.
            if (c.Message == WOM_DONE && Interlocked.Exchange(ref blocked, 1) == 0)
            {
                entered.Set();
                gate.Wait();
            }
        };
        var handle = Open();
        Write(handle, 16);
        Write(handle, 16);
        var finisher = OnOtherThread(() => WaveTraceDriver.Finish(Wave, handle));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));

        var reset = OnOtherThread(() => Wave.waveOutReset(handle));
        Assert.False(reset.Thread.Join(TimeSpan.FromMilliseconds(200)), "reset returned while a WOM_DONE callback was still running");
        gate.Set();
        Assert.Equal(MMSYSERR_NOERROR, reset.Result());
        Assert.True(finisher.Result());

        var count = harness.Log.Snapshot().Count;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE], harness.Log.Snapshot().Take(count).Select(c => c.Message));
    }

    [Fact]
    public void A_callback_may_write_again_and_close_its_own_stream_from_the_driver_thread()
    {
        var output = harness.AddWaveFile("pace=fast");
        var samples = Enumerable.Range(0, 5).Select(i => Enumerable.Repeat((byte)(i + 1), 40).ToArray()).ToArray();
        var queue = new Queue<byte[]>(samples.Skip(1));
        using var closed = new ManualResetEventSlim();
        var closeResult = MMSYSERR_ERROR;
        nint handle = 0;
        harness.Log.OnCallback = c =>
        {
            if (c.Message != WOM_DONE)
            {
                return;
            }

            var header = (WAVEHDR*)c.Param1;
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR)));
            if (queue.TryDequeue(out var next))
            {
                Write(handle, next);
            }
            else
            {
                closeResult = Wave.waveOutClose(handle);
                closed.Set();
            }
        };
        handle = Open();
        Write(handle, samples[0]);

        Assert.True(closed.Wait(TimeSpan.FromSeconds(10)), "the callback chain stopped");
        Assert.Equal(MMSYSERR_NOERROR, closeResult);
        Assert.Equal(WOM_CLOSE, harness.Log.WaitFor(7)[^1].Message);
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutReset(handle));
        var file = Assert.Single(Directory.GetFiles(output));
        Assert.Equal(WavFileBytes.Of(Pcm16, [.. samples.SelectMany(s => s)]), File.ReadAllBytes(file));
    }

    [Fact]
    public void A_callback_that_resets_its_own_stream_gets_every_buffer_back_without_deadlock()
    {
        harness.AddDriver("wavetracedrv");
        var resets = new List<MMRESULT>();
        var resetting = false;
        nint handle = 0;
        harness.Log.OnCallback = c =>
        {
            if (c.Message == WOM_DONE && !resetting)
            {
                resetting = true;
                resets.Add(Wave.waveOutReset(handle)); // nested: the driver delivers the rest from inside this reset
            }
        };
        handle = Open();
        var written = Enumerable.Range(0, 4).Select(_ => Write(handle, 8)).ToArray();
        Assert.True(OnOtherThread(() => WaveTraceDriver.Finish(Wave, handle)).Result());

        Assert.Equal([MMSYSERR_NOERROR], resets);
        Assert.All(written, b => Assert.Equal(WHDR_PREPARED | WHDR_DONE, b.Flags));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        Assert.Equal(4, harness.Log.Snapshot().Count(c => c.Message == WOM_DONE));
    }

    [Fact]
    public void A_driver_that_calls_the_callback_address_it_was_given_itself_reaches_the_application_as_through_DriverCallback()
    {
        // DriverCallback calls the services' callback as managed code; the address in WAVEOPENDESC must still work.
        harness.AddDriver("wavetracedrv");
        var handle = Open();
        const uint Custom = 0x3FF;
        ((delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)WaveCallbackRouter.Function)(handle, Custom, (nuint)handle, 0, 12);
        Drivers.DriverCallback(WaveCallbackRouter.Function, DCB_FUNCTION, new HDRVR(handle), Custom, (nuint)handle, 0, 13);

        Assert.Equal([(handle, 12u), (handle, 13u)], harness.Log.Snapshot().Where(c => c.Message == Custom).Select(c => (c.Device, (uint)c.Param2)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
    }

    /// <summary>Runs a call on a thread of its own, as a driver's thread would make it.</summary>
    private static ThreadResult<T> OnOtherThread<T>(Func<T> call) => new(call);

    private nint Open()
    {
        var format = Pcm16;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, 0, &format, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));
        return handle;
    }

    private WaveBuffer Write(nint handle, int length) => Write(handle, new byte[length]);

    private WaveBuffer Write(nint handle, byte[] samples)
    {
        var buffer = new WaveBuffer(samples, flags: 0);
        lock (buffers)
        {
            buffers.Add(buffer);
        }

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        return buffer;
    }
}
