using MmException = InstallableDrivers.Multimedia.MmException;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.NAudio;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>InstallableDriversWaveIn (IWaveIn over the services, no P/Invoke) recording from the WAV-file device's <c>in=</c> file.</summary>
[Collection(NAudioCollection.Name)]
public sealed class InstallableDriversWaveInTests(WaveFileDevices devices)
{
    [Fact]
    public void Recording_delivers_the_input_files_samples_in_order_and_RecordingStopped_once_when_the_input_ends()
    {
        using var recorded = new MemoryStream();
        var stopped = new List<StoppedEventArgs>();
        using var stoppedSignal = new ManualResetEventSlim();
        using (var input = new InstallableDriversWaveIn(deviceId: WaveFileDevices.Fast) { WaveFormat = devices.Format })
        {
            input.DataAvailable += (_, e) => recorded.Write(e.Buffer, 0, e.BytesRecorded);
            input.RecordingStopped += (_, e) =>
            {
                lock (stopped)
                {
                    stopped.Add(e);
                }

                stoppedSignal.Set();
            };
            input.StartRecording();
            Assert.True(stoppedSignal.Wait(TimeSpan.FromSeconds(20)), "RecordingStopped did not fire at the end of the input");
            input.StopRecording();
        }

        Assert.Null(Assert.Single(stopped).Exception);
        Assert.Equal(devices.InputData, recorded.ToArray());
    }

    [Fact]
    public void StopRecording_ends_a_recording_with_the_start_of_the_input()
    {
        using var recorded = new MemoryStream();
        using var some = new ManualResetEventSlim();
        using var stoppedSignal = new ManualResetEventSlim();
        using (var input = new InstallableDriversWaveIn(deviceId: WaveFileDevices.Realtime) { WaveFormat = devices.Format })
        {
            input.DataAvailable += (_, e) =>
            {
                recorded.Write(e.Buffer, 0, e.BytesRecorded);
                some.Set();
            };
            input.RecordingStopped += (_, _) => stoppedSignal.Set();
            input.StartRecording();
            Assert.True(some.Wait(TimeSpan.FromSeconds(20)), "no data");
            input.StopRecording();
            Assert.True(stoppedSignal.Wait(TimeSpan.FromSeconds(20)), "RecordingStopped did not fire");
        }

        Assert.InRange(recorded.Length, 1, devices.InputData.Length - 1);
        Assert.Equal(devices.InputData.AsSpan(0, (int)recorded.Length).ToArray(), recorded.ToArray());
    }

    [Fact]
    public void StartRecording_on_a_device_that_does_not_exist_throws_MmException_BADDEVICEID()
    {
        using var input = new InstallableDriversWaveIn(deviceId: 99) { WaveFormat = devices.Format };
        var e = Assert.Throws<MmException>(input.StartRecording);
        Assert.Equal(MMRESULT.MMSYSERR_BADDEVICEID, e.Result);
    }
}
