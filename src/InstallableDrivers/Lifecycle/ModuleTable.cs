using System.Collections.Concurrent;
using InstallableDrivers.Modules;

namespace InstallableDrivers.Lifecycle;

/// <summary>
/// The lifecycles of the driver files of the whole process, one per file and loader. A loaded image is a process-wide
/// thing — the dynamic linker hands every caller the same mapping of a file — so its DRV_LOAD and DRV_FREE must be too,
/// whichever managers open it (docs/contract.md#process-wide).
/// </summary>
internal static class ModuleTable
{
    // Records are kept after unload: one small object per driver file ever opened, so that concurrent opens and closes of
    // a file always agree on the gate they serialize on.
    private static readonly ConcurrentDictionary<(IDriverModuleLoader Loader, string FilePath), ModuleLifecycle> Lifecycles =
        new(new KeyComparer());

    /// <summary>The lifecycle of a driver file run by a loader, created on first use.</summary>
    public static ModuleLifecycle Get(IDriverModuleLoader loader, string filePath)
        => Lifecycles.GetOrAdd((loader, filePath), static key => new ModuleLifecycle(key.FilePath, key.Loader));

    /// <summary>True if the driver file at a full path is loaded by a loader now: between its DRV_LOAD and its DRV_FREE.</summary>
    public static bool IsLoaded(IDriverModuleLoader loader, string filePath)
        => Lifecycles.TryGetValue((loader, filePath), out var lifecycle) && lifecycle.IsLoaded;

    /// <summary>Compares loaders by reference and paths as the file system does (<see cref="PathComparison"/>).</summary>
    private sealed class KeyComparer : IEqualityComparer<(IDriverModuleLoader Loader, string FilePath)>
    {
        public bool Equals((IDriverModuleLoader Loader, string FilePath) x, (IDriverModuleLoader Loader, string FilePath) y)
            => ReferenceEquals(x.Loader, y.Loader) && PathComparison.Comparer.Equals(x.FilePath, y.FilePath);

        public int GetHashCode((IDriverModuleLoader Loader, string FilePath) key)
            => HashCode.Combine(key.Loader, PathComparison.Comparer.GetHashCode(key.FilePath));
    }
}
