using InstallableDrivers.Lifecycle;
using InstallableDrivers.Modules;

namespace InstallableDrivers.Dispatch;

/// <summary>One open (or opening, or closing) driver instance: what an HDRVR stands for.</summary>
internal sealed unsafe class DriverInstance
{
    /// <summary>Values of <see cref="State"/>.</summary>
    public const int Opening = 0, Open = 1, Closing = 2;

    /// <summary>Bits of a <see cref="FrameId"/> below the manager's id: the manager's open sequence number.</summary>
    private const int SequenceBits = 40;

    public DriverInstance(DriverManager owner, ModuleLifecycle lifecycle, DriverModule module, DriverTarget target, bool isSession)
    {
        Owner = owner;
        Lifecycle = lifecycle;
        Target = target;
        IsSession = isSession;
        Module = module;
        // One of the two, by the module's kind; cached here so a send reaches the code without a detour.
        NativeDriverProc = module is NativeDriverModule native ? native.DriverProc : null;
        ManagedDriverProc = module.DriverObject;
        ModuleFrameId = lifecycle.FrameId;
        FrameId = ((long)owner.Id << SequenceBits) | owner.NextSequence();
    }

    /// <summary>
    /// Names the instance in <see cref="CallFrames"/>: unique in the process, never reused. The high bits are the owning
    /// manager's id (<see cref="ManagerIdOf"/>), so a frame leads to its manager; the low bits increase with every open
    /// of that manager and order its instances for Dispose.
    /// </summary>
    public readonly long FrameId;

    /// <summary>The lifecycle's <see cref="ModuleLifecycle.FrameId"/>; cached here so a send reaches it without a detour.</summary>
    public readonly long ModuleFrameId;

    /// <summary>The manager that issued the handle.</summary>
    public DriverManager Owner { get; }

    /// <summary>The lifecycle of the loaded driver file this instance belongs to, shared by every manager in the process.</summary>
    public ModuleLifecycle Lifecycle { get; }

    /// <summary>The loaded driver file; cached here so a send reaches the code without a detour.</summary>
    public DriverModule Module { get; }

    /// <summary>The exported DriverProc, or null for .NET modules (see <see cref="ManagedDriverProc"/>).</summary>
    public readonly delegate* unmanaged<nuint, nint, uint, nint, nint, nint> NativeDriverProc;

    /// <summary>The .NET driver object (or an isolated module's proxy to its host process), or null for native modules in process.</summary>
    public readonly IDriverProc? ManagedDriverProc;

    /// <summary>What was opened: alias, section, file, args.</summary>
    public DriverTarget Target { get; }

    /// <summary>True for the hidden session instance (docs/contract.md#session).</summary>
    public bool IsSession { get; }

    /// <summary>The handle value; set once when the owner's handle table issues it.</summary>
    public nint Handle;

    /// <summary>The dwDriverId the driver returned from DRV_OPEN; 0 until then.</summary>
    public nuint DriverId;

    /// <summary>
    /// <see cref="Opening"/>, <see cref="Open"/> or <see cref="Closing"/>. Only an Open instance receives sent
    /// messages; the send path reads it after publishing its call frame (see <see cref="CallFrames"/>).
    /// </summary>
    public int State;

    /// <summary>The id of the manager that owns the instance with a <see cref="FrameId"/>.</summary>
    public static int ManagerIdOf(long frameId) => (int)(frameId >> SequenceBits);

    /// <summary>Claims an open instance for closing and withdraws its handle; false if it is not open or another thread claimed it first.</summary>
    public bool TryBeginClose()
    {
        // The interlocked write is the closer's full fence of the barrier with the send path (see CallFrames).
        if (Interlocked.CompareExchange(ref State, Closing, Open) != Open)
        {
            return false;
        }

        Owner.Handles.Remove(this);
        return true;
    }

    /// <summary>Takes back the handle of an instance whose open failed; no sender ever called it, as it never opened.</summary>
    public void Withdraw()
    {
        Volatile.Write(ref State, Closing);
        Owner.Handles.Remove(this);
    }
}
