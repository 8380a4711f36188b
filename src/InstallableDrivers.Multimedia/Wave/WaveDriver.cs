using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave.Isolation;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// One wave driver the services opened (a <c>waveN</c> registry value): its instance and its <c>wodMessage</c> and
/// <c>widMessage</c> entry points, native exports or a .NET driver's interfaces. Every call enters the driver's code
/// through <see cref="DriverEntryPoint{TManaged}.Enter"/>, so a driver closing meanwhile is never called.
/// </summary>
internal sealed unsafe class WaveDriver
{
    private readonly DriverEntryPoint<IWaveOutDriver>? output;
    private readonly DriverEntryPoint<IWaveInDriver>? input;

    /// <summary>A driver of the services' own (the wave mapper): no driver instance, its code never unloads.</summary>
    private readonly (IWaveOutDriver Output, IWaveInDriver Input)? builtIn;

    /// <summary>For a driver in a host process: opens it again (a fresh host) after its host died.</summary>
    private readonly Func<IsolatedWaveInstance?>? reopen;
    private readonly Lock reopening = new();
    private readonly List<HDRVR> handles = [];
    private volatile IsolatedWaveInstance? isolated;

    public WaveDriver(string alias, HDRVR handle, DriverEntryPoint<IWaveOutDriver>? output, DriverEntryPoint<IWaveInDriver>? input)
    {
        Alias = alias;
        Handle = handle;
        this.output = output;
        this.input = input;
    }

    /// <summary>A driver that runs in a host process: its entry points are proxies (Wave/Isolation).</summary>
    public WaveDriver(string alias, IsolatedWaveInstance instance, Func<IsolatedWaveInstance?> reopen)
    {
        Alias = alias;
        Handle = instance.Handle;
        isolated = instance;
        handles.Add(instance.Handle);
        this.reopen = reopen;
    }

    /// <summary>A driver that is part of the services, called directly.</summary>
    public WaveDriver(string alias, IWaveOutDriver output, IWaveInDriver input)
    {
        Alias = alias;
        builtIn = (output, input);
    }

    /// <summary>The registry value that named the driver (<c>wave</c>, <c>wave1</c> …); WaveDevices reports it with each device.</summary>
    public string Alias { get; }

    public HDRVR Handle { get; }

    /// <summary>Every instance of the driver the services opened: one, or more for a driver whose host died and was started again.</summary>
    public IReadOnlyList<HDRVR> Handles
    {
        get
        {
            lock (reopening)
            {
                return isolated is null ? [Handle] : [.. handles];
            }
        }
    }

    public bool Has(WaveDirection direction) => builtIn is not null || (isolated is { } instance
        ? instance.EntryPoint(direction) is not null
        : direction == WaveDirection.Output ? output is not null : input is not null);

    /// <summary>Calls the entry point of a direction; MMSYSERR_NODRIVER when the driver has none or is closing.</summary>
    public uint Message(WaveDirection direction, uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        if (builtIn is var (builtInOutput, builtInInput))
        {
            return direction == WaveDirection.Output
                ? CallManaged(builtInOutput, deviceId, message, user, param1, param2)
                : CallManaged(builtInInput, deviceId, message, user, param1, param2);
        }

        if (isolated is not null)
        {
            return MessageIsolated(direction, deviceId, message, user, param1, param2);
        }

        if (direction == WaveDirection.Output)
        {
            if (output is null)
            {
                return (uint)MMRESULT.MMSYSERR_NODRIVER;
            }

            using var call = output.Enter();
            if (!call.IsOpen)
            {
                return (uint)MMRESULT.MMSYSERR_NODRIVER;
            }

            return output.Target is { } managed
                ? CallManaged(managed, deviceId, message, user, param1, param2)
                : ((delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)output.Address)(deviceId, message, user, param1, param2);
        }
        else
        {
            if (input is null)
            {
                return (uint)MMRESULT.MMSYSERR_NODRIVER;
            }

            using var call = input.Enter();
            if (!call.IsOpen)
            {
                return (uint)MMRESULT.MMSYSERR_NODRIVER;
            }

            return input.Target is { } managed
                ? CallManaged(managed, deviceId, message, user, param1, param2)
                : ((delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)input.Address)(deviceId, message, user, param1, param2);
        }
    }

    /// <summary>
    /// A message to a driver in a host process. An open, or a question about a device's capabilities, to a driver whose
    /// host died opens the driver again first (a fresh host): the devices stay where they were, and the streams of the
    /// dead host keep answering as dead streams do.
    /// </summary>
    private uint MessageIsolated(WaveDirection direction, uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        var entry = isolated!.EntryPoint(direction);
        if (entry is not null && entry.IsDead && (message == direction.Open || (message == direction.GetDevCaps && user == 0)))
        {
            entry = Reopen(direction);
        }

        if (entry is null)
        {
            return (uint)MMRESULT.MMSYSERR_NODRIVER;
        }

        using var call = entry.Export.Enter();
        return call.IsOpen ? entry.Message(deviceId, message, user, param1, param2) : (uint)MMRESULT.MMSYSERR_NODRIVER;
    }

    private IsolatedWaveEntryPoint? Reopen(WaveDirection direction)
    {
        lock (reopening)
        {
            if (isolated!.EntryPoint(direction) is { IsDead: false } alive)
            {
                return alive; // another thread has done it
            }

            if (reopen!() is not { } fresh)
            {
                return null;
            }

            handles.Add(fresh.Handle);
            isolated = fresh;
            foreach (var each in new[] { WaveDirection.Output, WaveDirection.Input })
            {
                fresh.EntryPoint(each)?.Message(0, WaveMessages.DRVM_INIT, 0, 0, 0);
            }

            return fresh.EntryPoint(direction);
        }
    }

    // A .NET driver that throws answers MMSYSERR_ERROR, as a faulting DriverProc answers 0: the application gets an
    // error code, never the driver's exception. The catch is in methods of its own so the native path has none.
    private static uint CallManaged(IWaveOutDriver driver, uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        try
        {
            return driver.wodMessage(deviceId, message, user, param1, param2);
        }
        catch (Exception)
        {
            return (uint)MMRESULT.MMSYSERR_ERROR;
        }
    }

    private static uint CallManaged(IWaveInDriver driver, uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        try
        {
            return driver.widMessage(deviceId, message, user, param1, param2);
        }
        catch (Exception)
        {
            return (uint)MMRESULT.MMSYSERR_ERROR;
        }
    }
}
