using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using InstallableDrivers.Modules;

namespace InstallableDrivers.Lifecycle;

/// <summary>
/// The lifecycles of the driver files one loader runs, for the whole process: one per file. A loaded image is a
/// process-wide thing — the dynamic linker hands every caller the same mapping of a file — so its DRV_LOAD and DRV_FREE
/// must be too, whichever managers open it (docs/contract.md#process-wide). A file run by two loaders (in process, and
/// in a host process) has one lifecycle in each loader's table.
/// </summary>
internal sealed class ModuleTable
{
    private static readonly ConditionalWeakTable<IDriverModuleLoader, ModuleTable> Tables = [];

    // Records are kept after unload: one small object per driver file ever opened, so that concurrent opens and closes
    // of a file always agree on the gate they serialize on.
    private readonly ConcurrentDictionary<string, ModuleLifecycle> lifecycles = new(PathComparison.Comparer);
    private readonly IDriverModuleLoader loader;

    private ModuleTable(IDriverModuleLoader loader) => this.loader = loader;

    /// <summary>The process's table for a loader.</summary>
    public static ModuleTable For(IDriverModuleLoader loader) => Tables.GetValue(loader, static l => new ModuleTable(l));

    /// <summary>The lifecycle of a driver file (a full path), created on first use.</summary>
    public ModuleLifecycle Get(string filePath) => lifecycles.GetOrAdd(filePath, static (path, table) => new ModuleLifecycle(path, table.loader), this);

    /// <summary>True if the driver file at a full path is loaded now: between its DRV_LOAD and its DRV_FREE.</summary>
    public bool IsLoaded(string filePath) => lifecycles.TryGetValue(filePath, out var lifecycle) && lifecycle.IsLoaded;
}
