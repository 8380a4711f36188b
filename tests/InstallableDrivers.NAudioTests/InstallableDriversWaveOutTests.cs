using MmException = InstallableDrivers.Multimedia.MmException;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.NAudio;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>InstallableDriversWaveOut (IWavePlayer over the services, no P/Invoke) playing NAudio's readers into the WAV-file device.</summary>
[Collection(NAudioCollection.Name)]
public sealed class InstallableDriversWaveOutTests(WaveFileDevices devices)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Playing_a_wav_file_to_the_end_writes_the_same_samples_and_raises_PlaybackStopped_once_on_a_background_thread()
    {
        var raised = 0;
        var background = false;
        var played = devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(); // WAVE_MAPPER
            output.PlaybackStopped += (_, _) =>
            {
                Interlocked.Increment(ref raised);
                background = Thread.CurrentThread.IsBackground;
            };
            var stopped = Stopped(output);
            output.Init(reader);
            Assert.Equal(devices.Format, output.OutputWaveFormat);
            output.Play();
            Assert.Null(Await(stopped).Exception);
            Assert.Equal(PlaybackState.Stopped, output.PlaybackState);
        });

        Assert.Equal(devices.InputData, played);
        Assert.Equal(1, raised);
        Assert.True(background);
    }

    [Fact]
    public void Stop_ends_playback_early_and_what_was_played_is_the_start_of_the_file()
    {
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Realtime);
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(reader);
            output.Stop();
            Assert.Equal(PlaybackState.Stopped, output.PlaybackState);
            Assert.Null(Await(stopped).Exception);
        });

        Assert.InRange(played.Length, 1, devices.InputData.Length - 1);
        Assert.Equal(devices.InputData.AsSpan(0, played.Length).ToArray(), played);
    }

    [Fact]
    public void Pause_holds_playback_and_Play_resumes_to_the_end()
    {
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Realtime);
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(reader);
            output.Pause();
            Assert.Equal(PlaybackState.Paused, output.PlaybackState);
            var position = reader.Position;
            Thread.Sleep(1200); // longer than the whole file at its rate: a pause that did not hold would end it
            Assert.False(stopped.IsCompleted, "playback ended while paused");
            Assert.Equal(position, reader.Position);

            output.Play();
            Assert.Equal(PlaybackState.Playing, output.PlaybackState);
            Assert.Null(Await(stopped).Exception);
        });

        Assert.Equal(devices.InputData, played);
    }

    [Fact]
    public void Stop_while_paused_ends_playback_with_one_PlaybackStopped_and_Play_starts_again_where_the_provider_is()
    {
        var raised = 0;
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Realtime);
            output.PlaybackStopped += (_, _) => Interlocked.Increment(ref raised);
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(reader);
            output.Pause();
            output.Stop();
            Assert.Null(Await(stopped).Exception);
            Assert.Equal(1, raised);

            var again = Stopped(output);
            output.Play(); // the rest of the file, on the same open device
            Assert.Null(Await(again).Exception);
        });

        // The device's one file holds the played start, then the reader's rest: the bytes queued but reset are missing.
        Assert.Equal(2, raised);
        Assert.InRange(played.Length, 1, devices.InputData.Length - 1);
        Assert.Equal(devices.InputData.AsSpan(devices.InputData.Length - 1000).ToArray(), played.AsSpan(played.Length - 1000).ToArray());
    }

    [Fact]
    public void Disposing_while_playing_stops_raises_PlaybackStopped_and_closes_the_device_so_the_file_is_complete()
    {
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Realtime);
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(reader);
            output.Dispose();
            Assert.True(stopped.IsCompleted, "Dispose returned before the playback loop ended");
        });

        // The device wrote the file's sizes at close: the reader in PlayedData found a valid file holding the played start.
        Assert.InRange(played.Length, 1, devices.InputData.Length - 1);
        Assert.Equal(devices.InputData.AsSpan(0, played.Length).ToArray(), played);
    }

    [Fact]
    public void Volume_scales_the_samples_as_the_device_documents_and_reads_back()
    {
        float volume = 0;
        var played = devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Fast);
            var stopped = Stopped(output);
            output.Init(reader);
            output.Volume = 0.5f;
            volume = output.Volume;
            output.Play();
            Await(stopped);
        });

        // 0.5 is sent as 0x8000 (WaveVolume rounds to nearest) for both channels.
        Assert.Equal(0x8000 / (float)0xFFFF, volume, 1e-6f);
        Assert.Equal(devices.InputDataAtVolume(0x8000), played);
    }

    [Fact]
    public void Init_on_a_device_that_does_not_exist_throws_MmException_BADDEVICEID()
    {
        using var reader = new WaveFileReader(devices.InputFile);
        using var output = new InstallableDriversWaveOut(deviceId: 99);
        var e = Assert.Throws<MmException>(() => output.Init(reader));
        Assert.Equal(MMRESULT.MMSYSERR_BADDEVICEID, e.Result);
        Assert.Throws<InvalidOperationException>(output.Play);
    }

    [Fact]
    public void As_IWavePosition_it_counts_the_bytes_the_device_played_in_whole_frames_and_Stop_sets_it_back_to_0()
    {
        devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Realtime);
            var position = Assert.IsAssignableFrom<IWavePosition>(output);
            Assert.Equal(0, position.GetPosition());
            var stopped = Stopped(output);
            output.Init(reader);
            Assert.Equal(devices.Format, position.OutputWaveFormat);
            Assert.Equal(0, position.GetPosition());

            output.Play();
            PlayingStarted(reader);
            var early = Polled(position, p => p > 0);
            var later = Polled(position, p => p > early);
            Assert.Equal(0, early % devices.Format.BlockAlign);
            Assert.InRange(later, early + 1, devices.InputData.Length);

            // The device plays in real time: it is still playing, and waveOutReset starts the count again.
            output.Stop();
            Assert.Null(Await(stopped).Exception);
            Assert.Equal(0, position.GetPosition());
        });

        devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new InstallableDriversWaveOut(deviceId: WaveFileDevices.Fast);
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            Assert.Null(Await(stopped).Exception);
            Assert.Equal(devices.InputData.Length, output.GetPosition());
            output.Dispose();
            Assert.Throws<ObjectDisposedException>(() => output.GetPosition());
        });
    }

    /// <summary>The position once it satisfies <paramref name="condition"/>, polled (the device plays in real time).</summary>
    private static long Polled(IWavePosition position, Func<long, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        long value;
        while (!condition(value = position.GetPosition()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the position stayed at {value}");
            Thread.Sleep(5);
        }

        return value;
    }

    private static Task<StoppedEventArgs> Stopped(IWavePlayer output)
    {
        var stopped = new TaskCompletionSource<StoppedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        output.PlaybackStopped += (_, e) => stopped.TrySetResult(e);
        return stopped.Task;
    }

    /// <summary>
    /// Waits until the device has played something: the player keeps four 50 ms buffers queued and refills one only when
    /// the device hands it back, so a reader more than five buffers in means at least one buffer was played.
    /// </summary>
    private static void PlayingStarted(WaveFileReader reader)
    {
        var fiveBuffers = reader.WaveFormat.AverageBytesPerSecond / 20 * 5;
        var deadline = DateTime.UtcNow + Patience;
        while (reader.Position <= fiveBuffers)
        {
            Assert.True(DateTime.UtcNow < deadline, "the device played nothing");
            Thread.Sleep(5);
        }
    }

    private static T Await<T>(Task<T> task)
    {
        Assert.True(task.Wait(Patience), "PlaybackStopped did not fire");
        return task.Result;
    }
}
