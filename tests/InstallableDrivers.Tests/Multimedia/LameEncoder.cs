using InstallableDrivers.Tests.Sdk;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// MP3 test data made honestly: 16-bit PCM encoded by the real <c>lame</c> encoder at test time (installed by
/// .ci/run), so the MP3 decoder is judged on a stream it did not write.
/// </summary>
internal static class LameEncoder
{
    /// <summary>Encodes interleaved 16-bit samples at a constant bit rate; returns the .mp3 file's bytes.</summary>
    public static byte[] Encode(short[] samples, int channels, int rate, int kbps)
    {
        using var directory = new TempDirectory();
        var input = directory.File("input.raw");
        var output = directory.File("output.mp3");
        File.WriteAllBytes(input, WaveFormats.Pcm16Bytes(samples));
        string[] arguments =
        [
            "--silent", "-r", "--signed", "--little-endian", "--bitwidth", "16", "-s", (rate / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", channels == 1 ? "m" : "j", "-b", kbps.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cbr", input, output,
        ];
        ProcessResult result;
        try
        {
            result = NativeToolchain.Run("lame", arguments);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("lame is needed to make the MP3 test data: apt-get install lame (.ci/run does).", e);
        }

        Assert.True(result.ExitCode == 0, $"lame {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
        return File.ReadAllBytes(output);
    }
}
