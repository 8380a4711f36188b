using System.Diagnostics;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Tests.Cli;
using InstallableDrivers.Tests.Multimedia;
using InstallableDrivers.Tests.Sdk;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Samples;

/// <summary>
/// samples/NAudioOnLinux run as the README shows, as its own process: into the WAV-file device, and through the ALSA
/// driver into ALSA's own <c>file</c> plugin over its <c>null</c> plugin (a temporary ALSA configuration of the child
/// process), which writes every byte played into a file per rate and channel count.
/// </summary>
public sealed class NAudioOnLinuxSampleTests : IDisposable
{
    private readonly TempDirectory home = new();

    /// <summary>The MP3 built into the sample, as committed.</summary>
    private static string ChordMp3 => Path.Combine(NativeToolchain.RepositoryRoot, "samples", "NAudioOnLinux", "chord.mp3");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task The_sample_plays_a_wav_file_through_NAudios_WaveOut_and_InstallableDriversWaveOut_into_the_wav_file_device()
    {
        var samples = RandomSamples();
        var output = await RunSample(alsaDevice: null, WriteWav(samples));

        // Without a sound card both played into the WAV-file device: two files, each the input's samples bit for bit.
        if (output.Contains("No sound card", StringComparison.Ordinal))
        {
            var written = Directory.GetFiles(home.File("naudio-on-linux-renders"));
            Assert.Equal(2, written.Length);
            foreach (var file in written)
            {
                using var reader = WaveFileReader.Open(file);
                using var data = new MemoryStream();
                reader.Data.CopyTo(data);
                Assert.Equal(samples, data.ToArray());
            }
        }
    }

    [Fact]
    public async Task With_alsa_it_plays_a_wav_and_an_mp3_through_the_alsa_driver_the_mp3_decoded_as_drv_convert_decodes_it()
    {
        var samples = RandomSamples();
        var output = await RunSample("nauditest", WriteWav(samples), ChordMp3);
        Assert.Contains("NAudio's WaveOut, chord.mp3: played 16 bit PCM: 44100Hz 2 channels.", output, StringComparison.Ordinal);

        // The WAV, played twice at 22.05 kHz mono (each open of the file plugin starts its file anew): its samples.
        Assert.Equal(samples, File.ReadAllBytes(home.File("alsa-22050-1.raw")));
        AssertDecodedChord(File.ReadAllBytes(home.File("alsa-44100-2.raw")));
    }

    [Fact]
    public async Task With_no_file_it_plays_its_own_tone_wav_and_chord_mp3()
    {
        var output = await RunSample("nauditest");
        Assert.Contains("NAudio's WaveOut, tone.wav: played 16 bit PCM: 22050Hz 1 channels.", output, StringComparison.Ordinal);
        Assert.Contains("InstallableDriversWaveOut, tone.wav: played", output, StringComparison.Ordinal);

        // Half a second of a 440 Hz tone at a fifth of full scale.
        var tone = WaveFormats.Pcm16Samples(File.ReadAllBytes(home.File("alsa-22050-1.raw")));
        Assert.Equal(11025, tone.Length);
        Assert.InRange(tone.Max(sample => Math.Abs((int)sample)), 6000, 6600);
        var upwardCrossings = Enumerable.Range(1, tone.Length - 1).Count(i => tone[i - 1] < 0 && tone[i] >= 0);
        Assert.InRange(upwardCrossings, 219, 221);
        AssertDecodedChord(File.ReadAllBytes(home.File("alsa-44100-2.raw")));
    }

    /// <summary>
    /// What reached the device is chord.mp3 as <c>drv convert --to pcm</c> decodes it (our ACM over the whole stream,
    /// no NAudio), byte for byte, then silence: NAudio's reader gives a little more than the frames hold.
    /// </summary>
    private void AssertDecodedChord(byte[] played)
    {
        var mp3 = File.ReadAllBytes(ChordMp3);
        var wav = home.File("chord.wav");
        File.WriteAllBytes(wav, WavFileBytes.Of(WaveFormats.Mp3(2, 44100, 96), mp3, factFrames: 26460));
        using var drv = new DrvHome();
        Assert.Equal(0, drv.Run("install", drv.CopyDriver("mp3"), "--alias", "msacm.mp3").ExitCode);
        var pcm = home.File("chord-pcm.wav");
        var convert = drv.Run("convert", wav, pcm, "--to", "pcm");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        var decoded = RiffWaveFile.Read(pcm).Data;

        // 0.6 s of chord in whole MP3 frames of 1152 samples, 4 bytes each.
        Assert.Equal(0, decoded.Length % (1152 * 4));
        Assert.InRange(decoded.Length, 26460 * 4, (26460 + 2304) * 4);
        Assert.True(played.Length >= decoded.Length, $"{played.Length} bytes played of {decoded.Length} decoded");
        Assert.Equal(decoded, played[..decoded.Length]);
        Assert.InRange(played.Length - decoded.Length, 0, 44100 * 4 / 10);
        Assert.All(played[decoded.Length..], b => Assert.Equal(0, b));
    }

    /// <summary>Runs the sample with a registry and an ALSA configuration of its own; returns what it printed.</summary>
    private async Task<string> RunSample(string? alsaDevice, params string[] files)
    {
        string[] arguments = alsaDevice is null ? files : ["--alsa", alsaDevice, .. files];
        var start = BuiltProgram.StartInfo("NAudioOnLinuxPath", arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["INSTALLABLE_DRIVERS_REGISTRY"] = home.File("system.ini");
        if (alsaDevice is not null)
        {
            // A configuration of its own for the child (ALSA's own alsa.conf is not needed by the plugins used here).
            var configuration = home.File("asound.conf");
            File.WriteAllText(configuration, $$"""
                pcm.{{alsaDevice}} {
                  type file
                  slave.pcm { type null }
                  format "raw"
                  file "{{home.File("alsa-%r-%c.raw")}}"
                }
                """);
            start.Environment["ALSA_CONFIG_PATH"] = configuration;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await error}");
        foreach (var file in files)
        {
            Assert.Contains($"NAudio's WaveOut, {Path.GetFileName(file)}: played", output, StringComparison.Ordinal);
        }

        return output;
    }

    private static byte[] RandomSamples()
    {
        var samples = new byte[44100];
        new Random(12).NextBytes(samples);
        return samples;
    }

    private string WriteWav(byte[] samples)
    {
        var input = home.File("in.wav");
        using var writer = WaveFileWriter.Create(input, WaveFormat.Pcm(22050, 16, 1));
        writer.Write(samples);
        return input;
    }
}
