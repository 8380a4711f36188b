using System.Diagnostics;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Samples;

/// <summary>samples/NAudioOnLinux run as the README shows, as its own process, on a WAV file the test writes.</summary>
public sealed class NAudioOnLinuxSampleTests
{
    [Fact]
    public async Task The_sample_plays_a_wav_file_through_NAudios_WaveOut_and_InstallableDriversWaveOut_and_exits_0()
    {
        var home = Directory.CreateTempSubdirectory("naudio-sample-test-").FullName;
        try
        {
            var samples = new byte[44100];
            new Random(12).NextBytes(samples);
            var input = Path.Combine(home, "in.wav");
            using (var writer = WaveFileWriter.Create(input, WaveFormat.Pcm(22050, 16, 1)))
            {
                writer.Write(samples);
            }

            var start = BuiltProgram.StartInfo("NAudioOnLinuxPath", [input]);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.Environment["INSTALLABLE_DRIVERS_REGISTRY"] = Path.Combine(home, "system.ini");
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await error}");
            Assert.Contains("NAudio's WaveOut: played", output, StringComparison.Ordinal);
            Assert.Contains("InstallableDriversWaveOut: played", output, StringComparison.Ordinal);

            // Without a sound card both played into the WAV-file device: two files, each the input's samples bit for bit.
            if (output.Contains("No sound card", StringComparison.Ordinal))
            {
                var written = Directory.GetFiles(Path.Combine(home, "naudio-on-linux-renders"));
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
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
