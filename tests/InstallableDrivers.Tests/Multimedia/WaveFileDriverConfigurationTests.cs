using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registry;
using InstallableDrivers.Tests.Registry;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>The WAV-file driver's args, its one configuration per process, and concurrent streams.</summary>
public sealed class WaveFileDriverConfigurationTests
{
    private static readonly WAVEFORMATEX Format = WavFileBytes.Pcm(8000, 16, 2);

    [Theory]
    [InlineData("pace=slow")]
    [InlineData("colour=blue")]
    [InlineData("out=\"/unclosed")]
    public void Unknown_or_bad_args_refuse_the_open(string args)
    {
        using var folder = new TemporaryDirectory();
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", $"{CopyOfDriver(folder)} {args}");
        using var manager = TestDrivers.CreateManager(registry);

        Assert.True(manager.OpenDriver("wave", "Drivers32", 0).IsNull);
    }

    [Fact]
    public void A_quoted_output_folder_may_hold_spaces()
    {
        using var folder = new TemporaryDirectory();
        var output = Directory.CreateDirectory(folder.File("my renders")).FullName;
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", $"{CopyOfDriver(folder)} out=\"{output}\" pace=fast");
        using var manager = TestDrivers.CreateManager(registry);
        var driver = manager.OpenDriver("wave", "Drivers32", 0);

        OpenAndClose(manager, driver);
        Assert.Single(Directory.GetFiles(output));
        manager.CloseDriver(driver, 0, 0);
    }

    [Fact]
    public void The_first_instance_configures_the_driver_and_later_opens_args_are_ignored()
    {
        using var folder = new TemporaryDirectory();
        var (first, second) = (Directory.CreateDirectory(folder.File("first")).FullName, Directory.CreateDirectory(folder.File("second")).FullName);
        var driverFile = CopyOfDriver(folder);
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", $"{driverFile} out={first} pace=fast");
        registry.SetValue("Drivers32", "wave1", $"{driverFile} out={second} pace=fast");
        using var manager = TestDrivers.CreateManager(registry);
        var a = manager.OpenDriver("wave", "Drivers32", 0);
        var b = manager.OpenDriver("wave1", "Drivers32", 0);
        Assert.Equal(manager.GetDriverModuleHandle(a), manager.GetDriverModuleHandle(b)); // one image

        OpenAndClose(manager, b);
        Assert.Single(Directory.GetFiles(first));
        Assert.Empty(Directory.GetFiles(second));
        manager.CloseDriver(a, 0, 0);
        manager.CloseDriver(b, 0, 0);
    }

    [Fact]
    public void A_missing_output_folder_or_input_file_fails_the_open_with_MMSYSERR_ERROR()
    {
        using var wave = new WaveFileDriverHarness("pace=fast in=/nonexistent/input.wav");
        Directory.Delete(wave.OutputFolder);

        Assert.Equal(MMSYSERR_ERROR, wave.OpenOutput(Format, out var output));
        Assert.Equal(1u, wave.Wid(WIDM_GETNUMDEVS)); // the device is there; its file is not
        Assert.Equal(MMSYSERR_ERROR, wave.OpenInput(Format, out var input));
        Assert.Equal((0u, 0u), (output, input));
        Assert.Empty(wave.Log.Snapshot());
        Directory.CreateDirectory(wave.OutputFolder); // for the harness to clean up
    }

    [Fact]
    public void Stream_messages_without_a_stream_are_MMSYSERR_INVALHANDLE()
    {
        using var wave = new WaveFileDriverHarness();
        foreach (var message in new[] { WODM_CLOSE, WODM_WRITE, WODM_PAUSE, WODM_RESTART, WODM_RESET, WODM_GETPOS, WODM_BREAKLOOP })
        {
            Assert.Equal((uint)MMSYSERR_INVALHANDLE, wave.Wod(message));
        }

        Assert.Equal((uint)MMSYSERR_NOTSUPPORTED, wave.Wod(WODM_SETPITCH, 0));
    }

    // Several streams of one driver at once, each on its own thread, while others are reset mid-stream: every
    // buffer comes back exactly once, in order, and the undisturbed streams' files are exact.
    [Fact]
    public async Task Concurrent_streams_and_resets_return_every_buffer_once_in_order()
    {
        using var wave = new WaveFileDriverHarness();
        var streams = Enumerable.Range(0, 6).Select(index => Task.Run(() => PlayStream(wave, resetHalfway: index % 2 == 1)));
        var results = await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(60));

        var played = results.Where((_, index) => index % 2 == 0).ToList();
        var files = wave.OutputFiles().Select(File.ReadAllBytes).ToList();
        Assert.Equal(6, files.Count);
        Assert.All(played, expected => Assert.Contains(WavFileBytes.Of(Format, expected), files, new ByteArrayComparer()));
    }

    private static unsafe byte[] PlayStream(WaveFileDriverHarness wave, bool resetHalfway)
    {
        using var log = new WaveCallbackLog();
        var chunks = Enumerable.Range(0, 40).Select(_ => RandomBytes(Random.Shared.Next(1, 64) * 4)).ToArray();
        var buffers = chunks.Select(chunk => new WaveBuffer(chunk)).ToArray();
        try
        {
            var description = new WAVEOPENDESC { hWave = 0x1234, dwCallback = WaveCallbackLog.Function, dwInstance = log.Instance };
            var format = Format;
            description.lpFormat = (nint)(&format);
            nuint stream = 0;
            Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_OPEN, (nuint)(&stream), (nuint)(&description), DriverMessages.CALLBACK_FUNCTION));
            for (var i = 0; i < buffers.Length; i++)
            {
                Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_WRITE, stream, buffers[i].Address, (nuint)sizeof(WAVEHDR)));
                if (resetHalfway && i == buffers.Length / 2)
                {
                    Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_RESET, stream));
                }
            }

            var calls = log.WaitFor(1 + buffers.Length);
            Assert.Equal(buffers.Select(b => b.Address), calls.Skip(1).Select(c => c.Param1));
            Assert.Equal((uint)MMSYSERR_NOERROR, wave.Wod(WODM_CLOSE, stream));
            return [.. chunks.SelectMany(c => c)];
        }
        finally
        {
            Array.ForEach(buffers, b => b.Dispose());
        }
    }

    private static unsafe void OpenAndClose(DriverManager manager, HDRVR driver)
    {
        var wod = (delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)System.Runtime.InteropServices.NativeLibrary.GetExport(
            manager.GetDriverModuleHandle(driver), "wodMessage");
        var format = Format;
        var description = new WAVEOPENDESC { hWave = 1, lpFormat = (nint)(&format) };
        nuint stream = 0;
        Assert.Equal((uint)MMSYSERR_NOERROR, wod(0, WODM_OPEN, (nuint)(&stream), (nuint)(&description), 0));
        Assert.Equal((uint)MMSYSERR_NOERROR, wod(0, WODM_CLOSE, stream, 0, 0));
    }

    private static string CopyOfDriver(TemporaryDirectory folder)
    {
        var path = folder.File("wavefile.so");
        File.Copy(TestDrivers.PathOf("wavefile"), path);
        return path;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
