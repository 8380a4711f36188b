using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Registries;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The idiomatic layer (WaveDevices, WavePlayer, WaveRecorder, MmException) over WaveServices and the WAV-file driver:
/// output files compared byte for byte with WAV files built by the test, recordings with the input file's samples.
/// </summary>
public sealed class WavePlayerRecorderTests : IDisposable
{
    private static readonly WaveFormat Cd = WaveFormat.Pcm(44100, 16, 2);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);
    private readonly WaveServicesHarness harness = new();
    private readonly TemporaryDirectory files = new();

    public void Dispose()
    {
        harness.Dispose();
        files.Dispose();
    }

    // ---- devices ----------------------------------------------------------------------------------------------------

    [Fact]
    public void Devices_are_listed_with_their_capabilities_and_driver_alias_in_registry_order()
    {
        harness.AddWaveFile();
        var input = InputFile(WaveFormat.Pcm(8000, 8, 1), Samples(100));
        harness.AddWaveFile($"pace=fast in={input}");

        var outputs = harness.Services.GetOutputDevices();
        var inputs = harness.Services.GetInputDevices();

        Assert.Equal([(0u, "wave"), (1u, "wave1")], outputs.Select(d => (d.Id, d.DriverAlias)));
        Assert.All(outputs, d => Assert.Equal(("WAV file out", 2), (d.Name, d.Channels)));
        Assert.All(outputs, d => Assert.NotEqual(0u, d.Support & WaveCapsSupport.WAVECAPS_VOLUME));
        var device = Assert.Single(inputs);
        Assert.Equal((0u, "WAV file in", "wave1", 1), (device.Id, device.Name, device.DriverAlias, device.Channels));
    }

    // ---- playing ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task PlayAsync_plays_the_whole_stream_bit_exact_and_reports_every_buffer()
    {
        var output = harness.AddWaveFile();
        var samples = Samples(10_006); // 2 buffers of 441 frames (10 ms) do not divide it: the last buffer is short
        var reports = new List<long>();
        var events = new List<WaveBufferEventArgs>();
        long played;
        using (var player = new WavePlayer(harness.Services, Cd, 0, bufferCount: 3, bufferDuration: TimeSpan.FromMilliseconds(10)))
        {
            player.BufferDone += (_, e) => events.Add(e);
            played = await player.PlayAsync(new MemoryStream(samples), new InlineProgress(reports.Add)).WaitAsync(Quick);
            Assert.Equal(samples.Length, player.PositionBytes);
        }

        Assert.Equal(samples.Length, played);
        Assert.Equal(WavFileBytes.Of(Cd.Header, samples), File.ReadAllBytes(Assert.Single(Directory.GetFiles(output))));
        Assert.Equal(events.Select(e => e.TotalBytes), reports);
        Assert.Equal(samples.Length, events.Sum(e => e.Bytes));
        Assert.Equal(1764, events[0].Bytes);
        Assert.Equal(samples.Length, reports[^1]);
    }

    [Fact]
    public async Task Cancelling_PlayAsync_resets_and_keeps_the_device_usable_and_the_file_a_valid_prefix()
    {
        var output = harness.AddWaveFile("pace=realtime");
        var samples = Samples(44100 * 4 * 5); // 5 s: far longer than the test waits
        using var cancel = new CancellationTokenSource();
        using (var player = new WavePlayer(harness.Services, Cd, 0, bufferCount: 3, bufferDuration: TimeSpan.FromMilliseconds(20)))
        {
            player.BufferDone += (_, _) => cancel.Cancel(); // after the first buffer has played
            var playing = player.PlayAsync(new MemoryStream(samples), cancellationToken: cancel.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing.WaitAsync(Quick));

            // Every buffer came back: the same player plays again, and to its end.
            var more = Samples(400, seed: 7);
            Assert.Equal(more.Length, await player.PlayAsync(new MemoryStream(more)).WaitAsync(Quick));
        }

        using var reader = WaveFileReader.Open(Assert.Single(Directory.GetFiles(output)));
        var written = new MemoryStream();
        reader.Data.CopyTo(written);
        var bytes = written.ToArray();
        Assert.InRange(bytes.Length, 400 + 3528, samples.Length / 2); // at least the first buffer and the second play
        var firstPart = bytes.Length - 400;
        Assert.Equal(samples.AsSpan(0, firstPart).ToArray(), bytes[..firstPart]);
        Assert.Equal(Samples(400, seed: 7), bytes[firstPart..]);
    }

    [Fact]
    public void Volume_goes_to_the_device_and_back()
    {
        harness.AddWaveFile();
        using var player = new WavePlayer(harness.Services, Cd, 0);
        player.Volume = new WaveVolume(0.5, 0.25);

        var volume = player.Volume;
        Assert.Equal(0.5, volume.Left, 1.0 / 65535);
        Assert.Equal(0.25, volume.Right, 1.0 / 65535);
    }

    [Fact]
    public void A_format_the_device_refuses_is_an_MmException_naming_the_call_the_code_and_its_text()
    {
        harness.AddWaveFile();
        var twelveBits = new WaveFormat(WavFileBytes.Pcm(44100, 12, 2));

        var error = Assert.Throws<MmException>(() => new WavePlayer(harness.Services, twelveBits, 0));

        Assert.Equal(("waveOutOpen", WAVERR_BADFORMAT), (error.Function, error.Result));
        Assert.StartsWith("waveOutOpen failed: WAVERR_BADFORMAT (32): ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > "waveOutOpen failed: WAVERR_BADFORMAT (32): ".Length);
    }

    [Fact]
    public void A_device_id_out_of_range_is_MMSYSERR_BADDEVICEID()
    {
        harness.AddWaveFile();
        var error = Assert.Throws<MmException>(() => new WaveRecorder(harness.Services, Cd, 0)); // no input device
        Assert.Equal(("waveInOpen", MMSYSERR_BADDEVICEID), (error.Function, error.Result));
        Assert.Equal(MMSYSERR_BADDEVICEID, Assert.Throws<MmException>(() => new WavePlayer(harness.Services, Cd, 1)).Result);
    }

    // ---- recording --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task RecordAsync_records_the_duration_asked_from_the_input()
    {
        var format = WaveFormat.Pcm(8000, 16, 1);
        var samples = Samples(8000);
        harness.AddWaveFile($"pace=fast in={InputFile(format, samples)}");
        using var recorder = new WaveRecorder(harness.Services, format, 0, bufferDuration: TimeSpan.FromMilliseconds(30));
        var recorded = new MemoryStream();

        var bytes = await recorder.RecordAsync(recorded, TimeSpan.FromSeconds(0.25)).WaitAsync(Quick);

        Assert.Equal(4000, bytes); // 0.25 s of 16 000 bytes a second
        Assert.Equal(samples[..4000], recorded.ToArray());
    }

    [Fact]
    public async Task RecordAsync_ends_where_the_input_ends_and_fills_a_WAV_file()
    {
        var format = WaveFormat.Pcm(8000, 8, 1);
        var samples = Samples(1001); // not a whole number of 240-byte buffers
        harness.AddWaveFile($"pace=fast in={InputFile(format, samples)}");
        var path = files.File("recorded.wav");
        using var recorder = new WaveRecorder(harness.Services, format, 0, bufferDuration: TimeSpan.FromMilliseconds(30));

        long bytes;
        await using (var file = WaveFileWriter.Create(path, format))
        {
            bytes = await recorder.RecordAsync(file).WaitAsync(Quick);
        }

        Assert.Equal(samples.Length, bytes);
        Assert.Equal(WavFileBytes.Of(format.Header, samples), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Cancelling_RecordAsync_ends_it_normally_with_what_was_recorded()
    {
        var samples = Samples(44100 * 4 * 5);
        harness.AddWaveFile($"pace=realtime in={InputFile(Cd, samples)}");
        using var recorder = new WaveRecorder(harness.Services, Cd, 0, bufferDuration: TimeSpan.FromMilliseconds(20));
        using var cancel = new CancellationTokenSource();
        recorder.BufferDone += (_, _) => cancel.Cancel();
        var recorded = new MemoryStream();

        var bytes = await recorder.RecordAsync(recorded, cancellationToken: cancel.Token).WaitAsync(Quick);

        Assert.InRange(bytes, 3528, samples.Length / 2);
        Assert.Equal(samples.AsSpan(0, (int)bytes).ToArray(), recorded.ToArray());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static byte[] Samples(int length, int seed = 0)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private string InputFile(WaveFormat format, byte[] samples)
    {
        var path = files.File($"in-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, WavFileBytes.Of(format.Header, samples));
        return path;
    }

    /// <summary>Takes each report at once, on the reporting thread (Progress&lt;T&gt; would post it).</summary>
    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
