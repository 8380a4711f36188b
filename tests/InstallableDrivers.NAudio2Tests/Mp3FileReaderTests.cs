using InstallableDrivers.Tests.Multimedia;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio's Mp3FileReader (the NAudio package's NAudio.dll), unchanged: it parses the MP3 frames itself (NAudio.Core's
/// Mp3FileReaderBase) and decodes each through an ACM MPEG Layer-3 codec (NAudio.WinMM's AcmMp3FrameDecompressor:
/// acmStreamOpen with an MPEGLAYER3WAVEFORMAT), here drivers/acm/mp3.c. The file is made by lame from a sine at test
/// time. Run over NAudio 2.2.1 here and over 3.3.0 by InstallableDrivers.NAudioTests.
/// </summary>
[Collection(NAudioAcm.Collection)]
public sealed class Mp3FileReaderTests
{
    public Mp3FileReaderTests() => NAudioAcm.EnsureReady();

    [Fact]
    public void Mp3FileReader_decodes_a_lame_file_to_the_sine_through_the_mp3_codec()
    {
        const int Rate = 44100;
        var original = Signals.Sine(Rate * 2, Rate, 16384, 1000, 1500);
        var path = Path.Combine(Directory.CreateTempSubdirectory("naudio-mp3-").FullName, "sine.mp3");
        File.WriteAllBytes(path, LameEncoder.Encode(original, 2, Rate, 128));

        short[] decoded;
        using (var reader = new Mp3FileReader(path))
        {
            Assert.Equal(new WaveFormat(Rate, 16, 2), reader.WaveFormat);
            decoded = WaveFormats.Pcm16Samples(WaveProviders.ReadAll(reader));
        }

        // NAudio skips the Xing/LAME frame, so the decoder cannot cut lame's delay and padding: the sine comes later
        // by the encoder's and decoder's delays (576 + 529 frames) and the frames end on a frame boundary.
        const int Delay = 576 + 529;
        Assert.Equal(0, decoded.Length / 2 % 1152);
        Assert.InRange(decoded.Length / 2, original.Length / 2, (original.Length / 2) + Delay + 1152);
        var aligned = decoded.AsSpan(Delay * 2, original.Length);

        // lame 3.100 encodes at 0.95 of the input level (see Mp3CodecTests).
        var scaled = original.Select(sample => (short)Math.Round(sample * 0.95)).ToArray();
        var snr = Signals.SignalToNoise(scaled, aligned);
        Assert.True(snr > 50, $"SNR {snr:F1} dB");
        File.Delete(path);
        Directory.Delete(Path.GetDirectoryName(path)!);
    }
}
