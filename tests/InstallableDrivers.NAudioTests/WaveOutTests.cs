using System.Runtime.InteropServices;
using NAudio.Codecs;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>NAudio's WaveOut, unchanged, playing into the WAV-file device through the redirected winmm imports.</summary>
[Collection(NAudioCollection.Name)]
public sealed class WaveOutTests(WaveFileDevices devices)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Playing_a_wav_file_to_the_end_through_the_wave_mapper_writes_the_same_samples_and_raises_PlaybackStopped()
    {
        var played = devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new WaveOut(); // DeviceNumber -1: WAVE_MAPPER
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            var stoppedArgs = Await(stopped);
            Assert.Null(stoppedArgs.Exception);
            Assert.Equal(PlaybackState.Stopped, output.PlaybackState);
        });

        Assert.Equal(devices.InputData, played);
    }

    [Fact]
    public void A_mu_law_stream_plays_through_the_converting_wave_mapper_as_NAudios_own_decoder_decodes_it()
    {
        // No device takes µ-law: the wave mapper decodes it with the g711 codec into the PCM of the devices' format,
        // which must be what NAudio's AcmStream gets from the same codec by acmStreamConvert. (NAudio's MuLawDecoder is
        // no reference here: it gave -1 where the codec, which follows the ITU-T table, gives 0.)
        var mulawFormat = WaveFormat.CreateMuLawFormat(devices.Format.SampleRate, devices.Format.Channels);
        var mulaw = MemoryMarshal.Cast<byte, short>(devices.InputData).ToArray().Select(MuLawEncoder.LinearToMuLawSample).ToArray();
        var expected = AcmConversionTests.Convert(mulawFormat, devices.Format, mulaw);

        var played = devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var source = new RawSourceWaveStream(new MemoryStream(mulaw), mulawFormat);
            using var output = new WaveOut(); // WAVE_MAPPER
            var stopped = Stopped(output);
            output.Init(source);
            output.Play();
            Assert.Null(Await(stopped).Exception);
        });

        Assert.Equal(expected, played);
    }

    [Fact]
    public void Stop_ends_playback_early_and_what_was_played_is_the_start_of_the_file()
    {
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new WaveOut { DeviceNumber = WaveFileDevices.Realtime };
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(output);
            output.Stop();
            Assert.Null(Await(stopped).Exception);
            Assert.Equal(PlaybackState.Stopped, output.PlaybackState);
        });

        Assert.InRange(played.Length, 1, devices.InputData.Length - 1);
        Assert.Equal(devices.InputData.AsSpan(0, played.Length).ToArray(), played);
    }

    [Fact]
    public void Pause_holds_the_position_and_Play_resumes_to_the_end()
    {
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new WaveOut { DeviceNumber = WaveFileDevices.Realtime };
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(output);
            output.Pause();
            Assert.Equal(PlaybackState.Paused, output.PlaybackState);
            var paused = output.GetPosition();
            Thread.Sleep(300);
            Assert.Equal(paused, output.GetPosition());
            Assert.InRange(paused, 1, devices.InputData.Length - 1);

            output.Play();
            Assert.Equal(PlaybackState.Playing, output.PlaybackState);
            Assert.Null(Await(stopped).Exception);
        });

        Assert.Equal(devices.InputData, played);
    }

    [Fact]
    public void GetPosition_counts_the_bytes_played_in_whole_frames()
    {
        devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new WaveOut { DeviceNumber = WaveFileDevices.Realtime };
            var stopped = Stopped(output);
            output.Init(reader);
            Assert.Equal(0, output.GetPosition());
            output.Play();
            var early = PlayingStarted(output);
            Thread.Sleep(250);
            var later = output.GetPosition();
            Assert.InRange(early, 1, later - 1);
            Assert.InRange(later, early + 1, devices.InputData.Length);
            Assert.Equal(0, early % devices.Format.BlockAlign);
            Await(stopped);
            Assert.Equal(devices.InputData.Length, output.GetPosition());
        });
    }

    [Fact]
    public void Volume_scales_the_samples_as_the_device_documents_and_reads_back()
    {
        float volume = 0;
        var played = devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new WaveOut();
            var stopped = Stopped(output);
            output.Init(reader);
            output.Volume = 0.5f;
            volume = output.Volume;
            output.Play();
            Await(stopped);
        });

        // NAudio sends (int)(0.5 * 0xFFFF) = 0x7FFF for both channels.
        Assert.Equal(0x7FFF / (float)0xFFFF, volume, 1e-6f);
        Assert.Equal(devices.InputDataAtVolume(0x7FFF), played);
    }

    [Fact]
    public void Disposing_while_playing_stops_and_closes_the_device_so_the_file_is_complete()
    {
        var played = devices.PlayedData(WaveFileDevices.Realtime, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            var output = new WaveOut { DeviceNumber = WaveFileDevices.Realtime };
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            PlayingStarted(output);
            output.Dispose(); // NAudio's order: waveOutReset, unprepare the buffers, waveOutClose
            Await(stopped);
        });

        // The device wrote the file's sizes at close: the reader above found a valid file holding the played start.
        Assert.Equal(devices.InputData.AsSpan(0, played.Length).ToArray(), played);
    }

    [Fact]
    public void Playing_a_wav_file_through_the_alsa_driver_gives_alsa_the_same_bytes_and_GetPosition_counts_them()
    {
        using var alsa = new AlsaFileDevice();
        using (var reader = new WaveFileReader(devices.InputFile))
        using (var output = new WaveOut { DeviceNumber = AlsaFileDevice.DeviceNumber })
        {
            var stopped = Stopped(output);
            output.Init(reader);
            output.Play();
            Assert.Null(Await(stopped).Exception);
            Assert.Equal(PlaybackState.Stopped, output.PlaybackState);
            Assert.Equal(devices.InputData.Length, output.GetPosition());
        }

        // Closed: ALSA's file plugin has written everything the driver gave it.
        Assert.Equal(devices.InputData, File.ReadAllBytes(alsa.PlayedFile));
    }

    [Fact]
    public void Volume_through_the_alsa_driver_scales_what_reaches_alsa()
    {
        using var alsa = new AlsaFileDevice();
        using (var reader = new WaveFileReader(devices.InputFile))
        using (var output = new WaveOut { DeviceNumber = AlsaFileDevice.DeviceNumber })
        {
            var stopped = Stopped(output);
            output.Init(reader);
            output.Volume = 0.25f;
            Assert.Equal(0x3FFF / (float)0xFFFF, output.Volume, 1e-6f);
            output.Play();
            Assert.Null(Await(stopped).Exception);
        }

        // NAudio sends (int)(0.25 * 0xFFFF) = 0x3FFF for both channels; the driver scales each sample by it, within the
        // last bit (how it rounds is its own).
        var played = File.ReadAllBytes(alsa.PlayedFile);
        Assert.Equal(devices.InputData.Length, played.Length);
        for (var i = 0; i < played.Length; i += 2)
        {
            var expected = BitConverter.ToInt16(devices.InputData, i) * 0x3FFF / (double)0xFFFF;
            Assert.InRange(BitConverter.ToInt16(played, i), expected - 1, expected + 1);
        }
    }

    private static Task<StoppedEventArgs> Stopped(IWavePlayer output)
    {
        var stopped = new TaskCompletionSource<StoppedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        output.PlaybackStopped += (_, e) => stopped.TrySetResult(e);
        return stopped.Task;
    }

    /// <summary>
    /// Waits until the device has played something, and returns the position: a fixed sleep would be too short or too
    /// long on a machine busy with other work, and the device plays the one-second file in real time.
    /// </summary>
    private static long PlayingStarted(WaveOut output)
    {
        var deadline = DateTime.UtcNow + Patience;
        long position;
        while ((position = output.GetPosition()) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the device played nothing");
            Thread.Sleep(5);
        }

        return position;
    }

    private static T Await<T>(Task<T> task)
    {
        Assert.True(task.Wait(Patience), "PlaybackStopped did not fire");
        return task.Result;
    }
}
