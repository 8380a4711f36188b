using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Multimedia;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv record FILE.wav --seconds N [--device N] [--format RATE/BITS/CHANNELS] [--force]</c>: records from a wave
/// input device into a WAV file. Ctrl+C ends it early with a valid file (waveInStop, waveInReset, waveInClose) and exits
/// with <see cref="ExitCode.Interrupted"/>.
/// </summary>
internal sealed class RecordCommand : DrvCommand
{
    private readonly Argument<string> file = new("FILE") { Description = "The WAV file to write." };

    private readonly Option<double> seconds = new("--seconds")
    {
        Description = "How long to record, in seconds (fractions allowed).",
        HelpName = "N",
        Required = true,
    };

    private readonly Option<uint?> device = WaveOptions.Device("input");
    private readonly Option<WaveFormat> format = WaveOptions.Format();
    private readonly Option<bool> force = new("--force") { Description = "Replace FILE if it exists." };

    public RecordCommand(GlobalOptions global)
        : base("record", "Record from a wave input device into a WAV file, with a progress bar. Ctrl+C ends it early with a valid file (exit 130).", global)
    {
        Arguments.Add(file);
        Options.Add(seconds);
        Options.Add(device);
        Options.Add(format);
        Options.Add(force);
        seconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 24 * 3600))
            {
                result.AddError("--seconds must be more than 0 and at most 86400 (a day).");
            }
        });
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var path = Path.GetFullPath(parse.GetRequiredValue(file));
        if (File.Exists(path) && !parse.GetValue(force))
        {
            throw new CliException(ExitCode.BadInput, $"{path} exists; give --force to replace it.");
        }

        var pcm = parse.GetRequiredValue(format);
        var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
        using var services = new WaveServices(workspace.Manager);
        var id = WaveOptions.DeviceId(parse, device);
        var info = services.GetInputDevices().FirstOrDefault(d => d.Id == id);
        var source = WaveOptions.Describe(id, info?.Name, info?.DriverAlias);
        using var stop = new StopSignal();
        // The device is opened before the file is created: a bad device or format leaves no file behind.
        using var recorder = new WaveRecorder(services, pcm, id);
        long recorded;
        using (var writer = WaveFileWriter.Create(path, pcm))
        {
            recorded = WaveProgress.RunAsync($"{source} → {Path.GetFileName(path)}", pcm.BytesFor(duration),
                progress => recorder.RecordAsync(writer, duration, progress, stop.Token)).GetAwaiter().GetResult();
        }

        var summary = $"{WaveProgress.Seconds(pcm, recorded)} ({pcm}) from {source} into {path}";
        if (stop.Stopped)
        {
            throw new CliException(ExitCode.Interrupted, $"Stopped by a signal: recorded {summary}.");
        }

        Console.Out.WriteLine(recorded < pcm.BytesFor(duration)
            ? $"Recorded {summary}; the input ended before {duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s."
            : $"Recorded {summary}.");
    }
}
