using InstallableDrivers.Isolation;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Multimedia;
using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// The waveOut/waveIn services over wave drivers that run in host processes: the shipped WAV-file driver (played and
/// recorded bit-exact, as in process), and a driver that crashes in the middle of playing (wavecrashdrv.c), whose
/// queued buffers must all come back done, with their callbacks, so that a player ends instead of waiting.
/// </summary>
public sealed class IsolatedWaveTests : IsolationTest
{
    private static readonly WaveFormat Cd = WaveFormat.Pcm(44100, 16, 2);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(20);
    private readonly TemporaryDirectory folder = new();
    private readonly MemoryDriverRegistry registry = new();
    private readonly DriverManager waveManager;
    private readonly Lazy<WaveServices> services;
    private readonly WaveCallbackLog log = new();

    public IsolatedWaveTests()
    {
        waveManager = CreateManager(Loader, registry);
        services = new Lazy<WaveServices>(() => new WaveServices(waveManager));
    }

    private WaveServices Services => services.Value;

    public override void Dispose()
    {
        if (services.IsValueCreated)
        {
            services.Value.Dispose();
        }

        waveManager.Dispose();
        log.Dispose();
        base.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task A_wav_file_played_through_the_isolated_wav_file_driver_is_written_bit_exact_by_its_host()
    {
        var output = AddWaveFile("pace=fast");
        var samples = Bytes(44_100 * 4 / 2 + 6); // half a second and a short last buffer
        using (var player = new WavePlayer(Services, Cd, 0, bufferCount: 3, bufferDuration: TimeSpan.FromMilliseconds(20)))
        {
            Assert.Single(HostProcesses.Children());
            Assert.Equal(samples.Length, await player.PlayAsync(new MemoryStream(samples)).WaitAsync(Quick));
            Assert.Equal(samples.Length, player.PositionBytes);
        }

        var file = Assert.Single(Directory.GetFiles(output));
        Assert.Equal(WavFileBytes.Of(WavFileBytes.Pcm(44100, 16, 2), samples), File.ReadAllBytes(file));
    }

    [NotOnWindowsFact]
    public async Task The_isolated_ALSA_driver_finds_the_applications_ALSA_configuration_and_plays_bit_exact_into_its_file_device()
    {
        // The device exists only in the configuration ALSA_CONFIG_PATH names, which the host receives (docs/isolation.md).
        File.Delete(AlsaTestDevice.IsolatedPlayedFile);
        AddDriver("alsa", $"device={AlsaTestDevice.IsolatedPlayback}");
        var samples = Bytes(44_100 * 4 / 4 + 8);
        await using (var player = new WavePlayer(Services, Cd, 0, bufferCount: 3, bufferDuration: TimeSpan.FromMilliseconds(20)))
        {
            Assert.Equal(samples.Length, await player.PlayAsync(new MemoryStream(samples)).WaitAsync(Quick));
        }

        Assert.Equal(samples, File.ReadAllBytes(AlsaTestDevice.IsolatedPlayedFile));
    }

    [Fact]
    public async Task Recording_from_the_isolated_wav_file_driver_gives_the_input_files_samples()
    {
        var samples = Bytes(8000 * 2 / 4 + 2); // the last buffer comes back partly filled: the input ended
        var input = folder.File("in.wav");
        File.WriteAllBytes(input, WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), samples));
        AddWaveFile($"pace=fast in={input}");
        await using var recorder = new WaveRecorder(Services, WaveFormat.Pcm(8000, 16, 1), 0);
        using var recorded = new MemoryStream();
        Assert.Equal(samples.Length, await recorder.RecordAsync(recorded, TimeSpan.FromSeconds(5)).WaitAsync(Quick));
        Assert.Equal(samples, recorded.ToArray());
    }

    [Fact]
    public unsafe void Position_pause_restart_and_reset_work_across_the_boundary_and_reset_returns_every_header_done()
    {
        AddWaveFile("pace=realtime");
        var format = WavFileBytes.Pcm(8000, 8, 1);
        var handle = Open(&format);
        var buffers = Enumerable.Range(0, 3).Select(_ => new WaveBuffer(Bytes(800), 0)).ToList(); // 100 ms each
        try
        {
            foreach (var buffer in buffers)
            {
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            Assert.All(buffers, b => Assert.NotEqual(0u, b.Flags & WHDR_INQUEUE));
            Thread.Sleep(30);
            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutPause(handle));
            var paused = Position(handle);
            Assert.InRange(paused, 1u, 800u * 3 - 1);
            Thread.Sleep(40);
            Assert.Equal(paused, Position(handle));
            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutRestart(handle));
            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutReset(handle));
            Assert.All(buffers, b => Assert.Equal(WHDR_DONE | WHDR_PREPARED, b.Flags & (WHDR_DONE | WHDR_PREPARED | WHDR_INQUEUE)));
            Assert.Equal(3, log.Snapshot().Count(c => c.Message == WOM_DONE));
            Assert.Equal(buffers.Select(b => b.Address), log.Snapshot().Where(c => c.Message == WOM_DONE).Select(c => c.Param1));
            Assert.Equal(0u, Position(handle));
            foreach (var buffer in buffers)
            {
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutClose(handle));
        }
        finally
        {
            buffers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public unsafe void A_buffer_larger_than_the_hosts_arena_is_refused_with_NOMEM_and_the_stream_goes_on()
    {
        var output = AddWaveFile("pace=fast");
        var format = WavFileBytes.Pcm(8000, 8, 1);
        var handle = Open(&format);
        var samples = Bytes(800);
        using var huge = new WaveBuffer((int)Loader.ArenaSize + 1, 0);
        using var small = new WaveBuffer(samples, 0);
        // Its copy must be made when it is prepared (the driver may keep the prepared pointer), and there is no room.
        Assert.Equal(MMSYSERR_NOMEM, Services.waveOutPrepareHeader(handle, huge.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(0u, huge.Flags & WHDR_PREPARED);
        Assert.Equal(MMSYSERR_NOERROR, Services.waveOutWrite(handle, Prepared(handle, small), (uint)sizeof(WAVEHDR)));
        Assert.Equal(small.Address, log.WaitFor(2)[1].Param1);
        Assert.Equal(MMSYSERR_NOERROR, Services.waveOutUnprepareHeader(handle, small.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Services.waveOutClose(handle));
        Assert.Equal(WavFileBytes.Of(format, samples), File.ReadAllBytes(Assert.Single(Directory.GetFiles(output))));
    }

    [Theory]
    [InlineData("thread=3")] // the driver's playback thread crashes after returning its third buffer
    [InlineData("write=4")]  // the fourth waveOutWrite crashes inside the driver
    public unsafe void When_the_host_dies_mid_playback_every_queued_buffer_comes_back_done_and_the_handle_answers_NODRIVER(string args)
    {
        AddDriver("wavecrashdrv", args);
        var format = WavFileBytes.Pcm(44100, 16, 2);
        var handle = Open(&format);
        var buffers = Enumerable.Range(0, 6).Select(_ => new WaveBuffer(Bytes(4000), 0)).ToList();
        try
        {
            var results = new List<MMRESULT>();
            foreach (var buffer in buffers)
            {
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            foreach (var buffer in buffers)
            {
                results.Add(Services.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            var written = buffers.Where((_, i) => results[i] == MMSYSERR_NOERROR).ToList();
            if (args.StartsWith("write=", StringComparison.Ordinal))
            {
                Assert.Equal([MMSYSERR_NOERROR, MMSYSERR_NOERROR, MMSYSERR_NOERROR, MMSYSERR_NODRIVER, MMSYSERR_NODRIVER, MMSYSERR_NODRIVER], results);
                Assert.Equal("the driver crashed with SIGSEGV during wodMessage(WODM_WRITE)", DriverManager.LastError?.Crash?.Reason);
            }

            // Every buffer the driver took comes back done, with its WOM_DONE, once: those it finished and those it held.
            var dones = log.WaitFor(1 + written.Count).Where(c => c.Message == WOM_DONE).ToList();
            Assert.Equal(written.Select(b => b.Address).Order(), dones.Select(c => c.Param1).Order());
            Assert.All(written, b => Assert.Equal(WHDR_DONE, b.Flags & (WHDR_DONE | WHDR_INQUEUE)));
            var crash = Assert.Single(CrashedFiles);
            Assert.EndsWith("wavecrashdrv0.so", crash);
            Assert.Empty(HostProcesses.Children());

            Assert.Equal(MMSYSERR_NODRIVER, Services.waveOutWrite(handle, buffers[0].Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_NODRIVER, Services.waveOutPause(handle));
            foreach (var buffer in buffers)
            {
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutClose(handle));
            Assert.Equal(WOM_CLOSE, log.Snapshot()[^1].Message);
            Assert.Equal(MMSYSERR_INVALHANDLE, Services.waveOutClose(handle));

            // The device is still there, and a question about it or the next open starts a fresh host.
            Assert.Equal(1u, Services.waveOutGetNumDevs());
            Assert.Equal("Crashing out", Assert.Single(Services.GetOutputDevices()).Name);
            Assert.Single(HostProcesses.Children());
            var again = Open(&format);
            Assert.Single(HostProcesses.Children());
            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutClose(again));
        }
        finally
        {
            buffers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public unsafe void When_the_host_is_killed_while_input_buffers_wait_each_comes_back_done_with_nothing_recorded()
    {
        var input = folder.File("in.wav");
        File.WriteAllBytes(input, WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), Bytes(16_000)));
        AddWaveFile($"pace=realtime in={input}");
        var format = WavFileBytes.Pcm(8000, 16, 1);
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Services.waveInOpen(&handle, 0, &format, WaveCallbackLog.Function, log.Instance, DriverMessages.CALLBACK_FUNCTION));
        var buffers = Enumerable.Range(0, 3).Select(_ => new WaveBuffer(1600, 0)).ToList();
        try
        {
            foreach (var buffer in buffers)
            {
                buffer.Header->dwBytesRecorded = 7; // what an application may leave there: the crash must say 0
                Assert.Equal(MMSYSERR_NOERROR, Services.waveInPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
                Assert.Equal(MMSYSERR_NOERROR, Services.waveInAddBuffer(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            // Not started: the buffers wait in the driver, and the host dies from outside (as a kill by the system would).
            System.Diagnostics.Process.GetProcessById(Assert.Single(HostProcesses.Children())).Kill();
            var data = log.WaitFor(1 + buffers.Count).Where(c => c.Message == WIM_DATA).ToList();
            Assert.Equal(buffers.Select(b => b.Address), data.Select(c => c.Param1));
            Assert.All(data, c => Assert.Equal((WHDR_DONE, 0u), (c.FlagsThen & (WHDR_DONE | WHDR_INQUEUE), c.BytesRecordedThen)));
            Assert.Equal(MMSYSERR_NODRIVER, Services.waveInStart(handle));
            Assert.Equal("SIGKILL", DriverManager.LastError?.Crash?.SignalName);
            Assert.Equal(MMSYSERR_NOERROR, Services.waveInClose(handle));
        }
        finally
        {
            buffers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public unsafe void A_callback_that_writes_again_while_the_crash_returns_its_buffers_is_answered_at_once()
    {
        // What NAudio's WaveOut does: its WOM_DONE callback refills the buffer and writes it again, here from inside the
        // services' handling of the crash.
        AddDriver("wavecrashdrv", "thread=1");
        var format = WavFileBytes.Pcm(44100, 16, 2);
        var handle = Open(&format);
        var buffers = Enumerable.Range(0, 4).Select(_ => new WaveBuffer(Bytes(4000), 0)).ToList();
        var rewrites = new List<(MMRESULT Result, TimeSpan Took)>();
        log.OnCallback = callback =>
        {
            if (callback.Message == WOM_DONE && callback.Param1 != buffers[0].Address)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = Services.waveOutWrite(handle, (WAVEHDR*)callback.Param1, (uint)sizeof(WAVEHDR));
                lock (rewrites)
                {
                    rewrites.Add((result, clock.Elapsed));
                }
            }
        };
        try
        {
            foreach (var buffer in buffers)
            {
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
                Assert.Equal(MMSYSERR_NOERROR, Services.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            }

            log.WaitFor(1 + buffers.Count);
            SpinWait.SpinUntil(() => { lock (rewrites) { return rewrites.Count == 3; } }, TimeSpan.FromSeconds(10));
            Assert.Equal(3, rewrites.Count);
            Assert.All(rewrites, r => Assert.Equal(MMSYSERR_NODRIVER, r.Result));
            Assert.All(rewrites, r => Assert.InRange(r.Took, TimeSpan.Zero, TimeSpan.FromMilliseconds(500)));
            Assert.Equal(MMSYSERR_NOERROR, Services.waveOutClose(handle));
        }
        finally
        {
            log.OnCallback = null;
            buffers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public unsafe void A_driver_that_never_answers_WODM_OPEN_is_killed_at_the_lifecycle_deadline_and_the_open_fails()
    {
        AddDriver("wavecrashdrv", "hang=1");
        var loader = new IsolatedModuleLoader(lifecycleDeadline: ShortDeadline);
        using var manager = CreateManager(loader, registry);
        using var services = new WaveServices(manager);
        var format = WavFileBytes.Pcm(44100, 16, 2);
        nint handle;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(MMSYSERR_NODRIVER, services.waveOutOpen(&handle, 0, &format, WaveCallbackLog.Function, log.Instance, DriverMessages.CALLBACK_FUNCTION));
        Assert.InRange(clock.Elapsed, ShortDeadline, TimeSpan.FromSeconds(5));
        var crash = DriverManager.LastError?.Crash;
        Assert.Equal("wodMessage(WODM_OPEN)", crash?.MessageName);
        Assert.Equal("the driver did not answer wodMessage(WODM_OPEN) within 200 ms, and its host was killed", crash?.Reason);
        Assert.Empty(HostProcesses.Children());
    }

    [Fact]
    public unsafe void A_crash_in_wodMessage_is_remembered_under_the_alias_with_the_call_as_its_message()
    {
        AddDriver("wavecrashdrv", "write=1");
        using var manager = new DriverManager(registry, new DriverManagerOptions { Isolation = DriverIsolation.All });
        using var services = new WaveServices(manager);
        var format = WavFileBytes.Pcm(44100, 16, 2);
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutOpen(&handle, 0, &format, WaveCallbackLog.Function, log.Instance, DriverMessages.CALLBACK_FUNCTION));
        using var buffer = new WaveBuffer(Bytes(4000), 0);
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NODRIVER, services.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutClose(handle));

        var record = Assert.Single(new DriverCrashLog(registry).Get("Drivers32", "wave"));
        Assert.Equal(("wodMessage(WODM_WRITE)", 11), (record.Message, record.Signal));
    }

    [Fact]
    public async Task A_player_on_a_driver_that_crashes_mid_playback_ends_with_an_error_instead_of_waiting()
    {
        AddDriver("wavecrashdrv", "thread=2");
        await using var player = new WavePlayer(Services, Cd, 0, bufferCount: 3, bufferDuration: TimeSpan.FromMilliseconds(10));
        var error = await Assert.ThrowsAsync<MmException>(() => player.PlayAsync(new MemoryStream(Bytes(44_100 * 4))).WaitAsync(Quick));
        Assert.Equal(MMSYSERR_NODRIVER, error.Result);
        var crash = Assert.IsType<DriverCrashedException>(error.InnerException).Crash;
        Assert.Equal("SIGSEGV", crash.SignalName);
        Assert.Contains("the driver crashed with SIGSEGV", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Bytes from a fixed-seed generator: a lost, repeated or reordered block shows.</summary>
    private static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private string AddWaveFile(string args)
    {
        var output = Directory.CreateDirectory(folder.File("out")).FullName;
        AddDriver("wavefile", $"out={output} {args}");
        return output;
    }

    private void AddDriver(string name, string args)
    {
        var copy = folder.File($"{name}0.so");
        File.Copy(TestDrivers.PathOf(name), copy);
        registry.SetValue("Drivers32", "wave", $"{copy} {args}");
    }

    private unsafe nint Open(WAVEFORMATEX* format)
    {
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Services.waveOutOpen(&handle, 0, format, WaveCallbackLog.Function, log.Instance, DriverMessages.CALLBACK_FUNCTION));
        return handle;
    }

    private unsafe WAVEHDR* Prepared(nint handle, WaveBuffer buffer)
    {
        Assert.Equal(MMSYSERR_NOERROR, Services.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        return buffer.Header;
    }

    private unsafe uint Position(nint handle)
    {
        var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, Services.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        return time.cb;
    }
}
