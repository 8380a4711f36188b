using Spectre.Console;

namespace InstallableDrivers.Cli;

/// <summary>Where drv's tables and messages go: standard output through Spectre.Console.</summary>
internal static class Terminal
{
    private static readonly Lazy<IAnsiConsole> Console = new(Create);

    public static IAnsiConsole Out => Console.Value;

    private static IAnsiConsole Create()
    {
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            // Colour codes would end up in files and pipes as text.
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // A file or a pipe has no width; Spectre would assume 80 columns and wrap paths and hashes mid-word.
            console.Profile.Width = 1000;
        }

        return console;
    }
}
