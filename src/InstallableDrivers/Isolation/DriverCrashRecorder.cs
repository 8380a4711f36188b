using System.Runtime.CompilerServices;
using InstallableDrivers.Modules;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Isolation;

/// <summary>
/// Writes each crash of an isolated module into one manager's crash log (<see cref="DriverManager.RecordCrash"/>), once
/// for each of that manager's aliases the crash ended: the aliases of its open instances of the module, and the alias
/// being opened when a host died while it loaded or opened the driver. A crash is seen both ways at once (a DRV_OPEN
/// that killed the host ends the open and the module's other instances), so each alias is written once per crash.
/// </summary>
internal sealed class DriverCrashRecorder : IDisposable
{
    private readonly DriverManager manager;
    private readonly IsolatedModuleLoader? loader;
    private readonly ConditionalWeakTable<DriverCrash, HashSet<string>> recorded = [];

    /// <summary>Listens to <paramref name="isolatedLoader"/>'s crashes, if it is the isolated loader (tests may give another).</summary>
    public DriverCrashRecorder(DriverManager manager, IDriverModuleLoader isolatedLoader)
    {
        this.manager = manager;
        loader = isolatedLoader as IsolatedModuleLoader;
        if (loader is not null)
        {
            loader.ModuleCrashed += OnModuleCrashed;
        }
    }

    /// <summary>Records <paramref name="crash"/> for <paramref name="target"/>'s alias, unless it already was.</summary>
    public void Record(DriverTarget target, DriverCrash crash)
    {
        if (target.Alias is null || target.Section is null)
        {
            return;
        }

        var aliases = recorded.GetValue(crash, static _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        lock (aliases)
        {
            if (!aliases.Add(target.Section + "\n" + target.Alias))
            {
                return;
            }
        }

        manager.RecordCrash(target, new DriverCrashRecord(crash.Time, crash.Signal, crash.ExitCode, crash.MessageName, crash.Reason));
    }

    /// <summary>Stops listening: the loader lives as long as the process, a manager does not.</summary>
    public void Dispose()
    {
        if (loader is not null)
        {
            loader.ModuleCrashed -= OnModuleCrashed;
        }
    }

    private void OnModuleCrashed(string filePath, DriverCrash crash)
    {
        foreach (var instance in manager.Handles.Snapshot())
        {
            if (!instance.IsSession && ReferenceEquals(instance.Module.Crash, crash))
            {
                Record(instance.Target, crash);
            }
        }
    }
}
