using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Multimedia;
using Spectre.Console;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv devices</c>: the wave output and input devices of the registry's wave drivers, with their capabilities.</summary>
internal sealed class DevicesCommand : DrvCommand
{
    public DevicesCommand(GlobalOptions global)
        : base("devices", "List the wave output and input devices (the drivers named wave, wave1 … wave9 in [Drivers32]): id, name, "
            + "driver alias, channels, standard formats and optional functions, as waveOutGetDevCaps/waveInGetDevCaps report them.", global)
    {
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        using var services = new WaveServices(workspace.Manager);
        var outputs = services.GetOutputDevices();
        var inputs = services.GetInputDevices();
        if (outputs.Count == 0 && inputs.Count == 0)
        {
            Console.Out.WriteLine($"No wave devices: [Drivers32] of {workspace.RegistryPath} names no wave driver that opens (wave, wave1 … wave9).");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("kind", "id", "name", "driver", "channels", "formats", "supports");
        foreach (var device in outputs)
        {
            AddRow(table, "out", device.Id, device.Name, device.DriverAlias, device.Channels, device.Formats, WaveCapsText.Support(device.Support));
        }

        foreach (var device in inputs)
        {
            AddRow(table, "in", device.Id, device.Name, device.DriverAlias, device.Channels, device.Formats, "");
        }

        Terminal.Out.Write(table);
    }

    private static void AddRow(Table table, string kind, uint id, string name, string alias, int channels, uint formats, string support) =>
        table.AddRow(
            new Text(kind),
            new Text(id.ToString(CultureInfo.InvariantCulture)),
            new Text(name),
            new Text(alias),
            new Text(channels.ToString(CultureInfo.InvariantCulture)),
            new Text(WaveCapsText.Formats(formats)),
            new Text(support));
}
