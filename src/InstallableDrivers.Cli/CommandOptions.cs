using System.CommandLine;
using InstallableDrivers.Registry;

namespace InstallableDrivers.Cli;

/// <summary>Options and arguments several commands share, spelled the same everywhere.</summary>
internal static class CommandOptions
{
    public static Option<string> Section() => new("--section")
    {
        Description = "The registry section of the alias.",
        HelpName = "SECTION",
        DefaultValueFactory = _ => DriverRegistryLocation.DefaultSection,
    };

    public static Argument<string> Alias() => new("ALIAS") { Description = "The driver's alias in the section." };
}
