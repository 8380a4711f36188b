using InstallableDrivers.Dispatch;

namespace InstallableDrivers.Isolation;

/// <summary>
/// A function an isolated driver's file exports besides DriverProc (a wave driver's <c>wodMessage</c>), called in its
/// host process (<see cref="DriverManager.GetHostExport"/>). It carries numbers only: a service that passes pointers
/// copies what they point at into the host's arena first (<see cref="AllocateSharedBuffer"/>), and learns of the host's
/// death through <see cref="OnCrash"/> to fail its pending work.
/// </summary>
internal sealed class HostExport
{
    private readonly DriverInstance instance;
    private readonly IsolatedDriverModule module;
    private readonly nint address;

    internal HostExport(DriverInstance instance, IsolatedDriverModule module, nint address, string name)
    {
        this.instance = instance;
        this.module = module;
        this.address = address;
        Name = name;
    }

    /// <summary>The export's name.</summary>
    public string Name { get; }

    /// <summary>How the host ended, or null while it runs.</summary>
    public DriverCrash? Crash => module.Crash;

    /// <summary>Enters the driver's code for one call, as <see cref="DriverEntryPoint{TManaged}.Enter"/> does.</summary>
    public DriverCallScope Enter() => new(instance);

    /// <summary>
    /// Calls the export in the host with five integer arguments. False when the host is dead or dies meanwhile (the crash
    /// is in <see cref="DriverManager.LastError"/>). <paramref name="callName"/> names the call in the crash
    /// ("wodMessage(WODM_WRITE)": a string the caller keeps, since it is passed on every call); <paramref name="lifecycle"/>
    /// gives the call the deadline of the lifecycle messages (opening or closing a stream), else it has that of data messages.
    /// </summary>
    public bool TryCall(long arg1, long arg2, long arg3, long arg4, long arg5, string callName, bool lifecycle, out long result)
        => module.CallExport(address, arg1, arg2, arg3, arg4, arg5, callName, lifecycle, out result);

    /// <summary>A zeroed block of the host's arena, the same address on both sides; it keeps the arena mapped until disposed.</summary>
    /// <exception cref="InsufficientMemoryException">The arena has no room.</exception>
    public DriverSharedBuffer AllocateSharedBuffer(int length) => module.AllocateSharedBuffer(length);

    /// <summary>Sets <see cref="DriverManager.LastError"/> to the host's death, for a service that answers for a dead host without calling it.</summary>
    public void ReportDead() => module.ReportDead();

    /// <summary>Runs <paramref name="handler"/> once when the host dies (at once if it has), before a call that failed because of it returns.</summary>
    public void OnCrash(Action<DriverCrash> handler) => module.OnCrash(handler);
}
