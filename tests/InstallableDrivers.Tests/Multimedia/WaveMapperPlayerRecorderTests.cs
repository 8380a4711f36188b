using InstallableDrivers.Multimedia;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The .NET layer on the default device (WAVE_MAPPER) with compressed formats: the converting wave mapper lets
/// <see cref="WavePlayer"/> and <see cref="WaveRecorder"/> take them as any other format.
/// </summary>
public sealed class WaveMapperPlayerRecorderTests : IDisposable
{
    private readonly WaveServicesHarness harness = new();
    private readonly WaveMapperCodecs codecs = new();

    public WaveMapperPlayerRecorderTests() => WaveMapperCodecs.Register(harness.Registry);

    public void Dispose()
    {
        harness.Dispose();
        codecs.Dispose();
    }

    [Fact]
    public async Task WavePlayer_on_the_default_device_plays_a_compressed_format()
    {
        var output = harness.AddWaveFile();
        var format = WaveMapperCodecs.Format("ms-adpcm");
        var encoded = codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, WaveMapperCodecs.Tone(5000));

        long played;
        await using (var player = new WavePlayer(harness.Services, format))
        {
            played = await player.PlayAsync(new MemoryStream(encoded));
            Assert.Equal(encoded.Length, player.PositionBytes);
        }

        Assert.Equal(encoded.Length, played);
        var expected = codecs.Decoded(format, encoded);
        Assert.Equal(WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), expected), File.ReadAllBytes(Assert.Single(Directory.GetFiles(output))));
    }

    [Fact]
    public async Task WaveRecorder_on_the_default_device_records_a_compressed_format_until_the_input_ends()
    {
        var pcm = WaveMapperCodecs.Tone(4100); // not whole buffers: the input ends with a partly filled one
        harness.AddWaveFile($"pace=fast in={harness.WriteFile("in.wav", WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), pcm))}");
        var format = WaveMapperCodecs.Format("mulaw");
        var recorded = new MemoryStream();
        await using (var recorder = new WaveRecorder(harness.Services, format))
        {
            Assert.Equal(pcm.Length / 2, await recorder.RecordAsync(recorded));
        }

        Assert.Equal(codecs.Convert(WaveFormat.Pcm(8000, 16, 1), format, pcm), recorded.ToArray());
    }
}
