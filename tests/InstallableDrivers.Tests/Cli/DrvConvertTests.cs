using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Multimedia;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// <c>drv convert</c> and <c>drv codecs</c> run as processes on a temporary registry where the codecs we ship are
/// installed as <c>msacm.*</c> entries, as a user installs them (docs/drv.md). The output files are taken apart by the
/// test from the RIFF specification, and their audio judged against the input by signal-to-noise ratio.
/// </summary>
public sealed class DrvConvertTests : DrvTest
{
    /// <summary>One second of a half-scale 1 kHz sine at 8 kHz, as docs/acm-codecs.md measures the codecs.</summary>
    private const int Rate = 8000;
    private const int Frames = 8000;
    private const double Peak = 16384;
    private const double Frequency = 1000;

    private readonly short[] sine = Signals.Sine(Frames, Rate, Peak, Frequency);

    /// <summary>
    /// The round trip through each codec keeps the quality docs/acm-codecs.md and msadpcm.c measured for this signal
    /// (µ-law 33.8 dB, A-law 34.9 dB, IMA ADPCM 21.2 dB, MS ADPCM 32.7 dB), with a margin; the compressed file has the
    /// codec's format, whole blocks, and a fact chunk that counts the input's frames (not the last block's padding).
    /// </summary>
    [Theory]
    [InlineData("mulaw", 0x0007, 8, 1, 33.0)]
    [InlineData("alaw", 0x0006, 8, 1, 34.0)]
    [InlineData("ima-adpcm", 0x0011, 4, 256, 20.0)]
    [InlineData("ms-adpcm", 0x0002, 4, 256, 30.0)]
    public void Converts_pcm_to_each_codec_and_back_with_the_documented_quality(string target, int tag, int bits, int blockAlign, double minimumSnrDb)
    {
        InstallShippedCodecs();
        var input = WriteInput(sine);
        var compressed = Home.PathOf("compressed.wav");
        var back = Home.PathOf("back.wav");

        var encode = Home.Run("convert", input, compressed, "--to", target);
        Assert.True(encode.ExitCode == 0, encode.ToString());
        var encoded = RiffWaveFile.Read(compressed);
        Assert.Equal(tag, encoded.Tag);
        Assert.Equal((Rate, 1, bits, blockAlign), (encoded.SampleRate, encoded.Channels, encoded.BitsPerSample, encoded.BlockAlign));
        Assert.Equal((uint)Frames, encoded.FactSamples);
        var framesPerBlock = tag switch { 0x0011 => 505, 0x0002 => 500, _ => 1 };
        Assert.Equal((Frames + framesPerBlock - 1) / framesPerBlock * blockAlign, encoded.Data.Length);

        var decode = Home.Run("convert", compressed, back, "--to", "pcm");
        Assert.True(decode.ExitCode == 0, decode.ToString());
        var decoded = RiffWaveFile.Read(back);
        Assert.Equal((1, Rate, 1, 16), (decoded.Tag, decoded.SampleRate, decoded.Channels, decoded.BitsPerSample));
        var samples = decoded.Samples16();
        Assert.True(samples.Length >= Frames, $"{samples.Length} frames came back of {Frames}");
        var snr = Signals.SignalToNoise(sine, samples.AsSpan(0, Frames));
        Assert.True(snr > minimumSnrDb, $"round trip through {target}: {snr:F1} dB, expected above {minimumSnrDb} dB");
    }

    /// <summary>
    /// drv play of a compressed WAV opens the device with the file's own format through the wave mapper, which converts:
    /// what reaches the WAV-file device (which takes only PCM and float) is exactly the reference IMA ADPCM decoder's
    /// PCM of the file's data, with the mapper choosing the device and with --device naming it (WAVE_MAPPED).
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("0")]
    public void Play_converts_a_compressed_wav_through_the_wave_mapper(string device)
    {
        InstallShippedCodecs();
        var compressed = Home.PathOf("compressed.wav");
        Assert.Equal(0, Home.Run("convert", WriteInput(sine), compressed, "--to", "ima-adpcm").ExitCode);
        var expected = WaveFormats.Pcm16Bytes(ImaAdpcmReference.Decode(RiffWaveFile.Read(compressed).Data, 256, 1));
        var output = Directory.CreateDirectory(Home.PathOf("played")).FullName;
        new IniDriverRegistry(Home.RegistryPath).SetValue("Drivers32", "wave", $"{Home.CopyDriver("wavefile")} out={output} pace=fast");

        var play = Home.Run(device.Length == 0 ? ["play", compressed] : ["play", compressed, "--device", device]);

        Assert.True(play.ExitCode == 0, play.ToString());
        Assert.Contains("converted to PCM by the wave mapper", play.Out, StringComparison.Ordinal);
        var played = RiffWaveFile.Read(Assert.Single(Directory.GetFiles(output)));
        Assert.Equal((1, Rate, 1, 16), (played.Tag, played.SampleRate, played.Channels, played.BitsPerSample));
        Assert.Equal(expected, played.Data);
    }

    /// <summary>
    /// Without a codec for it, drv play of a compressed WAV says that no installed codec decodes it (exit 8): the
    /// mapper found no conversion, so waveOutOpen answered WAVERR_BADFORMAT.
    /// </summary>
    [Fact]
    public void Play_of_a_format_no_installed_codec_decodes_is_not_possible()
    {
        InstallShippedCodecs();
        var compressed = Home.PathOf("compressed.wav");
        Assert.Equal(0, Home.Run("convert", WriteInput(sine), compressed, "--to", "mulaw").ExitCode);
        Assert.Equal(0, Home.Run("remove", "msacm.g711").ExitCode);
        new IniDriverRegistry(Home.RegistryPath).SetValue("Drivers32", "wave", $"{Home.CopyDriver("wavefile")} out={Home.PathOf()} pace=fast");

        var play = Home.Run("play", compressed);

        Assert.Equal(8, play.ExitCode);
        Assert.Contains("waveOutOpen failed: WAVERR_BADFORMAT (32)", play.Error, StringComparison.Ordinal);
        Assert.Contains("No installed codec decodes", play.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Stereo at 44.1 kHz keeps each channel apart through IMA ADPCM and back. docs/acm-codecs.md gives 36.0 dB for a
    /// 1 kHz left and 1.5 kHz right channel; per channel the 1.5 kHz one measured 32.9 dB here, so the threshold is 30.
    /// </summary>
    [Fact]
    public void Converts_stereo_at_44_1_khz_through_ima_adpcm_and_back()
    {
        InstallShippedCodecs();
        var stereo = Signals.Sine(44100, 44100, Peak, 1000, 1500);
        var input = Home.PathOf("stereo44.wav");
        File.WriteAllBytes(input, WavFileBytes.Of(WavFileBytes.Pcm(44100, 16, 2), WaveFormats.Pcm16Bytes(stereo)));
        var compressed = Home.PathOf("stereo44-ima.wav");
        var back = Home.PathOf("stereo44-back.wav");
        Assert.Equal(0, Home.Run("convert", input, compressed, "--to", "ima-adpcm").ExitCode);
        var encoded = RiffWaveFile.Read(compressed);
        Assert.Equal((0x11, 44100, 2, 2048), (encoded.Tag, encoded.SampleRate, encoded.Channels, encoded.BlockAlign));
        Assert.Equal(44100u, encoded.FactSamples);
        Assert.Equal(0, Home.Run("convert", compressed, back, "--to", "pcm").ExitCode);
        var samples = RiffWaveFile.Read(back).Samples16();
        for (var channel = 0; channel < 2; channel++)
        {
            var original = stereo.Where((_, i) => i % 2 == channel).ToArray();
            var decoded = samples.Where((_, i) => i % 2 == channel).Take(original.Length).ToArray();
            var snr = Signals.SignalToNoise(original, decoded);
            Assert.True(snr > 30, $"channel {channel}: {snr:F1} dB, expected above 30 dB");
        }
    }

    /// <summary>PCM to PCM at another rate: the built-in converter's resampler keeps the tone and the length.</summary>
    [Fact]
    public void Converts_the_sample_rate_keeping_the_tone()
    {
        var output = Home.PathOf("44k.wav");
        var result = Home.Run("convert", WriteInput(sine), output, "--to", "pcm:44100/16/1");
        Assert.True(result.ExitCode == 0, result.ToString());
        var wave = RiffWaveFile.Read(output);
        Assert.Equal((1, 44100, 1, 16), (wave.Tag, wave.SampleRate, wave.Channels, wave.BitsPerSample));
        var samples = wave.Samples16();
        Assert.InRange(samples.Length, 44100 - 64, 44100 + 64);
        AssertTone(samples, 44100, minimumSnrDb: 30);
    }

    /// <summary>Mono to stereo copies the channel; 16 to 8 bits keeps each sample's top byte (8-bit PCM is unsigned).</summary>
    [Fact]
    public void Converts_channels_and_bit_depth()
    {
        var stereo = Home.PathOf("stereo.wav");
        var result = Home.Run("convert", WriteInput(sine), stereo, "--to", "pcm:8000/16/2");
        Assert.True(result.ExitCode == 0, result.ToString());
        var wave = RiffWaveFile.Read(stereo);
        Assert.Equal((8000, 2, 4), (wave.SampleRate, wave.Channels, wave.BlockAlign));
        var samples = wave.Samples16();
        Assert.Equal(2 * Frames, samples.Length);
        Assert.Equal(sine, samples.Where((_, i) => i % 2 == 0));
        Assert.Equal(sine, samples.Where((_, i) => i % 2 == 1));

        var eightBit = Home.PathOf("8bit.wav");
        result = Home.Run("convert", WriteInput(sine), eightBit, "--to", "pcm:8000/8/1");
        Assert.True(result.ExitCode == 0, result.ToString());
        wave = RiffWaveFile.Read(eightBit);
        Assert.Equal((8, 1), (wave.BitsPerSample, wave.BlockAlign));
        Assert.Equal(Frames, wave.Data.Length);
        for (var i = 0; i < Frames; i++)
        {
            Assert.InRange(wave.Data[i] - 128 - (sine[i] / 256.0), -1, 1);
        }
    }

    /// <summary>
    /// No driver converts µ-law at 8 kHz to PCM at 44.1 kHz stereo in one step: drv goes through PCM at 8 kHz, says
    /// so, and the tone arrives.
    /// </summary>
    [Fact]
    public void Converts_through_pcm_when_no_codec_converts_directly()
    {
        InstallShippedCodecs();
        var mulaw = Home.PathOf("mulaw.wav");
        Assert.Equal(0, Home.Run("convert", WriteInput(sine), mulaw, "--to", "mulaw").ExitCode);
        var output = Home.PathOf("44k-stereo.wav");
        var result = Home.Run("convert", mulaw, output, "--to", "pcm:44100/16/2");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, result.Out.Split(" → ").Length);
        var wave = RiffWaveFile.Read(output);
        Assert.Equal((1, 44100, 2), (wave.Tag, wave.SampleRate, wave.Channels));
        var samples = wave.Samples16();
        AssertTone(samples.Where((_, i) => i % 2 == 0).ToArray(), 44100, minimumSnrDb: 25);
    }

    /// <summary>
    /// A WAV file holding MP3 (an MPEGLAYER3WAVEFORMAT and lame's frames) decodes to PCM through the mp3 codec: the
    /// stream's rate and channels, its length (mpg123 cuts lame's delay and padding by the LAME tag), and the sine.
    /// </summary>
    [Fact]
    public void Converts_an_mp3_wav_to_pcm_through_the_mp3_codec()
    {
        InstallShippedCodecs();
        const int Mp3Rate = 44100;
        var original = Signals.Sine(Mp3Rate, Mp3Rate, Peak, Frequency);
        var mp3 = LameEncoder.Encode(original, 1, Mp3Rate, 128);
        var input = Home.PathOf("sine-mp3.wav");
        File.WriteAllBytes(input, WavFileBytes.Of(WaveFormats.Mp3(1, Mp3Rate, 128), mp3, factFrames: (uint)original.Length));
        var output = Home.PathOf("sine-pcm.wav");

        var result = Home.Run("convert", input, output, "--to", "pcm");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("tag 0x0055", result.Out, StringComparison.Ordinal);
        var decoded = RiffWaveFile.Read(output);
        Assert.Equal((1, Mp3Rate, 1, 16), (decoded.Tag, decoded.SampleRate, decoded.Channels, decoded.BitsPerSample));
        var samples = decoded.Samples16();
        Assert.InRange(samples.Length, original.Length, original.Length + 1152);
        AssertTone(samples, Mp3Rate, minimumSnrDb: 40);
    }

    [Fact]
    public void An_unknown_target_is_a_command_line_error()
    {
        var output = Home.PathOf("out.wav");
        var result = Home.Run("convert", WriteInput(sine), output, "--to", "mp3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'mp3' is not a format drv converts to", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        result = Home.Run("convert", WriteInput(sine), output, "--to", "pcm:44100/12/2");
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_missing_input_is_not_found_and_a_file_that_is_not_a_wav_is_bad_input()
    {
        var output = Home.PathOf("out.wav");
        var missing = Home.Run("convert", Home.PathOf("nothing.wav"), output, "--to", "pcm");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("nothing.wav", missing.Error, StringComparison.Ordinal);

        var text = Home.PathOf("text.wav");
        File.WriteAllText(text, "not a wave file at all");
        var bad = Home.Run("convert", text, output, "--to", "pcm");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not a WAV file", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>With no codec installed only PCM converts: µ-law is not possible (exit 8), and an existing output stays as it was.</summary>
    [Fact]
    public void A_conversion_no_installed_codec_does_is_not_possible_and_leaves_the_output_alone()
    {
        var output = Home.PathOf("out.wav");
        File.WriteAllText(output, "keep me");
        var result = Home.Run("convert", WriteInput(sine), output, "--to", "mulaw");
        Assert.Equal(8, result.ExitCode);
        Assert.Contains("ACMERR_NOTPOSSIBLE", result.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!, "*out.wav*"));
    }

    /// <summary>drv codecs lists each installed codec with its format tags as the driver names them, and the built-in PCM converter.</summary>
    [Fact]
    public void Codecs_lists_the_installed_codecs_with_their_format_tags()
    {
        InstallShippedCodecs();
        var result = Home.Run("codecs");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var expected in new[] { "G.711", "ITU-T G.711 A-law", "ITU-T G.711 µ-law", "IMA ADPCM", "MS-ADPCM", "Microsoft ADPCM", "MPEG Layer-3", "0x0006", "0x0007", "0x0011", "0x0002", "0x0055" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// With no codec installed, drv codecs lists the built-in PCM converter, writes nothing to the registry, and prints
    /// the commands that install the codecs drv ships, with their real paths.
    /// </summary>
    [Fact]
    public void Codecs_on_an_empty_registry_shows_the_pcm_converter_and_how_to_install_the_shipped_codecs()
    {
        var result = Home.Run("codecs");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Microsoft PCM Converter", result.Out, StringComparison.Ordinal);
        Assert.Contains("No codec is installed", result.Out, StringComparison.Ordinal);
        foreach (var codec in new[] { "g711", "imaadpcm", "msadpcm", "mp3" })
        {
            var line = result.Out.Split('\n').Single(text => text.Contains("--alias msacm." + codec, StringComparison.Ordinal));
            var file = line.Trim().Split(' ')[2];
            Assert.True(File.Exists(file), $"'{line}' names no file");
        }

        Assert.False(File.Exists(Home.RegistryPath) && Home.RegistryText.Contains("msacm.", StringComparison.Ordinal));
    }

    private void InstallShippedCodecs()
    {
        foreach (var codec in new[] { "g711", "imaadpcm", "msadpcm", "mp3" })
        {
            var install = Home.Run("install", Home.CopyDriver(codec), "--alias", "msacm." + codec);
            Assert.True(install.ExitCode == 0, install.ToString());
        }
    }

    private string WriteInput(short[] samples)
    {
        var path = Home.PathOf($"input-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, WavFileBytes.Of(WavFileBytes.Pcm(Rate, 16, 1), WaveFormats.Pcm16Bytes(samples)));
        return path;
    }

    /// <summary>
    /// The samples are a <see cref="Frequency"/> sine at <paramref name="rate"/>: the sine of that frequency nearest to
    /// them (least squares over sine and cosine, leaving out the ends where a resampler's filter starts and stops)
    /// leaves a residue at least <paramref name="minimumSnrDb"/> below it.
    /// </summary>
    private static void AssertTone(short[] samples, int rate, double minimumSnrDb)
    {
        var margin = samples.Length / 20;
        double ss = 0, cc = 0, sc = 0, sy = 0, cy = 0;
        for (var i = margin; i < samples.Length - margin; i++)
        {
            var (s, c) = Math.SinCos(2 * Math.PI * Frequency * i / rate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            sy += s * samples[i];
            cy += c * samples[i];
        }

        var determinant = (ss * cc) - (sc * sc);
        var a = ((sy * cc) - (cy * sc)) / determinant;
        var b = ((cy * ss) - (sy * sc)) / determinant;
        double signal = 0, noise = 0;
        for (var i = margin; i < samples.Length - margin; i++)
        {
            var (s, c) = Math.SinCos(2 * Math.PI * Frequency * i / rate);
            var fitted = (a * s) + (b * c);
            signal += fitted * fitted;
            noise += (samples[i] - fitted) * (samples[i] - fitted);
        }

        var snr = 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
        Assert.True(snr > minimumSnrDb, $"{Frequency} Hz tone at {rate} Hz: {snr:F1} dB, expected above {minimumSnrDb} dB");
        Assert.InRange(Math.Sqrt((a * a) + (b * b)), Peak * 0.9, Peak * 1.1);
    }
}
