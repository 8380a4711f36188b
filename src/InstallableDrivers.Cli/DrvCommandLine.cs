using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using InstallableDrivers.Cli.Commands;

namespace InstallableDrivers.Cli;

/// <summary>drv's commands, and how a command line is run: parse errors and failures become one line and an exit code.</summary>
internal static class DrvCommandLine
{
    public static int Run(string[] args)
    {
        var global = new GlobalOptions();
        var parse = Create(global).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // Two missing arguments make two identical errors.
            foreach (var message in parse.Errors.Select(error => error.Message).Distinct())
            {
                Console.Error.WriteLine($"drv: {message}");
            }

            Console.Error.WriteLine($"drv: see '{string.Join(' ', CommandPath(parse))} --help'.");
            return (int)ExitCode.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return (int)ErrorReporter.Report(e, parse.GetValue(global.Verbose), Console.Error);
        }
    }

    private static RootCommand Create(GlobalOptions global)
    {
        var root = new RootCommand("drv: the Drivers control panel for the terminal. Lists, installs, removes, configures and "
            + "traces installable drivers in an InstallableDrivers registry (system.ini syntax); lists wave devices, plays and records WAV files.")
        {
            new ListCommand(global),
            new InstallCommand(global),
            new RemoveCommand(global),
            new IsolateCommand(global),
            new ReleaseCommand(global),
            new SetupCommand(global),
            new SendCommand(global),
            new TraceCommand(global),
            new InfoCommand(global),
            new DevicesCommand(global),
            new PlayCommand(global),
            new RecordCommand(global),
            new CodecsCommand(global),
            new ConvertCommand(global),
        };
        foreach (var option in global.All)
        {
            root.Options.Add(option);
        }

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExitCodesHelpAction((HelpAction)help.Action!);
        return root;
    }

    private static Stack<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Command is RootCommand ? "drv" : result.Command.Name);
        }

        return names;
    }

    /// <summary>The standard help, followed on <c>drv --help</c> by the exit codes.</summary>
    private sealed class ExitCodesHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Exit codes:");
                foreach (var (code, meaning) in ExitCodes.All)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(int)code}  {meaning}"));
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
