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

    [NotOnWindowsFact]
    public async Task IMA_ADPCM_played_on_the_default_device_reaches_ALSA_as_the_PCM_it_decodes_to()
    {
        // The ALSA driver takes only PCM and float: the wave mapper decodes with the installed IMA ADPCM codec.
        WaveMapperCodecs.Register(harness.Registry);
        using var codecs = new WaveMapperCodecs();
        var format = WaveMapperCodecs.Format("ima-adpcm");
        var encoded = codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, WaveMapperCodecs.Tone(8000));
        File.Delete(AlsaTestDevice.PlayedFile);

        await using (var player = new WavePlayer(harness.Services, format))
        {
            Assert.Equal(encoded.Length, await player.PlayAsync(new MemoryStream(encoded)).WaitAsync(Quick));
        }

        Assert.Equal(codecs.Decoded(format, encoded), File.ReadAllBytes(AlsaTestDevice.PlayedFile));
    }
}
