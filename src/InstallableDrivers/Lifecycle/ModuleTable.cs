using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using InstallableDrivers.Files;
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
    // of a file always agree on the gate they serialize on. They are keyed by the file's real path, as the dynamic
    // linker keeps one image for a file however it is reached.
    private readonly ConcurrentDictionary<string, ModuleLifecycle> lifecycles = new(PathComparison.Comparer);

    /// <summary>The lifecycle each path given to <see cref="Get"/> last led to: a symbolic link, or the real path itself.</summary>
    private readonly ConcurrentDictionary<string, ModuleLifecycle> byPath = new(PathComparison.Comparer);
    private readonly IDriverModuleLoader loader;

    private ModuleTable(IDriverModuleLoader loader) => this.loader = loader;

    /// <summary>The process's table for a loader.</summary>
    public static ModuleTable For(IDriverModuleLoader loader) => Tables.GetValue(loader, static l => new ModuleTable(l));

    /// <summary>
    /// The lifecycle of a driver file (a full path), created on first use. A path that reaches a file through symbolic
    /// links gets the lifecycle of the file's real path, the one the dynamic linker would map.
    /// </summary>
    public ModuleLifecycle Get(string filePath)
    {
        // While loaded, a path keeps leading where it led: no look at the disk on the way to one more instance. Once
        // unloaded, a link may have been pointed elsewhere, so the path is resolved again.
        if (byPath.TryGetValue(filePath, out var known) && known.IsLoaded)
        {
            return known;
        }

        var real = FileNodes.RealPath(filePath) ?? filePath;
        var lifecycle = lifecycles.GetOrAdd(real, static (path, table) => new ModuleLifecycle(path, table.loader), this);
        byPath[filePath] = lifecycle;
        return lifecycle;
    }

    /// <summary>True if the driver file a full path led to is loaded now: between its DRV_LOAD and its DRV_FREE.</summary>
    public bool IsLoaded(string filePath) => byPath.TryGetValue(filePath, out var lifecycle) && lifecycle.IsLoaded;
}
