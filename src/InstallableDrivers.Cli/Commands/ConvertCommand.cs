using System.CommandLine;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using Spectre.Console;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv convert IN.wav OUT.wav --to FORMAT</c>: converts a WAV file with the ACM codecs installed in the registry
/// (and the ACM's built-in PCM converter), through PCM when no codec converts directly, with a progress bar on a
/// terminal. OUT is written only when the whole conversion succeeded.
/// </summary>
internal sealed class ConvertCommand : DrvCommand
{
    private readonly Argument<string> input = new("IN.wav") { Description = "The WAV file to convert." };

    private readonly Argument<string> output = new("OUT.wav")
    {
        Description = "The WAV file to write; replaced if it exists, and only once the conversion has succeeded.",
    };

    private readonly Option<ConversionTarget> to = new("--to")
    {
        Description = $"The format to convert to: {ConversionTarget.Syntax}. The codecs and plain 'pcm' keep the input's rate and channels.",
        HelpName = "FORMAT",
        Required = true,
        CustomParser = result =>
        {
            var target = ConversionTarget.TryParse(result.Tokens.Single().Value, out var error);
            if (target is null)
            {
                result.AddError(error!);
            }

            return target!;
        },
    };

    public ConvertCommand(GlobalOptions global)
        : base("convert", "Convert a WAV file to another format with the installed ACM codecs (msacm.* entries of Drivers32) "
            + "and the ACM's built-in PCM converter, through PCM when no codec converts directly.", global)
    {
        Arguments.Add(input);
        Arguments.Add(output);
        Options.Add(to);
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var inputPath = Path.GetFullPath(parse.GetRequiredValue(input));
        var outputPath = Path.GetFullPath(parse.GetRequiredValue(output));
        var source = ReadFormat(inputPath);
        var target = parse.GetRequiredValue(to).FormatFor(source);
        using var acm = new AcmServices(workspace.Manager);
        IReadOnlyList<WaveFormat> formats;
        try
        {
            formats = WithProgress(Path.GetFileName(inputPath), progress => AcmConverter.ConvertFile(inputPath, outputPath, target, progress, acm));
        }
        catch (MmException e) when (e.Function == nameof(AcmServices.acmStreamOpen) && (uint)e.Result == AcmErrors.ACMERR_NOTPOSSIBLE)
        {
            throw new CliException(ExitCode.NotPossible,
                $"{e.Message} 'drv codecs' lists the installed codecs; docs/drv.md says how to install the ones drv ships.", e);
        }

        Console.Out.WriteLine($"Converted {inputPath} ({source}) to {outputPath} ({target}), through {string.Join(" → ", formats)}.");
    }

    /// <summary>The input's format, read before anything else so that a missing or malformed file is told as such.</summary>
    private static WaveFormat ReadFormat(string path)
    {
        try
        {
            using var reader = WaveFileReader.Open(path);
            return reader.Format;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(ExitCode.NotFound, $"There is no file {path}.", e);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCode.BadInput, $"{path} is not a WAV file drv can read: {e.Message}", e);
        }
    }

    /// <summary>Runs the conversion with a progress bar on standard error when that is a terminal; without one otherwise.</summary>
    private static T WithProgress<T>(string name, Func<IProgress<double>?, T> convert)
    {
        if (Console.IsErrorRedirected)
        {
            return convert(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: 1);
                return convert(new SynchronousProgress<double>(fraction => task.Value = fraction));
            });
    }
}
