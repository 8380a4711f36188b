using InstallableDrivers.Modules;

namespace InstallableDrivers.Isolation;

/// <summary>
/// A native driver file loaded in a host process of its own (docs/isolation.md). To the runtime it is a module whose
/// DriverProc is this object: each call goes over a slot of the shared arena and waits for the host's answer, serving
/// the requests the driver makes of the application meanwhile. When the host dies — a signal, an exit, or killed for
/// missing a deadline — every call in flight and every later one returns 0 with <see cref="DriverFailureReason.Crashed"/>
/// in the last error, and <see cref="Crash"/> says how it ended.
/// </summary>
/// <remarks>
/// The arena stays mapped while anyone may touch it: the module itself until it is unloaded, each call in flight, the
/// pump thread (until it sees the host gone), and each shared buffer hold a use, and the last to leave frees the
/// channel. So a call racing a crash, or a buffer disposed after the module was unloaded, never touches unmapped memory.
/// </remarks>
internal sealed unsafe class IsolatedDriverModule : DriverModule, IDriverProc
{
    /// <summary>Values of <see cref="pumpState"/>: its start waits on the thread pool, it runs, or the module was unloaded first.</summary>
    private const int PumpQueued = 0, PumpStarted = 1, PumpCancelled = 2;

    /// <summary>How long a host asked to exit after DRV_FREE may take before it is killed.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    /// <summary>When a crash is seen at start: the host ended or hung while it loaded the library (its constructors ran).</summary>
    private const string WhileLoading = "while its host loaded the library";

    /// <summary>What a host that hangs at start did not finish.</summary>
    private const string Loading = "loading in its host";

    /// <summary>How long a failed call waits for the crash's listeners (see <see cref="Dead"/>).</summary>
    private static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource reported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, nint> hostExports = new(StringComparer.Ordinal);
    private readonly List<Action<DriverCrash>> crashHandlers = [];
    private readonly IsolatedModuleLoader loader;
    private readonly nint channel;
    private readonly ArenaHeap heap;
    private readonly string filePath;
    private int users = 1;

    /// <summary><see cref="PumpQueued"/>, <see cref="PumpStarted"/> or <see cref="PumpCancelled"/>.</summary>
    private int pumpState;
    private int callsInFlight;
    private bool unloading;
    private DriverCrash? crash;
    private DriverFailure? crashFailure;

    /// <summary>The thread telling the crash's listeners, while it does (0 before).</summary>
    private int reportingThread;

    private IsolatedDriverModule(IsolatedModuleLoader loader, nint channel, string filePath)
    {
        this.loader = loader;
        this.channel = channel;
        this.filePath = filePath;
        var arena = HostChannel.Arena(channel);
        // The host's handle of the library: what GetDriverModuleHandle answers, inside the host and out. Only a number here.
        ModuleHandle = (nint)HostChannel.Header(channel)->ModuleHandle;
        heap = new ArenaHeap(arena + HostChannel.HeapOffset, loader.ArenaSize - HostChannel.HeapOffset);
        users++;
        // Thread.Start waits until the new thread runs: measured, a millisecond of a cold open on a loaded machine. The
        // pump is needed only once the driver calls from a thread of its own, and a request waits in its slot until then.
        ThreadPool.UnsafeQueueUserWorkItem(static module => module.StartPump(), this, preferLocal: false);
    }

    public override nint ModuleHandle { get; }

    /// <summary>How the host ended, or null while it runs.</summary>
    public override DriverCrash? Crash => Volatile.Read(ref crash);

    public override IDriverProc DriverObject => this;

    /// <summary>Other exports than DriverProc cannot be called directly across the process boundary: always 0 (see <see cref="FindHostExport"/>).</summary>
    public override nint FindExport(string name) => 0;

    /// <summary>
    /// The address, in the host, of a function the driver exports by name (looked up there once, then remembered), or 0
    /// if it has none or the host is dead: what <see cref="CallExport"/> calls.
    /// </summary>
    public nint FindHostExport(string name)
    {
        lock (hostExports)
        {
            if (hostExports.TryGetValue(name, out var known))
            {
                return known;
            }
        }

        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        if (utf8.Length >= HostChannel.ScratchSize || utf8.Contains((byte)0) || !TryEnter())
        {
            return 0;
        }

        try
        {
            if (!Run(HostChannel.OpFindExport, [], utf8, null, $"its lookup of '{name}'", lifecycle: true, out var address))
            {
                return 0;
            }

            lock (hostExports)
            {
                hostExports[name] = (nint)address;
            }

            return (nint)address;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// Calls an export <see cref="FindHostExport"/> found, in the host, with five integer arguments (a wodMessage's). False
    /// when the host is dead or dies meanwhile (or misses the deadline: the lifecycle one when <paramref name="lifecycle"/>,
    /// else that of data messages): the crash is recorded, the last error says it, and the crash names the call
    /// <paramref name="callName"/> ("wodMessage(WODM_WRITE)").
    /// </summary>
    public bool CallExport(nint address, long arg1, long arg2, long arg3, long arg4, long arg5, string callName, bool lifecycle, out long result)
    {
        result = 0;
        if (Volatile.Read(ref crash) is not null || !TryEnter())
        {
            Dead();
            return false;
        }

        Interlocked.Increment(ref callsInFlight);
        try
        {
            return Run(HostChannel.OpCallExport, [address, arg1, arg2, arg3, arg4, arg5], default, null, callName, lifecycle, out result);
        }
        finally
        {
            Interlocked.Decrement(ref callsInFlight);
            Leave();
        }
    }

    /// <summary>
    /// Runs <paramref name="handler"/> once when the host dies (at once if it already has), on the thread that saw the
    /// death, before any call that failed because of it returns: where a service fails its pending work.
    /// </summary>
    public void OnCrash(Action<DriverCrash> handler)
    {
        lock (crashHandlers)
        {
            if (Volatile.Read(ref crash) is null)
            {
                crashHandlers.Add(handler);
                return;
            }
        }

        handler(Volatile.Read(ref crash)!);
    }

    /// <summary>Sets the last error to the host's death, as a call that found it dead does.</summary>
    public void ReportDead() => Dead();


    /// <summary>Starts a host (<paramref name="program"/>, with <paramref name="argument"/> first if given) on <paramref name="filePath"/> and waits until it has loaded it.</summary>
    /// <exception cref="DriverOpenException">The host could not start, could not load the file, or died or hung while loading it.</exception>
    public static IsolatedDriverModule Start(IsolatedModuleLoader loader, string filePath, string program, string? argument)
    {
        var code = HostChannel.Start(program, argument, filePath, loader.Environment, loader.ArenaSize, loader.LifecycleDeadline,
            out var channel, out var kind, out var value, out var error);
        return code switch
        {
            HostChannel.Started => new IsolatedDriverModule(loader, channel, filePath),
            HostChannel.LoadFailed => throw Inspection.DriverFileErrors.NotADriver(filePath, error, null),
            HostChannel.EndedWhileLoading => throw CrashedWhileLoading(loader, filePath, CrashOf(filePath, null, kind, value, WhileLoading)),
            HostChannel.StartTimedOut => throw CrashedWhileLoading(loader, filePath,
                new DriverCrash(filePath, null, null, null, loader.LifecycleDeadline, circumstance: Loading)),
            _ => throw new DriverOpenException(DriverFailureReason.NotADriver,
                $"'{filePath}' cannot run in a host process: {error}. The host program is '{program}'."),
        };
    }

    /// <summary>Runs DriverProc in the host.</summary>
    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        if (Volatile.Read(ref crash) is not null || !TryEnter())
        {
            return Dead();
        }

        Interlocked.Increment(ref callsInFlight);
        try
        {
            return CallHost(driverId, hDriver.Value, message, lParam1, lParam2);
        }
        finally
        {
            Interlocked.Decrement(ref callsInFlight);
            Leave();
        }
    }

    /// <summary>A block of the arena, for a caller's custom message; the arena stays mapped until it is disposed.</summary>
    public override DriverSharedBuffer AllocateSharedBuffer(int length)
    {
        if (!TryEnter())
        {
            throw new InvalidOperationException($"The driver host of '{filePath}' has been shut down: no buffer can be allocated in its arena.");
        }

        var block = heap.Allocate(length);
        if (block == 0)
        {
            Leave();
            throw new InsufficientMemoryException($"The shared arena of '{filePath}' has no free block of {length} bytes ({loader.ArenaSize} bytes in all).");
        }

        new Span<byte>((void*)block, length).Clear();
        return new DriverSharedBuffer(block, length, isShared: true, released =>
        {
            heap.Free(released);
            Leave();
        });
    }

    /// <summary>Ends the host after DRV_FREE (or after it died): it unloads the driver and exits, or is killed.</summary>
    public override void Unload()
    {
        Volatile.Write(ref unloading, true);
        HostChannel.Shutdown(channel, (long)(ExitGrace.TotalMilliseconds * 1_000_000));
        // A pump that has not started never will, and its use is given back here: a burst of short-lived modules
        // (measured: crash-and-restart cycles) would otherwise keep hundreds of arenas until the thread pool came round.
        // A running pump is not joined: it may be serving a request that waits for the module's lifecycle gate, which
        // the caller may hold. It sees the host gone, ends by itself, and its use keeps the arena mapped until then.
        if (Interlocked.CompareExchange(ref pumpState, PumpCancelled, PumpQueued) == PumpQueued)
        {
            Leave();
        }

        Leave();
    }

    /// <summary>
    /// Runs DriverProc in the host, with the copier of the caller's scope when one applies to this call
    /// (<see cref="DriverMessageCopier"/>); the scope is suspended meanwhile, so the driver's nested calls do not take it.
    /// </summary>
    private nint CallHost(nuint driverId, nint handle, uint message, nint lParam1, nint lParam2)
    {
        var copier = DriverMessageCopier.Claim(handle, message, filePath);
        if (copier is null)
        {
            return CallHost(driverId, handle, message, lParam1, lParam2, null);
        }

        try
        {
            return CallHost(driverId, handle, message, lParam1, lParam2, copier);
        }
        finally
        {
            DriverMessageCopier.Resume(copier);
        }
    }

    private nint CallHost(nuint driverId, nint handle, uint message, nint lParam1, nint lParam2, DriverMessageCopier? copier)
    {
        var copies = new MessageParameterCopies(heap);
        try
        {
            var (arg1, arg2) = copies.CopyIn(message, lParam1, lParam2, IsInArena);
            var copy = copier is null ? null : new DriverMessageCopy(message, lParam1, lParam2, (nint)arg1, (nint)arg2, copies, this);
            if (copy is not null)
            {
                copier!.CopyIn(copy);
                if (copy.IsAnswered)
                {
                    return copy.Result;
                }

                (arg1, arg2) = (copy.DriverLParam1, copy.DriverLParam2);
            }

            if (!Run(HostChannel.OpDriverProc, [(long)driverId, handle, message, arg1, arg2], default, message, copier?.NameOf(message), false, out var result))
            {
                return 0;
            }

            if (copy is null)
            {
                return (nint)result;
            }

            copy.Result = (nint)result;
            copier!.CopyOut(copy);
            return copy.Result;
        }
        finally
        {
            copies.Free();
        }
    }

    /// <summary>
    /// Posts one request over a free slot and waits for its answer, serving the driver's requests meanwhile. False when
    /// the host died (or was killed for missing the deadline of <paramref name="message"/>): the crash is recorded, the
    /// last error set, and the crash names the call by <paramref name="message"/> (a DriverProc call) or else by
    /// <paramref name="callName"/>, whose deadline is the lifecycle one when <paramref name="lifecycle"/>.
    /// </summary>
    private bool Run(uint op, ReadOnlySpan<long> args, ReadOnlySpan<byte> scratch, uint? message, string? callName, bool lifecycle, out long result)
    {
        result = 0;
        var index = HostChannel.Acquire(channel);
        if (index < 0)
        {
            if (index == -1)
            {
                Died(message, HostChannel.Dead, callName, lifecycle);
            }
            else
            {
                Busy();
            }

            return false;
        }

        try
        {
            var slot = HostChannel.Slot(channel, index);
            slot->Op = op;
            args.CopyTo(new Span<long>(slot->Args, 7));
            scratch.CopyTo(new Span<byte>(slot->Scratch, HostChannel.ScratchSize - 1));
            var deadline = DeadlineOf(message, lifecycle);
            var timeout = deadline is { } limit ? (long)(limit.TotalMilliseconds * 1_000_000) : -1;
            var status = HostChannel.Call(channel, index, timeout);
            while (status == HostChannel.Nested)
            {
                status = HostChannel.Resume(channel, index, HostRequests.Serve(slot), timeout);
            }

            if (status != HostChannel.Done)
            {
                Died(message, status, callName, lifecycle);
                return false;
            }

            result = slot->Result;
            return true;
        }
        finally
        {
            HostChannel.Release(channel, index);
        }
    }

    /// <summary>True if the <paramref name="length"/> bytes at <paramref name="address"/> lie inside the arena.</summary>
    internal bool Contains(nint address, long length)
    {
        var arena = HostChannel.Arena(channel);
        return length >= 0 && address >= arena && length <= (long)loader.ArenaSize - (address - arena);
    }

    private bool IsInArena(nint pointer)
    {
        var arena = HostChannel.Arena(channel);
        return pointer >= arena && pointer < arena + (nint)loader.ArenaSize;
    }

    /// <summary>
    /// Records how the host ended, seen by a call to <paramref name="message"/> (or, for a call that is no DriverProc
    /// message, the call <paramref name="callName"/>); returns 0 with the last error set.
    /// </summary>
    private nint Died(uint? message, int status, string? callName = null, bool lifecycle = false)
    {
        if (status is HostChannel.TimedOut or HostChannel.Broken)
        {
            // Recorded before the kill, so the signal the kill causes is not taken for the cause.
            Record(status == HostChannel.TimedOut
                ? new DriverCrash(filePath, message, null, null, DeadlineOf(message, lifecycle), callName: callName)
                : new DriverCrash(filePath, message, null, null, null, otherCause: "broke the channel protocol (wrote a state only the application may write)", callName: callName));
            HostChannel.Kill(channel);
        }

        HostChannel.WaitDead(channel);
        HostChannel.ExitStatus(channel, out var kind, out var value);
        Record(CrashOf(filePath, message, kind, value, callName: callName));
        return Dead();
    }

    /// <summary>The deadline of a DriverProc message, or of another call: the lifecycle one or that of data messages.</summary>
    private TimeSpan? DeadlineOf(uint? message, bool lifecycle) =>
        message is { } known ? loader.DeadlineOf(known) : lifecycle ? loader.LifecycleDeadline : loader.MessageDeadline;

    /// <summary>Answers for a dead host: 0, with the crash in the last error.</summary>
    private nint Dead()
    {
        // The thread that saw the death first tells the listeners (the registry's crash log); a caller that failed
        // because of it returns once that is done, so a crash its caller saw is a crash the registry remembers. Bounded:
        // a listener waiting for something this caller holds (a registry transaction) must not hang it. A call made by
        // a listener itself (a service's crash handler calling back into the driver) does not wait for its own end.
        if (Volatile.Read(ref crash) is not null && Volatile.Read(ref reportingThread) != Environment.CurrentManagedThreadId)
        {
            reported.Task.Wait(ReportWait);
        }

        DriverManager.SetLastError(Volatile.Read(ref crashFailure) ?? new DriverFailure(DriverFailureReason.Crashed,
            $"The driver host of '{filePath}' has been shut down."));
        return 0;
    }

    private static nint Busy()
    {
        DriverManager.SetLastError(new DriverFailure(DriverFailureReason.DriverFault,
            $"Every one of the driver host's {HostChannel.SlotCount} call slots is in use: too many calls at once."));
        return 0;
    }

    /// <summary>Keeps the first cause of death and tells the loader's listeners once.</summary>
    private void Record(DriverCrash candidate)
    {
        if (Interlocked.CompareExchange(ref crash, candidate, null) is null)
        {
            Volatile.Write(ref crashFailure, new DriverFailure(DriverFailureReason.Crashed, FailureText(candidate)) { Crash = candidate });
            Volatile.Write(ref reportingThread, Environment.CurrentManagedThreadId);
            loader.OnModuleCrashed(filePath, candidate);
            TellCrashHandlers(candidate);
            reported.TrySetResult();
        }
    }

    private void TellCrashHandlers(DriverCrash candidate)
    {
        List<Action<DriverCrash>> handlers;
        lock (crashHandlers)
        {
            handlers = [.. crashHandlers];
            crashHandlers.Clear();
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(candidate);
            }
            catch (Exception)
            {
                // A service's failure to clean up must not turn a contained crash into one of the application's.
            }
        }
    }

    private static string FailureText(DriverCrash crash)
        => $"The driver '{crash.FilePath}' is dead: {crash.Reason}. Close its instances; the next open starts it again.";

    private static DriverCrash CrashOf(string filePath, uint? message, int kind, int value, string? circumstance = null, string? callName = null) => kind switch
    {
        HostChannel.Exited => new DriverCrash(filePath, message, null, value, null, circumstance: circumstance, callName: callName),
        HostChannel.Unknown => new DriverCrash(filePath, message, null, null, null,
            otherCause: "ended (how is unknown: something else in this process reaped it, or SIGCHLD is ignored)", circumstance: circumstance, callName: callName),
        _ => new DriverCrash(filePath, message, value, null, null, circumstance: circumstance, callName: callName),
    };

    private static DriverOpenException CrashedWhileLoading(IsolatedModuleLoader loader, string filePath, DriverCrash crash)
    {
        loader.OnModuleCrashed(filePath, crash);
        return new DriverOpenException(DriverFailureReason.Crashed, $"The driver '{filePath}' could not be loaded: {crash.Reason}.") { Crash = crash };
    }

    private void StartPump()
    {
        if (Interlocked.CompareExchange(ref pumpState, PumpStarted, PumpQueued) == PumpQueued)
        {
            new Thread(Pump) { IsBackground = true, Name = "driver host pump" }.Start();
        }
    }

    /// <summary>Serves the requests a driver's own threads make (DriverCallback from a playback thread), until the host ends.</summary>
    private void Pump()
    {
        int index;
        while ((index = HostChannel.PumpNext(channel)) >= 0)
        {
            HostChannel.PumpAnswer(channel, index, HostRequests.Serve(HostChannel.Slot(channel, index)));
        }

        // A death no call saw (a thread of the driver's own crashed) is recorded here; with calls in flight, they record
        // it with the message they were waiting for.
        if (!Volatile.Read(ref unloading) && Volatile.Read(ref callsInFlight) == 0)
        {
            HostChannel.ExitStatus(channel, out var kind, out var value);
            Record(CrashOf(filePath, null, kind, value));
        }

        Leave();
    }

    private bool TryEnter()
    {
        int count;
        do
        {
            count = Volatile.Read(ref users);
            if (count == 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref users, count + 1, count) != count);
        return true;
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref users) == 0)
        {
            HostChannel.Free(channel);
        }
    }
}
