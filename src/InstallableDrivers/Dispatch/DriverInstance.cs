using InstallableDrivers.Lifecycle;
using InstallableDrivers.Modules;

namespace InstallableDrivers.Dispatch;

/// <summary>One open (or opening, or closing) driver instance: what an HDRVR stands for.</summary>
internal sealed unsafe class DriverInstance
{
    /// <summary>Values of <see cref="State"/>.</summary>
    public const int Opening = 0, Open = 1, Closing = 2;

    public DriverInstance(ModuleState module, DriverModule loaded, DriverTarget target, bool isSession, long sequence)
    {
        Module = module;
        Target = target;
        IsSession = isSession;
        Sequence = sequence;
        Loaded = loaded;
        NativeDriverProc = loaded.NativeDriverProc;
        ManagedDriverProc = loaded.ManagedDriverProc;
        ModuleFrameId = module.FrameId;
    }

    /// <summary>Names the instance in <see cref="CallFrames"/>: unique in the process, never reused.</summary>
    public readonly long FrameId = CallFrames.NewId();

    /// <summary>The module's <see cref="ModuleState.FrameId"/>; cached here so a send reaches it without a detour.</summary>
    public readonly long ModuleFrameId;

    /// <summary>The lifecycle record of the module this instance belongs to.</summary>
    public ModuleState Module { get; }

    /// <summary>The loaded module; cached here so a send reaches the code without a detour.</summary>
    public DriverModule Loaded { get; }

    /// <summary>The exported DriverProc, or null for .NET modules (see <see cref="ManagedDriverProc"/>).</summary>
    public readonly delegate* unmanaged<nuint, nint, uint, nint, nint, nint> NativeDriverProc;

    /// <summary>The .NET driver object, or null for native modules; cached here for the same reason.</summary>
    public readonly IDriverProc? ManagedDriverProc;

    /// <summary>What was opened: alias, section, file, args.</summary>
    public DriverTarget Target { get; }

    /// <summary>True for the hidden session instance of docs/contract.md#session.</summary>
    public bool IsSession { get; }

    /// <summary>Increases with every open of the manager; orders instances for Dispose.</summary>
    public long Sequence { get; }

    /// <summary>The handle value; set once when the handle table issues it.</summary>
    public nint Handle;

    /// <summary>The dwDriverId the driver returned from DRV_OPEN; 0 until then.</summary>
    public nuint DriverId;

    /// <summary>
    /// <see cref="Opening"/>, <see cref="Open"/> or <see cref="Closing"/>. Only an Open instance receives sent
    /// messages; the send path reads it after publishing its call frame (see <see cref="CallFrames"/>).
    /// </summary>
    public int State;
}
