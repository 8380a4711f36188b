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
/// call it is nested in.
/// </remarks>
internal sealed class ContextGate
{
    private readonly object sync = new();
    private long owner;
    private int depth;

    /// <summary>Enters the gate for the current context, waiting while another context holds it.</summary>
    public Scope Enter()
    {
        var context = CallContext.CurrentId;
        lock (sync)
        {
            while (owner != 0 && owner != context)
            {
                Monitor.Wait(sync);
            }

            owner = context;
            depth++;
        }

        return new Scope(this);
    }

    private void Exit()
    {
        lock (sync)
        {
            if (--depth == 0)
            {
                owner = 0;
                Monitor.PulseAll(sync);
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
