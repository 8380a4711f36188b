using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>NAudio's WaveIn, unchanged, recording from the WAV-file device (which reads its <c>in=</c> file).</summary>
[Collection(NAudioCollection.Name)]
public sealed class WaveInTests(WaveFileDevices devices)
{
    [Fact]
    public void Recording_from_the_wav_file_device_delivers_the_files_samples_in_order_and_RecordingStopped_fires()
    {
        using var recorded = new MemoryStream();
        using var enough = new ManualResetEventSlim();
        using var stoppedSignal = new ManualResetEventSlim();
        StoppedEventArgs? stopped = null;
        // At the format's rate: NAudio walks its buffers in array order, not in the order they were queued, so buffers that
        // all come back at once (the fast device) may reach DataAvailable out of order — as they would on Windows.
        using (var input = new WaveIn { DeviceNumber = WaveFileDevices.Realtime, WaveFormat = devices.Format })
        {
            input.DataAvailable += (_, e) =>
            {
                recorded.Write(e.Buffer, 0, e.BytesRecorded);
                if (recorded.Length >= devices.InputData.Length)
                {
                    enough.Set();
                }
            };
            input.RecordingStopped += (_, e) =>
            {
                stopped = e;
                stoppedSignal.Set();
            };
            input.StartRecording();
            Assert.True(enough.Wait(TimeSpan.FromSeconds(20)), $"recorded {recorded.Length} of {devices.InputData.Length} bytes");
            input.StopRecording();
            Assert.True(stoppedSignal.Wait(TimeSpan.FromSeconds(20)), "RecordingStopped did not fire");
        }

        Assert.Null(stopped!.Exception);
        Assert.Equal(devices.InputData, recorded.ToArray());
    }
}
