using InstallableDrivers.Multimedia;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// WavePlayer and WaveRecorder through the ALSA driver, on ALSA's file and null plugins (<see cref="AlsaTestDevice"/>):
/// what a machine with a sound card does, checked byte for byte.
/// </summary>
[Collection(AlsaTestDevice.Users)]
public sealed class WavePlayerAlsaTests : IDisposable
{
    private static readonly WaveFormat Cd = WaveFormat.Pcm(44100, 16, 2);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);
    private readonly WaveServicesHarness harness = new();

    public WavePlayerAlsaTests() =>
        harness.AddRegistryLine($"{Path.Combine(TestDrivers.Directory, "alsa.so")} device={AlsaTestDevice.Playback} capture={AlsaTestDevice.Capture}");

    public void Dispose() => harness.Dispose();

    [NotOnWindowsFact]
    public async Task A_stream_played_through_the_ALSA_driver_arrives_whole_and_in_order()
    {
        File.Delete(AlsaTestDevice.PlayedFile);
        var samples = new byte[4 * 9000]; // 9000 frames: four 2205-frame buffers and a short fifth
        new Random(3).NextBytes(samples);

        await using (var player = new WavePlayer(harness.Services, Cd, 0))
        {
            Assert.Equal(samples.Length, await player.PlayAsync(new MemoryStream(samples)).WaitAsync(Quick));
        }

        Assert.Equal(samples, File.ReadAllBytes(AlsaTestDevice.PlayedFile));
    }

    [NotOnWindowsFact]
    public async Task A_recording_through_the_ALSA_driver_holds_the_capture_device_s_samples()
    {
        var source = new byte[4 * 44100];
        new Random(4).NextBytes(source);
        File.WriteAllBytes(AlsaTestDevice.RecordedSource, source);
        var recorded = new MemoryStream();

        await using (var recorder = new WaveRecorder(harness.Services, Cd, 0))
        {
            Assert.Equal(4 * 11025, await recorder.RecordAsync(recorded, TimeSpan.FromSeconds(0.25)).WaitAsync(Quick));
        }

        Assert.Equal(source.AsSpan(0, 4 * 11025).ToArray(), recorded.ToArray());
    }
}
