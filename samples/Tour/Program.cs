// A tour of InstallableDrivers: install the sample drivers — the C one (samples/NativeDriver/tonegen.c) and its .NET
// twin (samples/ManagedDriver/ToneGenerator.cs) — into a registry this program creates, open each by alias, send it
// standard and custom messages, and show every message the driver received; play a tone through the waveOut services
// into the WAV-file driver (and to the speakers where ALSA has a sound card); then look at the same registry with drv.
using System.Buffers.Binary;
using System.Diagnostics;
using InstallableDrivers;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;
using InstallableDrivers.Samples;
using static InstallableDrivers.DriverMessages;

const uint TONEGEN_SET_FREQUENCY = DRV_USER + 1; // lParam1 = Hz; returns the previous frequency
const uint TONEGEN_RENDER = DRV_USER + 2;        // lParam1 = short* buffer, lParam2 = samples; returns samples written

// 1. A registry of our own (system.ini syntax) with a drivers folder beside it, as the default registry has.
var home = Path.Combine(Path.GetTempPath(), $"installable-drivers-tour-{Environment.ProcessId}");
var registryPath = Path.Combine(home, "system.ini");
var driverDirectory = DriverRegistryLocation.DefaultDriverDirectory(registryPath);
Directory.CreateDirectory(driverDirectory);
foreach (var built in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "drivers")))
{
    File.Copy(built, Path.Combine(driverDirectory, Path.GetFileName(built)), overwrite: true);
}

// Registry values look the same for both kinds: the runtime tells a .NET assembly from a native library by its content.
var registry = new IniDriverRegistry(registryPath);
registry.SetValue(DriverRegistryLocation.DefaultSection, "wave.tonegen", "tonegen freq=440 rate=8000");
registry.SetValue(DriverRegistryLocation.DefaultSection, "wave.tonegen.net", "ToneGenerator.dll freq=440 rate=8000");
Console.WriteLine($"Installed the sample drivers as 'wave.tonegen' (C) and 'wave.tonegen.net' (.NET) in {registryPath}:");
Console.WriteLine(File.ReadAllText(registryPath).TrimEnd());
Console.WriteLine();

// 2. A manager that shows each message the driver receives (the same hook `drv trace` uses).
var options = new DriverManagerOptions { MessageObserver = new ConsoleTrace() };
options.DriverDirectories.Add(driverDirectory);
using var manager = new DriverManager(registry, options);

foreach (var alias in new[] { "wave.tonegen", "wave.tonegen.net" })
{
    Console.WriteLine($"== {alias} ==");
    Console.WriteLine($"{"message",-22} {"driver id",-16} {"lParam1",-16} {"lParam2",-16} result");
    Console.WriteLine(new string('-', 82));
    using (var driver = manager.Open(alias))
    {
        var hasConfiguration = driver.Send(DRV_QUERYCONFIGURE) != 0;
        if (hasConfiguration)
        {
            // DRV_CONFIGURE names the section and alias in a DRVCONFIGINFO, as the Windows Drivers control panel did.
            using var configInfo = new DriverConfigInfoBlock(DriverRegistryLocation.DefaultSection, alias);
            driver.Send(DRV_CONFIGURE, 0, configInfo.Address);
        }

        var previous = driver.Send(TONEGEN_SET_FREQUENCY, 1000);
        var samples = new short[8];
        nint written;
        unsafe
        {
            fixed (short* buffer = samples)
            {
                written = driver.Send(TONEGEN_RENDER, (nint)buffer, samples.Length);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Frequency changed from {previous} Hz to 1000 Hz; rendered {written} samples: {string.Join(' ', samples)}");
        Console.WriteLine();
    }

    Console.WriteLine("The driver was closed; it received DRV_DISABLE and DRV_FREE above and was unloaded.");
    Console.WriteLine();
}

// 3. Sound: the waveOut services over wave drivers, as winmm's over Windows' (docs/wave-drivers.md). [Drivers32]'s
// wave, wave1 … name the wave drivers; here the WAV-file driver, which writes what it plays into a file, and ALSA.
var renders = Directory.CreateDirectory(Path.Combine(home, "renders")).FullName;
registry.SetValue(DriverRegistryLocation.DefaultSection, "wave", $"wavefile out={renders} pace=fast");
Console.WriteLine("== waveOut: a 440 Hz tone through the wave drivers ==");
if (SoundCard.MayBePresent())
{
    registry.SetValue(DriverRegistryLocation.DefaultSection, "wave1", "alsa device=default");
}
else
{
    // Without a card ALSA's 'default' cannot open (and libasound says so at length on stderr): CI machines end here.
    Console.WriteLine("No sound card here (/proc/asound/cards lists none, no PulseAudio or PipeWire): the tone goes to the WAV file only.");
}

await PlayToneAsync();
Console.WriteLine();

// 4. The same registry in drv, the Drivers control panel for the terminal (docs/drv.md).
Console.WriteLine("== drv: the same registry from the terminal ==");
Drv("list");
Drv("devices");
Drv("trace", "wave.tonegen.net", "DRV_QUERYCONFIGURE", "DRV_USER+1:880");
Drv("info", "wave.tonegen");

Directory.Delete(home, recursive: true);

// Plays half a second of a 440 Hz tone on the WAV-file device, then on the ALSA device if a sound card opens.
async Task PlayToneAsync()
{
    var waveOptions = new DriverManagerOptions(); // no message trace here: every buffer is several messages
    waveOptions.DriverDirectories.Add(driverDirectory);
    using var waveManager = new DriverManager(registry, waveOptions);
    using var services = new WaveServices(waveManager);
    var format = WaveFormat.Pcm(22050, 16, 1);
    var tone = new byte[format.BytesFor(TimeSpan.FromSeconds(0.5))];
    for (var i = 0; i < tone.Length / 2; i++)
    {
        BinaryPrimitives.WriteInt16LittleEndian(tone.AsSpan(i * 2), (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / format.SampleRate)));
    }

    foreach (var device in services.GetOutputDevices())
    {
        try
        {
            using var player = new WavePlayer(services, format, device.Id);
            await player.PlayAsync(new MemoryStream(tone));
        }
        catch (MmException e)
        {
            // A card may be busy or refuse the format: say so and go on.
            Console.WriteLine($"device {device.Id} ({device.Name}, driver {device.DriverAlias}): not played ({e.Message}); the tour goes on.");
            continue;
        }

        var played = device.DriverAlias == "wave" ? Directory.GetFiles(renders).Single() : null;
        Console.WriteLine(played is null
            ? $"device {device.Id} ({device.Name}, driver {device.DriverAlias}): played to the speakers"
            : $"device {device.Id} ({device.Name}, driver {device.DriverAlias}): played into {played} ({new FileInfo(played).Length} bytes)");
    }
}

// Runs drv (built beside the tour) on the tour's registry, showing the command line as a person would type it.
void Drv(params string[] arguments)
{
    Console.WriteLine($"$ drv {string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}");
    var drv = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "drv.exe" : "drv");
    using var process = Process.Start(new ProcessStartInfo(drv, ["--registry", registryPath, .. arguments]) { UseShellExecute = false })!;
    process.WaitForExit();
    Console.WriteLine();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"drv {arguments[0]} failed with exit code {process.ExitCode}");
    }
}

/// <summary>Prints each message the driver received, with its result.</summary>
internal sealed class ConsoleTrace : IDriverMessageObserver
{
    public void OnMessage(in DriverMessageRecord record) =>
        Console.WriteLine($"{Name(record.Message),-22} {Hex((nint)record.DriverId),-16} {Hex(record.LParam1),-16} {Hex(record.LParam2),-16} {record.Result}");

    private static string Hex(nint value) => $"0x{value:X}";

    private static string Name(uint message) => message switch
    {
        DRV_LOAD => "DRV_LOAD",
        DRV_ENABLE => "DRV_ENABLE",
        DRV_OPEN => "DRV_OPEN",
        DRV_CLOSE => "DRV_CLOSE",
        DRV_DISABLE => "DRV_DISABLE",
        DRV_FREE => "DRV_FREE",
        DRV_CONFIGURE => "DRV_CONFIGURE",
        DRV_QUERYCONFIGURE => "DRV_QUERYCONFIGURE",
        DRV_USER + 1 => "TONEGEN_SET_FREQUENCY",
        DRV_USER + 2 => "TONEGEN_RENDER",
        _ => $"0x{message:X4}",
    };
}
