using System.CommandLine;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv play FILE.wav [--device N]</c>: plays a WAV file through the waveOut services, with a progress bar; a format
/// the device does not take goes through the wave mapper's conversion (WAVE_MAPPER, or WAVE_MAPPED with a device). Ctrl+C
/// stops it cleanly (waveOutReset, every buffer unprepared, waveOutClose) and exits with <see cref="ExitCode.Interrupted"/>.
/// </summary>
internal sealed class PlayCommand : DrvCommand
{
    private readonly Argument<string> file = new("FILE") { Description = "The WAV file to play: PCM, float, or a compressed format an installed codec decodes (µ-law, ADPCM, …)." };
    private readonly Option<uint?> device = WaveOptions.Device("output");

    public PlayCommand(GlobalOptions global)
        : base("play", "Play a WAV file on a wave output device, with a progress bar. Ctrl+C stops it cleanly (exit 130).", global)
    {
        Arguments.Add(file);
        Options.Add(device);
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var path = parse.GetRequiredValue(file);
        using var reader = OpenWaveFile(path);
        var format = reader.Format;
        var data = reader.Data;
        using var services = new WaveServices(workspace.Manager);
        var id = WaveOptions.DeviceId(parse, device);
        var info = services.GetOutputDevices().FirstOrDefault(d => d.Id == id);
        var target = WaveOptions.Describe(id, info?.Name, info?.DriverAlias);
        using var stop = new StopSignal();
        using var player = OpenPlayer(services, format, id);
        var total = data.Length;
        long played = 0;
        try
        {
            played = WaveProgress.RunAsync($"{Path.GetFileName(path)} → {target}", total,
                progress => player.PlayAsync(data, new PlayedBytes(progress, b => played = b), stop.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.Stopped)
        {
            throw new CliException(ExitCode.Interrupted,
                $"Stopped after {WaveProgress.Seconds(format, played)} of {WaveProgress.Seconds(format, total)}: the device was reset and closed.");
        }

        var converted = IsUncompressed(format) ? "" : ", converted to PCM by the wave mapper";
        Console.Out.WriteLine($"Played {path} ({format}, {WaveProgress.Seconds(format, played)}{converted}) on {target}.");
    }

    /// <summary>
    /// A player for the file's own format: the wave mapper puts an ACM conversion between when the device does not take
    /// it (a compressed file: µ-law, ADPCM …). A compressed format no installed codec decodes to a PCM the device takes is
    /// "not possible" (exit 8), as for drv convert.
    /// </summary>
    private static WavePlayer OpenPlayer(WaveServices services, WaveFormat format, uint id)
    {
        try
        {
            return new WavePlayer(services, format, id);
        }
        catch (MmException e) when (e.Result == MMRESULT.WAVERR_BADFORMAT && !IsUncompressed(format))
        {
            throw new CliException(ExitCode.NotPossible,
                $"{e.Message} No installed codec decodes {format} to a PCM format the device takes: 'drv codecs' lists them; docs/drv.md says how to install the ones drv ships.", e);
        }
    }

    private static bool IsUncompressed(WaveFormat format) =>
        format.EncodingTag is WaveFormatTags.WAVE_FORMAT_PCM or WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT;

    private static WaveFileReader OpenWaveFile(string path)
    {
        try
        {
            return WaveFileReader.Open(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(ExitCode.NotFound, $"There is no file {path}.", e);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCode.BadInput, $"{path} cannot be played: {e.Message}", e);
        }
    }

    /// <summary>Keeps the count of bytes played for the messages, and passes it on to the progress bar if there is one.</summary>
    private sealed class PlayedBytes(IProgress<long>? bar, Action<long> keep) : IProgress<long>
    {
        public void Report(long value)
        {
            keep(value);
            bar?.Report(value);
        }
    }
}
