using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave.Isolation;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The wave devices of a registry, as Windows NT finds them: the <c>[Drivers32]</c> values <c>wave</c>, <c>wave1</c> …
/// <c>wave9</c> in that order, each driver opened once, sent DRVM_INIT and asked how many devices it has; device ids
/// run across the drivers in that order. A driver that does not open, or exports neither entry point, is skipped.
/// </summary>
internal sealed class WaveDeviceCatalog
{
    private const string Section = "Drivers32";

    private readonly DriverManager manager;
    private readonly List<WaveDriver> drivers = [];

    private WaveDeviceCatalog(DriverManager manager) => this.manager = manager;

    public IReadOnlyList<WaveDevice> Outputs { get; private set; } = [];

    public IReadOnlyList<WaveDevice> Inputs { get; private set; } = [];

    /// <summary>The registry's <c>wave</c> … <c>wave9</c> aliases, in device order.</summary>
    private static IEnumerable<string> Aliases => Enumerable.Range(0, 10).Select(n => n == 0 ? "wave" : $"wave{n}");

    public static WaveDeviceCatalog Open(DriverManager manager)
    {
        var catalog = new WaveDeviceCatalog(manager);
        var outputs = new List<WaveDevice>();
        var inputs = new List<WaveDevice>();
        foreach (var alias in Aliases.Where(a => manager.Registry.GetValue(Section, a) is not null))
        {
            if (catalog.OpenDriver(alias) is not { } driver)
            {
                continue;
            }

            AddDevices(driver, WaveDirection.Output, outputs);
            AddDevices(driver, WaveDirection.Input, inputs);
        }

        catalog.Outputs = outputs;
        catalog.Inputs = inputs;
        return catalog;
    }

    public IReadOnlyList<WaveDevice> Devices(WaveDirection direction) => direction == WaveDirection.Output ? Outputs : Inputs;

    /// <summary>Sends DRVM_EXIT to every driver and closes it.</summary>
    public void Close()
    {
        foreach (var driver in drivers)
        {
            foreach (var direction in new[] { WaveDirection.Output, WaveDirection.Input }.Where(driver.Has))
            {
                driver.Message(direction, 0, WaveMessages.DRVM_EXIT, 0, 0, 0);
            }

            foreach (var handle in driver.Handles)
            {
                manager.CloseDriver(handle, 0, 0);
            }
        }

        drivers.Clear();
        Outputs = [];
        Inputs = [];
    }

    private static void AddDevices(WaveDriver driver, WaveDirection direction, List<WaveDevice> devices)
    {
        if (!driver.Has(direction) || driver.Message(direction, 0, WaveMessages.DRVM_INIT, 0, 0, 0) != (uint)MMRESULT.MMSYSERR_NOERROR)
        {
            return;
        }

        var count = driver.Message(direction, 0, direction.GetNumDevs, 0, 0, 0);
        for (var id = 0u; id < count; id++)
        {
            devices.Add(new WaveDevice(driver, direction, id));
        }
    }

    /// <summary>Opens a registered wave driver, or returns null (the reason stays in <see cref="DriverManager.LastError"/>).</summary>
    private WaveDriver? OpenDriver(string alias)
    {
        var handle = manager.OpenDriver(alias, Section, 0);
        if (handle.Value == 0)
        {
            return null;
        }

        var output = manager.GetEntryPoint<IWaveOutDriver>(handle, WaveDirection.Output.Export);
        var input = manager.GetEntryPoint<IWaveInDriver>(handle, WaveDirection.Input.Export);
        if (output is null && input is null)
        {
            // A driver in a host process has no entry point here: its exports are called there, through proxies.
            return Isolated(handle) is { } instance ? Add(new WaveDriver(alias, instance, () => ReopenIsolated(alias))) : null;
        }

        return Add(new WaveDriver(alias, handle, output, input));
    }

    private WaveDriver Add(WaveDriver driver)
    {
        drivers.Add(driver);
        return driver;
    }

    /// <summary>The proxies of an instance that runs in a host process (docs/isolation.md); null (and the instance closed) when it has neither export.</summary>
    private IsolatedWaveInstance? Isolated(HDRVR handle)
    {
        var output = manager.GetHostExport(handle, WaveDirection.Output.Export) is { } wod ? new IsolatedWaveEntryPoint(wod, WaveDirection.Output) : null;
        var input = manager.GetHostExport(handle, WaveDirection.Input.Export) is { } wid ? new IsolatedWaveEntryPoint(wid, WaveDirection.Input) : null;
        if (output is null && input is null)
        {
            manager.CloseDriver(handle, 0, 0);
            return null;
        }

        return new IsolatedWaveInstance(handle, output, input);
    }

    /// <summary>Opens an isolated driver again after its host died: the next open starts a fresh host.</summary>
    private IsolatedWaveInstance? ReopenIsolated(string alias)
    {
        var handle = manager.OpenDriver(alias, Section, 0);
        return handle.Value == 0 ? null : Isolated(handle);
    }
}
