using System.CommandLine;
using InstallableDrivers.Multimedia;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv play FILE.wav [--device N]</c>: plays a WAV file through the waveOut services, with a progress bar. Ctrl+C
/// stops it cleanly (waveOutReset, every buffer unprepared, waveOutClose) and exits with <see cref="ExitCode.Interrupted"/>.
/// </summary>
internal sealed class PlayCommand : DrvCommand
{
    private readonly Argument<string> file = new("FILE") { Description = "The WAV file to play (any format a device takes: PCM, float, …)." };
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
        using var services = new WaveServices(workspace.Manager);
        var id = WaveOptions.DeviceId(parse, device);
        var info = services.GetOutputDevices().FirstOrDefault(d => d.Id == id);
        var target = WaveOptions.Describe(id, info?.Name, info?.DriverAlias);
        using var stop = new StopSignal();
        using var player = new WavePlayer(services, reader.Format, id);
        var total = reader.Data.Length;
        long played = 0;
        try
        {
            played = WaveProgress.RunAsync($"{Path.GetFileName(path)} → {target}", total,
                progress => player.PlayAsync(reader.Data, new PlayedBytes(progress, b => played = b), stop.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.Stopped)
        {
            throw new CliException(ExitCode.Interrupted,
                $"Stopped after {WaveProgress.Seconds(reader.Format, played)} of {WaveProgress.Seconds(reader.Format, total)}: the device was reset and closed.");
        }

        Console.Out.WriteLine($"Played {path} ({reader.Format}, {WaveProgress.Seconds(reader.Format, played)}) on {target}.");
    }

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
