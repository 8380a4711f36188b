using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Multimedia;
using InstallableDrivers.Tests.Registries;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// The wave services over a .NET wave driver (ManagedWaveDriver: IWaveOutDriver and IWaveInDriver beside IDriverProc)
/// run in the .NET host: its devices are there, what it plays is what the application wrote and what it records is its
/// input file, its callbacks come back from the host through DriverCallback, and its FailFast in the middle of playing
/// returns the buffers it held done, as a native driver's crash does.
/// </summary>
public sealed unsafe class IsolatedDotNetWaveTests : IsolationTest
{
    private static readonly WAVEFORMATEX Cd = WavFileBytes.Pcm(44100, 16, 2);
    private readonly TemporaryDirectory folder = new();
    private readonly MemoryDriverRegistry registry = new();
    private readonly DriverManager waveManager;
    private readonly WaveServices services;
    private readonly WaveCallbackLog log = new();
    private readonly List<WaveBuffer> buffers = [];

    public IsolatedDotNetWaveTests()
    {
        waveManager = CreateManager(Loader, registry);
        services = new WaveServices(waveManager);
    }

    public override void Dispose()
    {
        services.Dispose();
        waveManager.Dispose();
        buffers.ForEach(b => b.Dispose());
        log.Dispose();
        base.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void A_NET_wave_driver_in_its_host_has_its_device_and_plays_what_the_application_wrote()
    {
        var played = folder.File("played.raw");
        registry.SetValue("Drivers32", "wave", $"ManagedWaveDriver.dll out={played}");

        Assert.Equal(1u, services.waveOutGetNumDevs());
        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutGetDevCaps(0, &caps, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal(("Managed wave out", (ushort)2), (caps.ProductName, caps.wChannels));
        var eightBit = WavFileBytes.Pcm(8000, 8, 1);
        Assert.Equal(WAVERR_BADFORMAT, services.waveOutOpen(null, 0, &eightBit, 0, 0, WaveOpenFlags.WAVE_FORMAT_QUERY));

        var handle = Open();
        var blocks = Enumerable.Range(0, 3).Select(i => Bytes(4000 + (i * 4))).ToArray();
        var written = Write(handle, blocks);
        Assert.All(written, r => Assert.Equal(MMSYSERR_NOERROR, r));
        var callbacks = log.WaitFor(4);
        Assert.Equal(buffers.Select(b => b.Address), callbacks.Skip(1).Select(c => c.Param1));
        Assert.All(buffers, b => Assert.Equal(WHDR_DONE | WHDR_PREPARED, b.Flags & (WHDR_DONE | WHDR_PREPARED | WHDR_INQUEUE)));
        var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal((uint)blocks.Sum(b => b.Length), time.cb);
        Assert.Single(HostProcesses.Children());

        // The driver's exception stays in its host, which goes on: the application gets MMSYSERR_ERROR, as in process.
        Assert.Equal((nint)MMSYSERR_ERROR, services.waveOutMessage(handle, DRVM_USER, 0, 0));
        Unprepare(handle);
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutClose(handle));
        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], log.Snapshot().Select(c => c.Message));
        Assert.Equal(blocks.SelectMany(b => b), File.ReadAllBytes(played));
        Assert.Single(HostProcesses.Children());
    }

    [Fact]
    public void A_NET_wave_driver_in_its_host_records_the_bytes_of_its_input()
    {
        var samples = Bytes(4000);
        var input = folder.File("in.raw");
        File.WriteAllBytes(input, samples);
        registry.SetValue("Drivers32", "wave", $"ManagedWaveDriver.dll in={input}");

        Assert.Equal(1u, services.waveInGetNumDevs());
        WAVEINCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, services.waveInGetDevCaps(0, &caps, (uint)sizeof(WAVEINCAPSW)));
        Assert.Equal("Managed wave in", caps.ProductName);
        var format = WavFileBytes.Pcm(8000, 16, 1);
        nint opened;
        Assert.Equal(MMSYSERR_NOERROR, services.waveInOpen(&opened, 0, &format, WaveCallbackLog.Function, log.Instance, DriverMessages.CALLBACK_FUNCTION));
        var handle = opened;
        for (var i = 0; i < 4; i++)
        {
            var buffer = new WaveBuffer(1600, 0);
            buffers.Add(buffer);
            Assert.Equal(MMSYSERR_NOERROR, services.waveInPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_NOERROR, services.waveInAddBuffer(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        // The input fills two buffers and a half; the fourth waits for the reset, which returns it empty.
        Assert.Equal(MMSYSERR_NOERROR, services.waveInStart(handle));
        Assert.Equal(buffers.Take(3).Select(b => b.Address), log.WaitFor(4).Skip(1).Select(c => c.Param1));
        Assert.Equal(samples, buffers.Take(3).SelectMany(b => b.Recorded));
        Assert.Equal(MMSYSERR_NOERROR, services.waveInReset(handle));
        Assert.Equal((buffers[3].Address, 0u), (log.WaitFor(5)[4].Param1, log.WaitFor(5)[4].BytesRecordedThen));
        buffers.ForEach(b => Assert.Equal(MMSYSERR_NOERROR, services.waveInUnprepareHeader(handle, b.Header, (uint)sizeof(WAVEHDR))));
        Assert.Equal(MMSYSERR_NOERROR, services.waveInClose(handle));
        Assert.Equal([WIM_OPEN, WIM_DATA, WIM_DATA, WIM_DATA, WIM_DATA, WIM_CLOSE], log.Snapshot().Select(c => c.Message));
    }

    [Fact]
    public void When_the_NET_driver_fails_fast_mid_playback_its_queued_buffers_come_back_done_and_later_calls_answer_NODRIVER()
    {
        // The driver finishes the first buffer, holds the second and third, and ends its host in the fourth write.
        registry.SetValue("Drivers32", "wave", "ManagedWaveDriver.dll failfast=4");
        var handle = Open();
        var results = Write(handle, Enumerable.Range(0, 6).Select(_ => Bytes(4000)).ToArray());

        Assert.Equal([MMSYSERR_NOERROR, MMSYSERR_NOERROR, MMSYSERR_NOERROR, MMSYSERR_NODRIVER, MMSYSERR_NODRIVER, MMSYSERR_NODRIVER], results);
        var crash = DriverManager.LastError?.Crash;
        Assert.Equal(("SIGABRT", "wodMessage(WODM_WRITE)"), (crash?.SignalName, crash?.MessageName));
        var dones = log.WaitFor(4).Where(c => c.Message == WOM_DONE).Select(c => c.Param1);
        Assert.Equal(buffers.Take(3).Select(b => b.Address), dones);
        Assert.All(buffers.Take(3), b => Assert.Equal(WHDR_DONE, b.Flags & (WHDR_DONE | WHDR_INQUEUE)));
        Assert.EndsWith("ManagedWaveDriver.dll", Assert.Single(CrashedFiles));
        Assert.Empty(HostProcesses.Children());

        Assert.Equal(MMSYSERR_NODRIVER, services.waveOutWrite(handle, buffers[0].Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NODRIVER, services.waveOutPause(handle));
        Unprepare(handle);
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutClose(handle));
        Assert.Equal(WOM_CLOSE, log.Snapshot()[^1].Message);
        Assert.Empty(HostProcesses.Children());
    }

    /// <summary>Bytes from a fixed-seed generator: a lost, repeated or reordered block shows.</summary>
    private static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    private nint Open()
    {
        var format = Cd;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, services.waveOutOpen(&handle, 0, &format, WaveCallbackLog.Function, log.Instance, DriverMessages.CALLBACK_FUNCTION));
        return handle;
    }

    /// <summary>Prepares a buffer for each block, then writes each; the results of the writes.</summary>
    private List<MMRESULT> Write(nint handle, byte[][] blocks)
    {
        foreach (var block in blocks)
        {
            var buffer = new WaveBuffer(block, 0);
            buffers.Add(buffer);
            Assert.Equal(MMSYSERR_NOERROR, services.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        return buffers.Select(b => services.waveOutWrite(handle, b.Header, (uint)sizeof(WAVEHDR))).ToList();
    }

    private void Unprepare(nint handle) =>
        buffers.ForEach(b => Assert.Equal(MMSYSERR_NOERROR, services.waveOutUnprepareHeader(handle, b.Header, (uint)sizeof(WAVEHDR))));
}
