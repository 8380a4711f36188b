using System.Runtime.InteropServices;
using InstallableDrivers.Dispatch;
using InstallableDrivers.Modules;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Lifecycle;

/// <summary>
/// The lifecycle of one driver file in the process, whichever managers open it: load, DRV_LOAD and DRV_ENABLE before
/// the first instance, DRV_OPEN, the session instance, DRV_CLOSE, DRV_DISABLE and DRV_FREE after the last instance,
/// unload, and the clean-up of every failure on the way (docs/contract.md#open, #close, #process-wide).
/// </summary>
/// <remarks>
/// Every lifecycle message of the file is delivered under one <see cref="ContextGate"/>, so they never overlap and
/// DRV_LOAD and DRV_FREE strictly alternate; ordinary messages never take it. The gate is re-entrant for the call
/// context that holds it, so a driver may open and close instances of itself from inside DriverProc.
/// </remarks>
internal sealed class ModuleLifecycle(string filePath, IDriverModuleLoader loader)
{
    private readonly ContextGate gate = new();

    /// <summary>The loaded file, or null. It may outlive <see cref="loaded"/> until no thread runs its code.</summary>
    private DriverModule? module;

    /// <summary>True between an accepted DRV_LOAD and DRV_FREE.</summary>
    private bool loaded;

    /// <summary>Open instances in the process, the session instance included.</summary>
    private int instances;

    /// <summary>The hidden session instance (docs/contract.md#session), while it is open.</summary>
    private DriverInstance? session;

    /// <summary>Counts load cycles, so a postponed unload can tell that the file was loaded again meanwhile.</summary>
    private int epoch;

    /// <summary>The <see cref="DriverInstance.FrameId"/> carrying a running DRV_LOAD, DRV_ENABLE, DRV_DISABLE or DRV_FREE, or 0.</summary>
    private long transition;

    /// <summary>Names the file's calls in <see cref="CallFrames"/>: unique in the process, never reused.</summary>
    public long FrameId { get; } = CallFrames.NewId();

    /// <summary>The resolved full path of the driver file.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>True between an accepted DRV_LOAD and DRV_FREE.</summary>
    public bool IsLoaded => Volatile.Read(ref loaded);

    /// <summary>The current load cycle; read by <see cref="CallFrames"/> while it waits to unload an older one.</summary>
    public int Epoch => Volatile.Read(ref epoch);

    /// <summary>Opens an instance for <paramref name="owner"/>: loads the file and sends DRV_LOAD and DRV_ENABLE first if it is not loaded.</summary>
    /// <exception cref="DriverOpenException">The file could not be loaded, or the driver refused or faulted.</exception>
    public DriverInstance Open(DriverManager owner, DriverTarget target, nint lParam)
    {
        var args = Marshal.StringToHGlobalUni(target.Args);
        int? release = null;
        try
        {
            using (gate.Enter())
            {
                try
                {
                    if (transition != 0 && CallContext.IsWithin(transition))
                    {
                        throw new DriverOpenException(DriverFailureReason.ReentrantLoad,
                            $"'{FilePath}' was opened from inside its own DRV_LOAD, DRV_ENABLE, DRV_DISABLE or DRV_FREE; open it after that message returns.");
                    }

                    if (loaded && module!.Crash is not null)
                    {
                        AbandonCrashed();
                    }

                    return loaded
                        ? OpenInstance(NewInstance(owner, target, isSession: false), args, lParam)
                        : OpenFirst(owner, target, args, lParam);
                }
                finally
                {
                    release = ReleasableEpoch();
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(args);
            if (release is int cycle)
            {
                Release(cycle);
            }
        }
    }

    /// <summary>
    /// Closes an instance its caller claimed (<see cref="DriverInstance.TryBeginClose"/>): waits until no other thread is
    /// inside it, sends DRV_CLOSE, and after the file's last instance in the process closes the session instance, sends
    /// DRV_DISABLE and DRV_FREE and unloads the file.
    /// </summary>
    public void Close(DriverInstance instance, nint lParam1, nint lParam2)
    {
        // docs/contract.md#d7: no message reaches the instance after DRV_CLOSE began. Wait outside the gate, so a driver
        // running on another thread may still open or close instances of this file while we wait for it.
        CallFrames.WaitForOtherThreads(instance);
        int? release;
        using (gate.Enter())
        {
            try
            {
                if (!ReferenceEquals(instance.Module, module))
                {
                    // An instance of a crashed host the file has been started again since (AbandonCrashed): it was
                    // already let go of; there is nothing to call and nothing to count.
                    return;
                }

                CloseClaimed(instance, lParam1, lParam2);
                CloseSessionIfLast();
                if (instances == 0)
                {
                    Free(instance);
                }
            }
            finally
            {
                release = ReleasableEpoch();
            }
        }

        if (release is int cycle)
        {
            Release(cycle);
        }
    }

    /// <summary>Loads the file, sends DRV_LOAD and DRV_ENABLE, opens the session instance if one is due, then the instance.</summary>
    private DriverInstance OpenFirst(DriverManager owner, DriverTarget target, nint args, nint lParam)
    {
        // The file may still be mapped from a previous load cycle whose unload is waiting for threads to leave its code,
        // unless that load's host process died: then it is let go of, and a fresh host starts.
        if (module is { Crash: not null } crashed)
        {
            module = null;
            crashed.Unload();
        }

        module ??= loader.Load(FilePath);
        Volatile.Write(ref epoch, epoch + 1);
        var sessionInstance = lParam != 0 ? NewInstance(owner, target, isSession: true) : null;
        var instance = NewInstance(owner, target, isSession: false);
        var first = sessionInstance ?? instance;

        bool accepted;
        Exception? fault;
        transition = first.FrameId;
        try
        {
            // docs/contract.md#d1: any nonzero result accepts the load, as Microsoft documents.
            accepted = first.Owner.Dispatcher.Call(first, 0, DRV_LOAD, 0, 0, out fault) != 0;
            if (accepted)
            {
                first.Owner.Dispatcher.Call(first, 0, DRV_ENABLE, 0, 0);
            }
        }
        finally
        {
            transition = 0;
        }

        if (!accepted)
        {
            instance.Withdraw();
            sessionInstance?.Withdraw();
            throw Refusal(DriverFailureReason.LoadRefused, $"The driver '{FilePath}' refused to load: DRV_LOAD returned 0.", "DRV_LOAD", fault);
        }

        Volatile.Write(ref loaded, true);
        if (sessionInstance is not null)
        {
            var sessionId = (nuint)owner.Dispatcher.Call(sessionInstance, 0, DRV_OPEN, args, 0, out fault);
            if (sessionId == 0)
            {
                instance.Withdraw();
                sessionInstance.Withdraw();
                Free(sessionInstance);
                throw Refusal(DriverFailureReason.OpenRefused,
                    $"The driver '{FilePath}' refused to open its session instance: DRV_OPEN returned 0.", "DRV_OPEN", fault);
            }

            Activate(sessionInstance, sessionId);
            session = sessionInstance;
        }

        return OpenInstance(instance, args, lParam);
    }

    /// <summary>Sends DRV_OPEN to a new instance; on refusal cleans up as if the file's last instance had closed.</summary>
    private DriverInstance OpenInstance(DriverInstance instance, nint args, nint lParam)
    {
        var id = (nuint)instance.Owner.Dispatcher.Call(instance, 0, DRV_OPEN, args, lParam, out var fault);
        if (id == 0)
        {
            instance.Withdraw();
            CloseSessionIfLast();
            if (instances == 0)
            {
                Free(instance);
            }

            throw Refusal(DriverFailureReason.OpenRefused, $"The driver '{FilePath}' refused to open: DRV_OPEN returned 0.", "DRV_OPEN", fault);
        }

        Activate(instance, id);
        return instance;
    }

    /// <summary>
    /// The exception for a 0 from DRV_LOAD or DRV_OPEN: a refusal, or, when a .NET driver threw instead of answering,
    /// a fault that names the exception.
    /// </summary>
    private DriverOpenException Refusal(DriverFailureReason reason, string refusal, string message, Exception? fault)
    {
        if (DriverManager.LastError is { Crash: { } crash } failure && module?.Crash == crash)
        {
            // The driver's host process died (or was killed) instead of answering: docs/isolation.md.
            return new DriverOpenException(DriverFailureReason.Crashed, failure.Message) { Crash = crash };
        }

        return fault is not null
            ? new DriverOpenException(DriverFailureReason.DriverFault,
                $"The driver '{FilePath}' threw {fault.GetType().Name} in {message}: {fault.Message}", fault)
            : new DriverOpenException(reason, refusal);
    }

    private DriverInstance NewInstance(DriverManager owner, DriverTarget target, bool isSession)
    {
        var instance = new DriverInstance(owner, this, module!, target, isSession);
        owner.Handles.Add(instance);
        return instance;
    }

    private void Activate(DriverInstance instance, nuint driverId)
    {
        instance.DriverId = driverId;
        instances++;
        Volatile.Write(ref instance.State, DriverInstance.Open);
    }

    private void CloseClaimed(DriverInstance instance, nint lParam1, nint lParam2)
    {
        instance.Owner.Dispatcher.Call(instance, instance.DriverId, DRV_CLOSE, lParam1, lParam2);
        instances--;
        if (session == instance)
        {
            session = null;
        }
    }

    /// <summary>Closes the session instance (docs/contract.md#session) when it is all that is left of the file in the process.</summary>
    private void CloseSessionIfLast()
    {
        if (instances == 1 && session is { } last && last.TryBeginClose())
        {
            CallFrames.WaitForOtherThreads(last);
            CloseClaimed(last, 0, 0);
        }
    }

    /// <summary>
    /// Lets go of a load whose host process died (docs/isolation.md) so that the open in progress starts a fresh one: its
    /// instances stay dead until their owners close them, which then calls and counts nothing, and its module is
    /// unloaded now (an isolated module keeps its arena mapped until the last call racing the crash has left it).
    /// </summary>
    private void AbandonCrashed()
    {
        var crashed = module!;
        module = null;
        loaded = false;
        instances = 0;
        // The hidden session instance has no owner who will close it: take its handle back now.
        session?.Withdraw();
        session = null;
        crashed.Unload();
    }

    /// <summary>Sends DRV_DISABLE and DRV_FREE (driver id 0: docs/contract.md#d3) through the instance that caused them.</summary>
    private void Free(DriverInstance cause)
    {
        transition = cause.FrameId;
        try
        {
            cause.Owner.Dispatcher.Call(cause, 0, DRV_DISABLE, 0, 0);
            cause.Owner.Dispatcher.Call(cause, 0, DRV_FREE, 0, 0);
        }
        finally
        {
            transition = 0;
            Volatile.Write(ref loaded, false);
        }
    }

    /// <summary>
    /// The load cycle whose file may be unloaded once the gate is left: the current one, if it is freed (or its load was
    /// refused) but still mapped. Not while a load or free is running: a call nested in DRV_LOAD sees the file mapped
    /// and not yet loaded, and must not take it away from the load in progress.
    /// </summary>
    private int? ReleasableEpoch() => IsReleasable ? epoch : null;

    private bool IsReleasable => !loaded && transition == 0 && module is not null;

    /// <summary>
    /// Unloads the file of a freed load cycle once no thread runs its code: at once, after other threads left it, or
    /// when this thread returns from it (a driver that closed its own last instance from inside DriverProc).
    /// </summary>
    private void Release(int cycle)
    {
        var frames = CallFrames.Current;
        if (frames.IsInside(this))
        {
            frames.DeferRelease(this, () => Release(cycle));
            return;
        }

        CallFrames.WaitForOtherThreads(this, cycle);
        using (gate.Enter())
        {
            if (epoch == cycle && IsReleasable)
            {
                var stale = module!;
                module = null;
                stale.Unload();
            }
        }
    }
}
