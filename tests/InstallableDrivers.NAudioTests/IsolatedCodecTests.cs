using InstallableDrivers.Tests.Multimedia;
using NAudio;
using NAudio.Wave;
using NAudio.Wave.Compression;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio's AcmStream and WaveFormatConversionStream, unchanged, over codecs that run in host processes (docs/acm.md,
/// "Isolated codecs"): NAudio's buffers live in the .NET heap, and the ACM copies them into the host's arena and back,
/// so the bytes are those of the codec in process. A codec that crashes in the middle of a conversion makes NAudio
/// throw its MmException (MMSYSERR_NODRIVER from acmStreamConvert) instead of hanging or ending the process, and the
/// stream still disposes cleanly.
/// </summary>
[Collection(NAudioAcm.Collection)]
public sealed class IsolatedCodecTests
{
    private static readonly WaveFormat Pcm8kMono = new(8000, 16, 1);

    public IsolatedCodecTests() => NAudioAcm.EnsureReady();

    private static string Driver(string name) => Path.Combine(AppContext.BaseDirectory, "drivers", name + ".so");

    [Fact]
    public void AcmStream_and_WaveFormatConversionStream_through_an_isolated_codec_give_the_in_process_bytes()
    {
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(24000, 8000, 12000, 440));
        var muLaw = WaveFormat.CreateMuLawFormat(8000, 1);
        var expected = AcmConversionTests.Convert(Pcm8kMono, muLaw, pcm);
        var expectedBack = AcmConversionTests.Convert(muLaw, Pcm8kMono, expected);

        using (new IsolatedLocalCodec(Driver("g711"), "msacm.g711-isolated"))
        {
            Assert.Equal(expected, AcmConversionTests.Convert(Pcm8kMono, muLaw, pcm));
            using (new AcmStream(Pcm8kMono, muLaw))
            {
                Assert.Equal(1, IsolatedLocalCodec.HostProcesses()); // the stream's codec runs in a host
            }

            using var source = new RawSourceWaveStream(new MemoryStream(expected), muLaw);
            using var decoder = new WaveFormatConversionStream(Pcm8kMono, source);
            Assert.Equal(expectedBack, WaveProviders.ReadAll(decoder));
        }
    }

    [Fact]
    public void A_codec_crashing_in_its_host_during_a_conversion_makes_AcmStream_throw_MmException_NoDriver()
    {
        var directory = Directory.CreateTempSubdirectory("naudio-acmcrash-");
        try
        {
            var driver = Path.Combine(directory.FullName, "acmcrashdrv.so");
            File.Copy(Driver("acmcrashdrv"), driver);
            var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(8000, 8000, 12000, 440));
            using var codec = new IsolatedLocalCodec(driver, "msacm.acmcrash");
            using var stream = new AcmStream(Pcm8kMono, WaveFormat.CreateMuLawFormat(8000, 1));
            Array.Copy(pcm, stream.SourceBuffer, 4000);
            Assert.Equal(4000 / 2, stream.Convert(4000, out _));

            File.WriteAllText(driver + ".armed", "");
            Array.Copy(pcm, 4000, stream.SourceBuffer, 0, 4000);
            var thrown = Assert.Throws<MmException>(() => stream.Convert(4000, out _));

            Assert.Equal((MmResult.NoDriver, "acmStreamConvert"), (thrown.Result, thrown.Function));
            Assert.False(File.Exists(driver + ".armed")); // the codec's host faulted, and this process goes on
            Assert.Equal(0, IsolatedLocalCodec.HostProcesses());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
