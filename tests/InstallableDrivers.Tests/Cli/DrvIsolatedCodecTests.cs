using InstallableDrivers.Multimedia;
using InstallableDrivers.Tests.Isolation;
using InstallableDrivers.Tests.Multimedia;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// <c>drv codecs</c> and <c>drv convert</c> with a codec installed isolated (<c>drv install --isolated</c>): it is
/// listed and converts as in process; one that crashes in its host during the conversion ends drv with exit code 10
/// (crashed) and the crash's reason, and leaves no output file.
/// </summary>
public sealed class DrvIsolatedCodecTests : DrvTest
{
    private readonly short[] sine = Signals.Sine(8000, 8000, 16384, 1000);

    [Fact]
    public void An_isolated_codec_is_listed_and_converts_to_the_bytes_it_gives_in_process()
    {
        var install = Home.Run("install", Home.CopyDriver("g711"), "--alias", "msacm.g711", "--isolated");
        Assert.True(install.ExitCode == 0, install.ToString());

        var codecs = Home.Run("codecs");
        Assert.True(codecs.ExitCode == 0, codecs.ToString());
        Assert.Contains("ITU-T G.711 µ-law", codecs.Out, StringComparison.Ordinal);

        var output = Home.PathOf("mulaw.wav");
        var convert = Home.Run("convert", WriteInput(), output, "--to", "mulaw");
        Assert.True(convert.ExitCode == 0, convert.ToString());
        using var inProcess = new IsolatedAcm(isolated: false, "g711");
        Assert.Equal(inProcess.Convert(WaveFormat.Pcm(8000, 16, 1), WaveFormat.MuLaw(8000, 1), WaveFormats.Pcm16Bytes(sine)), RiffWaveFile.Read(output).Data);
    }

    [Fact]
    public void Convert_exits_10_with_the_reason_when_the_isolated_codec_crashes()
    {
        var driver = Home.CopyDriver("acmcrashdrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "msacm.crash", "--isolated").ExitCode);
        File.WriteAllText(driver + ".armed", "");
        var output = Home.PathOf("mulaw.wav");

        var convert = Home.Run("convert", WriteInput(), output, "--to", "mulaw");

        Assert.True(convert.ExitCode == 10, convert.ToString());
        Assert.Contains("acmStreamConvert failed: MMSYSERR_NODRIVER (6)", convert.Error, StringComparison.Ordinal);
        Assert.Contains("the driver crashed with SIGSEGV during ACMDM_STREAM_CONVERT", convert.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(driver + ".armed")); // it was the codec's host that faulted
    }

    private string WriteInput()
    {
        var path = Home.PathOf("input.wav");
        File.WriteAllBytes(path, WavFileBytes.Of(WavFileBytes.Pcm(8000, 16, 1), WaveFormats.Pcm16Bytes(sine)));
        return path;
    }
}
