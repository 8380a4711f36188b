using System.Runtime.InteropServices;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers;

/// <summary>
/// A .NET driver written as methods, one per message, each defaulting to DefDriverProc's answer. The runtime's
/// dwDriverId values are mapped to the per-instance objects <see cref="Open"/> returns, so an author never handles raw
/// ids. Name the derived type with <see cref="InstallableDriverAttribute"/>.
/// </summary>
/// <typeparam name="TInstance">The per-instance state: what <see cref="Open"/> creates and every instance message receives.</typeparam>
/// <remarks>
/// The host delivers DRV_OPEN and DRV_CLOSE of one module one at a time, but other messages to different instances may
/// arrive on several threads at once: per-instance state needs no lock, state shared across instances does.
/// </remarks>
public abstract class InstallableDriver<TInstance> : IDriverProc
    where TInstance : class
{
    private readonly Lock sync = new();
    private readonly Stack<int> freeIds = new();
    private TInstance?[] instances = new TInstance?[8];
    private int used;

    /// <summary>Handles one message by calling the method for it. Not meant to be overridden: override the methods.</summary>
    /// <param name="driverId">The id the runtime passes back: 0, or one this class handed out for an instance.</param>
    /// <param name="hDriver">The instance handle.</param>
    /// <param name="message">The message number.</param>
    /// <param name="lParam1">The first message parameter.</param>
    /// <param name="lParam2">The second message parameter.</param>
    /// <returns>The message's result.</returns>
    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2) => message switch
    {
        DRV_LOAD => Load() ? DRV_SUCCESS : DRV_FAILURE,
        DRV_ENABLE => Run(Enable),
        DRV_DISABLE => Run(Disable),
        DRV_FREE => Run(Free),
        DRV_OPEN => Register(Open(hDriver, lParam1 == 0 ? null : Marshal.PtrToStringUni(lParam1), lParam2)),
        DRV_CLOSE => CloseInstance(driverId, lParam1, lParam2),
        DRV_QUERYCONFIGURE => QueryConfigure(Instance(driverId)) ? 1 : 0,
        DRV_CONFIGURE => Configure(Instance(driverId), DriverConfiguration.FromPointer(lParam2)),
        DRV_INSTALL => Install(InstanceOrNull(driverId), DriverConfiguration.FromPointer(lParam2)),
        DRV_REMOVE => Remove(InstanceOrNull(driverId)),
        DRV_POWER => Power(Instance(driverId), lParam1, lParam2),
        >= DRV_USER => Message(Instance(driverId), message, lParam1, lParam2),
        _ => Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2),
    };

    /// <summary>DRV_LOAD: the module was loaded. Return false to refuse the load. Default: true.</summary>
    /// <returns>True to accept.</returns>
    protected virtual bool Load() => true;

    /// <summary>DRV_ENABLE: the module is becoming active.</summary>
    protected virtual void Enable() { }

    /// <summary>
    /// DRV_OPEN: creates an instance. Return its state object, or null to refuse the open (DefDriverProc's answer, and
    /// so the default: a typed driver must override this to be opened at all).
    /// </summary>
    /// <param name="hDriver">The new instance's handle.</param>
    /// <param name="args">The args text from the registry value, or null.</param>
    /// <param name="lParam">The lParam the caller passed to OpenDriver (0 for a session instance).</param>
    /// <returns>The instance's state, or null to refuse.</returns>
    protected virtual TInstance? Open(HDRVR hDriver, string? args, nint lParam) => null;

    /// <summary>DRV_CLOSE: the instance is closing; its state is forgotten afterwards.</summary>
    /// <param name="instance">The instance's state.</param>
    /// <param name="lParam1">CloseDriver's lParam1.</param>
    /// <param name="lParam2">CloseDriver's lParam2.</param>
    protected virtual void Close(TInstance instance, nint lParam1, nint lParam2) { }

    /// <summary>DRV_DISABLE: the last instance closed.</summary>
    protected virtual void Disable() { }

    /// <summary>DRV_FREE: the module is about to be unloaded.</summary>
    protected virtual void Free() { }

    /// <summary>DRV_QUERYCONFIGURE: whether the driver has a configuration. Default: false.</summary>
    /// <param name="instance">The instance asked.</param>
    /// <returns>True if DRV_CONFIGURE does something.</returns>
    protected virtual bool QueryConfigure(TInstance instance) => false;

    /// <summary>DRV_CONFIGURE: configure the driver. Default: DRVCNF_CANCEL.</summary>
    /// <param name="instance">The instance asked.</param>
    /// <param name="configuration">The section and alias being configured.</param>
    /// <returns>A DRVCNF_* value.</returns>
    protected virtual int Configure(TInstance instance, DriverConfiguration configuration) => DRVCNF_CANCEL;

    /// <summary>DRV_INSTALL: the driver is being installed. Default: DRVCNF_OK.</summary>
    /// <param name="instance">The instance asked, or null when sent without one.</param>
    /// <param name="configuration">The section and alias it is installed under.</param>
    /// <returns>A DRVCNF_* value: DRVCNF_CANCEL rolls the installation back, DRVCNF_RESTART asks for a restart.</returns>
    protected virtual int Install(TInstance? instance, DriverConfiguration configuration) => DRVCNF_OK;

    /// <summary>DRV_REMOVE: the driver is being removed. Default: 1.</summary>
    /// <param name="instance">The instance asked, or null when sent without one.</param>
    /// <returns>The result.</returns>
    protected virtual nint Remove(TInstance? instance) => 1;

    /// <summary>DRV_POWER: a power notification. Default: 0.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="lParam1">The first message parameter.</param>
    /// <param name="lParam2">The second message parameter.</param>
    /// <returns>The result.</returns>
    protected virtual nint Power(TInstance instance, nint lParam1, nint lParam2) => 0;

    /// <summary>A custom message, DRV_USER or above. Default: 0.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="message">The message number.</param>
    /// <param name="lParam1">The first message parameter.</param>
    /// <param name="lParam2">The second message parameter.</param>
    /// <returns>The result.</returns>
    protected virtual nint Message(TInstance instance, uint message, nint lParam1, nint lParam2) => 0;

    private static nint Run(Action action)
    {
        action();
        return 1;
    }

    /// <summary>Maps an id to its instance. Ids are handed out here and passed back by the host, so a miss is a bug.</summary>
    private TInstance Instance(nuint driverId) => InstanceOrNull(driverId)
        ?? throw new InvalidOperationException($"Driver id {driverId} names no open instance of {GetType().Name}.");

    private TInstance? InstanceOrNull(nuint driverId)
    {
        var table = Volatile.Read(ref instances);
        return driverId - 1 < (nuint)table.Length ? Volatile.Read(ref table[driverId - 1]) : null;
    }

    private nint Register(TInstance? instance)
    {
        if (instance is null)
        {
            return 0;
        }

        lock (sync)
        {
            int index;
            if (freeIds.Count > 0)
            {
                index = freeIds.Pop();
            }
            else
            {
                if (used == instances.Length)
                {
                    var larger = new TInstance?[instances.Length * 2];
                    Array.Copy(instances, larger, used);
                    Volatile.Write(ref instances, larger);
                }

                index = used++;
            }

            Volatile.Write(ref instances[index], instance);
            return index + 1;
        }
    }

    private nint CloseInstance(nuint driverId, nint lParam1, nint lParam2)
    {
        var instance = Instance(driverId);
        try
        {
            Close(instance, lParam1, lParam2);
        }
        finally
        {
            // The instance is closed whatever Close did: the host invalidates its handle regardless.
            lock (sync)
            {
                Volatile.Write(ref instances[(int)driverId - 1], null);
                freeIds.Push((int)driverId - 1);
            }
        }

        return 1;
    }
}

/// <summary>An <see cref="InstallableDriver{TInstance}"/> whose per-instance state is any object.</summary>
public abstract class InstallableDriver : InstallableDriver<object>;
