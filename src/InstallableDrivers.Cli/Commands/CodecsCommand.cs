using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;
using Spectre.Console;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv codecs</c>: the ACM drivers of the registry (the <c>msacm.*</c> entries of Drivers32, and the ACM's built-in
/// PCM converter) with their format tags, as the ACM enumerates them. With no codec installed it says where the codecs
/// drv ships are and how to install them: drv never installs anything by itself.
/// </summary>
internal sealed class CodecsCommand : DrvCommand
{
    /// <summary>The alias prefix of codec drivers in Drivers32, as on Windows.</summary>
    private const string CodecAliasPrefix = "msacm.";

    private static readonly string[] ShippedCodecs = ["g711", "imaadpcm", "msadpcm", "mp3"];

    private readonly Option<bool> formats = new("--formats") { Description = "Also list every standard format of each tag." };

    public CodecsCommand(GlobalOptions global)
        : base("codecs", "List the ACM codec drivers (msacm.* entries of Drivers32, and the built-in PCM converter) with their format tags.", global)
    {
        Options.Add(formats);
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        using var acm = new AcmServices(workspace.Manager);
        var codecs = AcmCodec.GetAll(acm);
        var withFormats = parse.GetValue(formats);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("driver", "long name", "tag", "format tag", withFormats ? "format" : "standard formats");
        foreach (var codec in codecs)
        {
            foreach (var tag in codec.FormatTags)
            {
                var cells = new[] { codec.ShortName, codec.LongName, string.Create(CultureInfo.InvariantCulture, $"0x{tag.Tag:X4}"), tag.Name };
                if (withFormats)
                {
                    foreach (var format in tag.Formats)
                    {
                        table.AddRow([.. cells.Select(cell => new Text(cell)), new Text(format.Name)]);
                    }
                }
                else
                {
                    table.AddRow([.. cells.Select(cell => new Text(cell)), new Text(tag.Formats.Count.ToString(CultureInfo.InvariantCulture))]);
                }
            }
        }

        Terminal.Out.Write(table);
        if (!workspace.Registry.GetAliases(DriverRegistryLocation.DefaultSection).Any(alias => alias.StartsWith(CodecAliasPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            WriteInstallHint(workspace.RegistryPath);
        }
    }

    /// <summary>Where the codecs drv ships are, and the commands that install them into this registry.</summary>
    private static void WriteInstallHint(string registryPath)
    {
        Console.Out.WriteLine($"No codec is installed in [{DriverRegistryLocation.DefaultSection}] of {registryPath}; only PCM converts.");
        var shipped = Path.Combine(AppContext.BaseDirectory, "drivers");
        // Spelled as the build names native libraries on this platform: g711.so, libg711.dylib, g711.dll.
        var present = ShippedCodecs
            .Select(name => (Name: name, File: Directory.Exists(shipped) ? Directory.EnumerateFiles(shipped, $"*{name}.*").FirstOrDefault() : null))
            .Where(codec => codec.File is not null)
            .ToList();
        if (present.Count > 0)
        {
            Console.Out.WriteLine("The codecs drv ships install with:");
            foreach (var (name, file) in present)
            {
                Console.Out.WriteLine($"  drv install {file} --alias {CodecAliasPrefix}{name}");
            }
        }
    }
}
