using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The services used from several threads: devices of several drivers playing at once, and the drivers' callback
/// threads racing waveOutReset and waveOutClose.
/// </summary>
public sealed unsafe class WaveServicesConcurrencyTests : IDisposable
{
    private static readonly WAVEFORMATEX Pcm16 = WavFileBytes.Pcm(22050, 16, 2);
    private readonly WaveServicesHarness harness = new();
    private readonly List<WaveBuffer> buffers = [];

    /// <summary>Callback logs, freed after the services (which close what a failed test left open, calling back).</summary>
    private readonly List<WaveCallbackLog> logs = [];

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        lock (buffers)
        {
            buffers.ForEach(buffer => buffer.Dispose());
            logs.ForEach(log => log.Dispose());
        }
    }

    [Fact]
    public void Devices_of_three_drivers_play_at_once_from_three_threads_each_file_bit_exact()
    {
        var folders = Enumerable.Range(0, 3).Select(_ => harness.AddWaveFile("pace=fast")).ToArray();
        Assert.Equal(3u, Wave.waveOutGetNumDevs());
        var data = Enumerable.Range(0, 3).Select(d => Enumerable.Range(0, 20).Select(b => Bytes(1000 + b, (d * 100) + b)).ToArray()).ToArray();

        var players = Enumerable.Range(0, 3).Select(d => new ThreadResult<MMRESULT>(() => PlayAll((uint)d, data[d]))).ToArray();

        Assert.All(players, p => Assert.Equal(MMSYSERR_NOERROR, p.Result()));
        for (var d = 0; d < 3; d++)
        {
            var file = Assert.Single(Directory.GetFiles(folders[d]));
            Assert.Equal(WavFileBytes.Of(Pcm16, [.. data[d].SelectMany(b => b)]), File.ReadAllBytes(file));
        }
    }

    [Fact]
    public void Reset_racing_the_drivers_callback_thread_returns_every_buffer_once_and_nothing_comes_after_it()
    {
        harness.AddWaveFile("pace=fast");
        for (var round = 0; round < 40; round++)
        {
            var log = NewLog();
            var handle = Open(log);
            var written = Enumerable.Range(0, 8).Select(i => Write(handle, Bytes(200, i))).ToArray();

            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(handle));

            var afterReset = log.Snapshot();
            Assert.All(written, b => Assert.Equal(WHDR_PREPARED | WHDR_DONE, b.Flags));
            Assert.Equal(written.Select(b => b.Address), afterReset.Where(c => c.Message == WOM_DONE).Select(c => c.Param1));
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
            Assert.Equal([.. afterReset.Select(c => c.Message), WOM_CLOSE], log.Snapshot().Select(c => c.Message));
        }
    }

    [Fact]
    public void Close_racing_the_drivers_callback_thread_is_refused_until_the_last_WOM_DONE_and_then_succeeds()
    {
        harness.AddWaveFile("pace=fast");
        for (var round = 0; round < 40; round++)
        {
            var log = NewLog();
            var handle = Open(log);
            var written = Enumerable.Range(0, 8).Select(i => Write(handle, Bytes(2000, i))).ToArray();

            MMRESULT result;
            while ((result = Wave.waveOutClose(handle)) == WAVERR_STILLPLAYING)
            {
                Thread.Yield();
            }

            Assert.Equal(MMSYSERR_NOERROR, result);
            var messages = log.Snapshot().Select(c => c.Message).ToArray();
            Assert.Equal([WOM_OPEN, .. Enumerable.Repeat(WOM_DONE, 8), WOM_CLOSE], messages);
            Assert.All(written, b => Assert.Equal(WHDR_PREPARED | WHDR_DONE, b.Flags));
            Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutClose(handle));
        }
    }

    [Fact]
    public void Callbacks_on_other_threads_racing_reset_never_reach_the_application_after_reset_returned()
    {
        harness.AddDriver("wavetracedrv", "unserialized");
        for (var round = 0; round < 40; round++)
        {
            var log = NewLog();
            var handle = Open(log);
            var written = Enumerable.Range(0, 16).Select(i => Write(handle, Bytes(16, i))).ToArray();
            using var go = new ManualResetEventSlim();
            var finishers = Enumerable.Range(0, 3).Select(_ => new ThreadResult<int>(() =>
            {
                go.Wait();
                var finished = 0;
                while (WaveTraceDriver.Finish(Wave, handle))
                {
                    finished++;
                }

                return finished;
            })).ToArray();

            go.Set();
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutReset(handle));
            var atReset = log.Snapshot().Count;

            Assert.InRange(finishers.Sum(f => f.Result()), 0, 16);
            Assert.Equal(1 + 16, atReset); // WOM_OPEN and every WOM_DONE, all before reset returned
            // Each buffer once; an unserialized driver may deliver them out of order.
            Assert.Equal(written.Select(b => b.Address).Order(), log.Snapshot().Where(c => c.Message == WOM_DONE).Select(c => c.Param1).Order());
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));
        }
    }

    private WaveCallbackLog NewLog()
    {
        var log = new WaveCallbackLog();
        lock (buffers)
        {
            logs.Add(log);
        }

        return log;
    }

    private MMRESULT PlayAll(uint device, byte[][] data)
    {
        var log = NewLog();
        var format = Pcm16;
        nint handle;
        var result = Wave.waveOutOpen(&handle, device, &format, WaveCallbackLog.Function, log.Instance, CALLBACK_FUNCTION);
        if (result != MMSYSERR_NOERROR)
        {
            return result;
        }

        foreach (var samples in data)
        {
            Write(handle, samples);
        }

        log.WaitFor(1 + data.Length);
        return Wave.waveOutClose(handle);
    }

    private nint Open(WaveCallbackLog log)
    {
        var format = Pcm16;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, 0, &format, WaveCallbackLog.Function, log.Instance, CALLBACK_FUNCTION));
        return handle;
    }

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

    private static byte[] Bytes(int frames, int seed) => [.. Enumerable.Range(0, frames * 4).Select(i => (byte)((i * 31) + (seed * 7)))];
}
