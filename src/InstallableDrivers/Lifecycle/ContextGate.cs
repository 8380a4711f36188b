using InstallableDrivers.Dispatch;

namespace InstallableDrivers.Lifecycle;

/// <summary>
/// A re-entrant lock owned by a call context (<see cref="CallContext"/>) rather than by a thread, so that a driver may
/// open or close instances of its own module from inside DriverProc: the nested call belongs to the context that holds
/// the gate and passes, while every other context waits.
/// </summary>
/// <remarks>
/// In process a context is a thread, and this behaves as a re-entrant lock. Owning by context is what lets a driver's
/// nested call arrive on another thread (a callback from a driver in another process) without deadlocking against the
/// call it is nested in. Uncontended, entering and leaving cost one interlocked operation each; a waiter sleeps on a
/// monitor that the leaving context pulses only when someone waits.
/// </remarks>
internal sealed class ContextGate
{
    private readonly object sleepers = new();
    private long owner;
    private int depth;
    private int waiting;

    /// <summary>Enters the gate for the current context, waiting while another context holds it.</summary>
    public Scope Enter()
    {
        var context = CallContext.CurrentId;
        // Only the owner writes owner while it holds the gate, so the owner reading its own id needs no fence.
        if (Volatile.Read(ref owner) != context && Interlocked.CompareExchange(ref owner, context, 0) != 0)
        {
            Wait(context);
        }

        depth++;
        return new Scope(this);
    }

    private void Wait(long context)
    {
        lock (sleepers)
        {
            waiting++;
            // The compare-exchange is a full fence after waiting++: a leaver that cleared owner before it reads waiting
            // either lets this succeed or sees the waiter and pulses.
            while (Interlocked.CompareExchange(ref owner, context, 0) != 0)
            {
                Monitor.Wait(sleepers);
            }

            waiting--;
        }
    }

    private void Exit()
    {
        if (--depth != 0)
        {
            return;
        }

        Interlocked.Exchange(ref owner, 0);
        if (Volatile.Read(ref waiting) != 0)
        {
            lock (sleepers)
            {
                Monitor.PulseAll(sleepers);
            }
        }
    }

    /// <summary>A held gate; dispose it to leave.</summary>
    public readonly ref struct Scope(ContextGate gate)
    {
        /// <summary>Leaves the gate.</summary>
        public void Dispose() => gate.Exit();
    }
}
