using System.CommandLine;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>Options several commands share, spelled and checked the same everywhere.</summary>
internal static class CommandOptions
{
    /// <summary>--section, Drivers32 unless given.</summary>
    public static Option<string> Section() => RefusingMetadataSections(new Option<string>("--section")
    {
        Description = "The registry section of the alias.",
        HelpName = "SECTION",
        DefaultValueFactory = _ => DriverRegistryLocation.DefaultSection,
    });

    /// <summary>--section for a command that looks in every section unless given one.</summary>
    public static Option<string?> OptionalSection(string description) => RefusingMetadataSections(new Option<string?>("--section")
    {
        Description = description,
        HelpName = "SECTION",
    });

    // A metadata section holds install or crash records, not aliases: a driver command there would write a driver path
    // where a record belongs (and then every command on that alias fails), or read a record as a driver.
    private static Option<T> RefusingMetadataSections<T>(Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is string section && DriverMetadataStore.IsMetadataSection(section))
            {
                result.AddError($"[{section}] holds the records of [{section[(section.IndexOf(':', StringComparison.Ordinal) + 1)..]}], "
                    + "not drivers; give the driver section itself.");
            }
        });
        return option;
    }
}
