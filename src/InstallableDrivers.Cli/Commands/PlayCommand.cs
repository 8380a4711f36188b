using System.CommandLine;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

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
        var (format, data) = Playable(reader, workspace);
        using var decoded = data == reader.Data ? null : data;
        using var services = new WaveServices(workspace.Manager);
        var id = WaveOptions.DeviceId(parse, device);
        var info = services.GetOutputDevices().FirstOrDefault(d => d.Id == id);
        var target = WaveOptions.Describe(id, info?.Name, info?.DriverAlias);
        using var stop = new StopSignal();
        using var player = new WavePlayer(services, format, id);
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

        var decodedFrom = decoded is null ? "" : $", decoded from {reader.Format} by the ACM";
        Console.Out.WriteLine($"Played {path} ({format}, {WaveProgress.Seconds(format, played)}{decodedFrom}) on {target}.");
    }

    /// <summary>
    /// What a device is given: PCM and float as they are; a compressed file (µ-law, ADPCM …) decoded to 16-bit PCM by the
    /// installed codecs first, since the wave mapper does not convert formats yet.
    /// </summary>
    private static (WaveFormat Format, Stream Data) Playable(WaveFileReader reader, DrvWorkspace workspace)
    {
        if (reader.Format.EncodingTag is WaveFormatTags.WAVE_FORMAT_PCM or WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT)
        {
            return (reader.Format, reader.Data);
        }

        using var acm = new AcmServices(workspace.Manager);
        try
        {
            using var converter = new AcmConverter(acm, reader.Format, WaveFormat.Pcm(reader.Format.SampleRate, 16, reader.Format.Channels));
            var decoded = new MemoryStream();
            converter.Convert(reader.Data, decoded);
            decoded.Position = 0;
            return (converter.Destination, decoded);
        }
        catch (MmException e) when (e.Function == nameof(AcmServices.acmStreamOpen) && (uint)e.Result == AcmErrors.ACMERR_NOTPOSSIBLE)
        {
            throw new CliException(ExitCode.NotPossible,
                $"{e.Message} No installed codec decodes {reader.Format}: 'drv codecs' lists them; docs/drv.md says how to install the ones drv ships.", e);
        }
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
