using NAudio;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>NAudio 2.2.1's WaveOutEvent and WaveInEvent, unchanged, through the redirected winmm imports.</summary>
[Collection(NAudioCollection.Name)]
public sealed class WaveOutEventTests(WaveFileDevices devices)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void WaveOutEvent_plays_a_wav_file_to_the_end_through_the_wave_mapper_with_the_same_samples()
    {
        long position = 0;
        var played = devices.PlayedData(WaveFileDevices.Fast, () =>
        {
            using var reader = new WaveFileReader(devices.InputFile);
            using var output = new WaveOutEvent();
            using var stopped = new ManualResetEventSlim();
            output.PlaybackStopped += (_, _) => stopped.Set();
            output.Init(reader);
            output.Play();
            Assert.True(stopped.Wait(Patience), "PlaybackStopped did not fire");
            position = output.GetPosition();
        });

        // NAudio 2.2.1 writes whole buffers, the last one padded with silence: the device played the file, then zeros,
        // and its position counts both.
        Assert.Equal(devices.InputData, played.AsSpan(0, devices.InputData.Length).ToArray());
        Assert.All(played.Skip(devices.InputData.Length), b => Assert.Equal(0, b));
        Assert.Equal(played.Length, position);
    }

    [Fact]
    public void WaveOutEvent_plays_a_wav_file_through_the_alsa_driver_into_alsas_file_plugin()
    {
        using var alsa = new AlsaFileDevice();
        long position;
        using (var reader = new WaveFileReader(devices.InputFile))
        using (var output = new WaveOutEvent { DeviceNumber = AlsaFileDevice.DeviceNumber })
        {
            using var stopped = new ManualResetEventSlim();
            StoppedEventArgs? stoppedArgs = null;
            output.PlaybackStopped += (_, e) =>
            {
                stoppedArgs = e;
                stopped.Set();
            };
            output.Init(reader);
            output.Play();
            Assert.True(stopped.Wait(Patience), "PlaybackStopped did not fire");
            Assert.Null(stoppedArgs!.Exception);
            position = output.GetPosition();
        }

        // As into the WAV-file device: the file, then the silence that pads NAudio 2.2.1's last buffer.
        var played = File.ReadAllBytes(alsa.PlayedFile);
        Assert.Equal(devices.InputData, played.AsSpan(0, devices.InputData.Length).ToArray());
        Assert.All(played.Skip(devices.InputData.Length), b => Assert.Equal(0, b));
        Assert.Equal(played.Length, position);
    }

    [Fact]
    public void WaveInEvent_records_the_devices_input_in_order_and_GetPosition_counts_it()
    {
        long position;
        using var recorded = new MemoryStream();
        using var enough = new ManualResetEventSlim();
        using (var input = new WaveInEvent { DeviceNumber = WaveFileDevices.Realtime, WaveFormat = devices.Format })
        {
            input.DataAvailable += (_, e) =>
            {
                recorded.Write(e.Buffer, 0, e.BytesRecorded);
                if (recorded.Length >= devices.InputData.Length)
                {
                    enough.Set();
                }
            };
            input.StartRecording();
            Assert.True(enough.Wait(Patience), $"recorded {recorded.Length} of {devices.InputData.Length} bytes");
            // waveInGetPosition: what the device has recorded, in bytes, a whole number of frames; at least what it handed over.
            position = input.GetPosition();
            input.StopRecording();
        }

        Assert.Equal(devices.InputData, recorded.ToArray());
        Assert.InRange(position, devices.InputData.Length, devices.InputData.Length + devices.Format.AverageBytesPerSecond);
        Assert.Equal(0, position % devices.Format.BlockAlign);
    }

    [Fact]
    public void A_device_id_past_the_last_device_is_BadDeviceId_from_waveOutOpen()
    {
        using var reader = new WaveFileReader(devices.InputFile);
        using var output = new WaveOutEvent { DeviceNumber = 2 };
        var e = Assert.Throws<MmException>(() => output.Init(reader));
        Assert.Equal(MmResult.BadDeviceId, e.Result);
        Assert.Equal("waveOutOpen", e.Function);
    }
}
