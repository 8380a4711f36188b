using System.CommandLine;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommandOptions
{
    public static Option<string> Section() => new("--section")
    {
        Description = "The registry section of the alias.",
        HelpName = "SECTION",
        DefaultValueFactory = _ => DriverRegistryLocation.DefaultSection,
    };
}
