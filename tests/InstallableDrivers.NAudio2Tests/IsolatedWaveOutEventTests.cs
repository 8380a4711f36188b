using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio 2.2.1's WaveOutEvent, unchanged, on a wave driver installed isolated: its WAVEHDRs are .NET objects pinned only
/// for the length of each call, so the driver in its host is given copies in the shared arena, made at each write.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed class IsolatedWaveOutEventTests(WaveFileDevices devices)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WaveOutEvent_plays_a_wav_file_through_the_isolated_wav_file_driver_with_the_same_samples()
    {
        var folder = Directory.CreateTempSubdirectory("naudio2-isolated-").FullName;
        try
        {
            using (new IsolatedWaveDevice("wavefile.so", $"out={folder} pace=fast"))
            using (var reader = new WaveFileReader(devices.InputFile))
            using (var output = new WaveOutEvent { DeviceNumber = IsolatedWaveDevice.DeviceNumber })
            {
                var stopped = new TaskCompletionSource<StoppedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
                output.PlaybackStopped += (_, e) => stopped.TrySetResult(e);
                output.Init(reader);
                output.Play();
                Assert.Null((await stopped.Task.WaitAsync(Patience)).Exception);
            }

            // As in process: the file, then the silence that pads NAudio 2.2.1's last buffer.
            using var written = new WaveFileReader(Assert.Single(Directory.GetFiles(folder)));
            var played = new byte[written.Length];
            Assert.Equal(played.Length, written.Read(played, 0, played.Length));
            Assert.Equal(devices.InputData, played.AsSpan(0, devices.InputData.Length).ToArray());
            Assert.All(played.Skip(devices.InputData.Length), b => Assert.Equal(0, b));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
