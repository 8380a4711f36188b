using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio's WaveOut, unchanged, on wave drivers installed isolated (docs/isolation.md): its headers and buffers live in
/// the .NET heap, and reach the driver in its host process as copies in the shared arena.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed class IsolatedWaveOutTests(WaveFileDevices devices)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_wav_file_plays_through_the_isolated_wav_file_driver_bit_exact()
    {
        var folder = Directory.CreateTempSubdirectory("naudio-isolated-").FullName;
        try
        {
            using (new IsolatedWaveDevice("wavefile.so", $"out={folder} pace=fast"))
            using (var reader = new WaveFileReader(devices.InputFile))
            using (var output = new WaveOut { DeviceNumber = IsolatedWaveDevice.DeviceNumber })
            {
                var stopped = Stopped(output);
                output.Init(reader);
                output.Play();
                Assert.Null((await stopped.WaitAsync(Patience)).Exception);
            }

            using var written = new WaveFileReader(Assert.Single(Directory.GetFiles(folder)));
            var data = new byte[written.Length];
            Assert.Equal(data.Length, written.Read(data, 0, data.Length));
            Assert.Equal(devices.InputData, data);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task When_the_isolated_driver_crashes_mid_playback_PlaybackStopped_fires_with_the_failed_write()
    {
        using var device = new IsolatedWaveDevice("wavecrashdrv.so", "thread=3");
        using var source = new RawSourceWaveStream(new MemoryStream(new byte[devices.Format.AverageBytesPerSecond * 10]), devices.Format);
        using var output = new WaveOut { DeviceNumber = IsolatedWaveDevice.DeviceNumber };
        var stopped = Stopped(output);
        output.Init(source);
        output.Play();

        // Every queued buffer comes back done when the host dies; NAudio refills the first, its waveOutWrite answers
        // MMSYSERR_NODRIVER, and NAudio stops with that error.
        var error = Assert.IsAssignableFrom<global::NAudio.MmException>((await stopped.WaitAsync(Patience)).Exception);
        Assert.Equal(global::NAudio.MmResult.NoDriver, error.Result);
        Assert.Equal(PlaybackState.Stopped, output.PlaybackState);
    }

    private static Task<StoppedEventArgs> Stopped(IWavePlayer output)
    {
        var stopped = new TaskCompletionSource<StoppedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        output.PlaybackStopped += (_, e) => stopped.TrySetResult(e);
        return stopped.Task;
    }
}
