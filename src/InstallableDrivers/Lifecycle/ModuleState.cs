using InstallableDrivers.Dispatch;
using InstallableDrivers.Modules;

namespace InstallableDrivers.Lifecycle;

/// <summary>
/// The lifecycle of one driver file within a manager: whether it is loaded, how many instances it has, its session
/// instance. Every field is guarded by <see cref="Gate"/>, which serializes the module's lifecycle messages
/// (DRV_LOAD … DRV_FREE, DRV_OPEN, DRV_CLOSE); ordinary messages never take it.
/// </summary>
internal sealed class ModuleState(string filePath)
{
    /// <summary>Serializes opens and closes of this module. Re-entrant, so a driver may open or close from DriverProc.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Names the module in <see cref="CallFrames"/>: unique in the process, never reused.</summary>
    public long FrameId { get; } = CallFrames.NewId();

    /// <summary>The resolved full path this record is keyed by.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>The loaded file, or null. It may outlive <see cref="Loaded"/> until no thread runs its code.</summary>
    public DriverModule? Module;

    /// <summary>True between an accepted DRV_LOAD and DRV_FREE.</summary>
    public bool Loaded;

    /// <summary>Open instances, the session instance included.</summary>
    public int Instances;

    /// <summary>The hidden session instance (docs/contract.md#session), while it is open.</summary>
    public DriverInstance? Session;

    /// <summary>Counts load cycles, so a postponed unload can tell that the module was loaded again meanwhile.</summary>
    public int Epoch;

    /// <summary>The thread running DRV_LOAD, DRV_ENABLE, DRV_DISABLE or DRV_FREE, or null.</summary>
    public Thread? TransitionThread;
}
