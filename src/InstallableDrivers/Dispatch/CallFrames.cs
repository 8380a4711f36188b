using InstallableDrivers.Lifecycle;

namespace InstallableDrivers.Dispatch;

/// <summary>
/// The driver instances each thread is currently calling into: the send path's side of an asymmetric barrier.
/// </summary>
/// <remarks>
/// A sender publishes the instance in its own thread's frame stack with plain writes, then reads the instance's
/// state; if the instance is no longer open it returns without calling. A closer first marks the instance closing,
/// then runs <see cref="Interlocked.MemoryBarrierProcessWide"/>, which forces every other thread through a full
/// fence; after it, any sender that could still call the instance has a frame the closer can see, so the closer waits
/// until those frames are gone. The send path thus takes no lock and makes no interlocked write, while close and unload
/// still never race a call (contract D7).
/// </remarks>
internal sealed class CallFrames
{
    private const int InitialCapacity = 16;

    [ThreadStatic] private static CallFrames? current;

    private static readonly Lock RegistrySync = new();
    private static CallFrames[] registered = [];

    private readonly WeakReference<Thread> owner = new(Thread.CurrentThread);

    /// <summary>The frame stack; replaced by a larger copy when nesting outgrows it, so readers see old or new.</summary>
    private DriverInstance?[] frames = new DriverInstance?[InitialCapacity];

    private int depth;

    /// <summary>Module releases the thread postponed because its own stack was inside the module's code.</summary>
    private List<(ModuleState Module, Action Release)>? deferredReleases;

    private CallFrames() { }

    /// <summary>This thread's frames, registered on first use.</summary>
    public static CallFrames Current => current ?? Register();

    /// <summary>Pushes a frame for <paramref name="instance"/>; returns the depth to pass to <see cref="Pop"/>.</summary>
    public int Push(DriverInstance instance)
    {
        var d = depth;
        var stack = frames;
        if (d == stack.Length)
        {
            stack = Grow(stack);
        }

        Volatile.Write(ref stack[d], instance);
        Volatile.Write(ref depth, d + 1);
        return d;
    }

    /// <summary>Pops the frame pushed at depth <paramref name="d"/>, then runs releases that waited for it.</summary>
    public void Pop(int d)
    {
        Volatile.Write(ref frames[d], null);
        Volatile.Write(ref depth, d);
        if (deferredReleases is not null)
        {
            RunDeferredReleases();
        }
    }

    /// <summary>True if this thread is inside a call to any instance of <paramref name="module"/>.</summary>
    public bool IsInside(ModuleState module) => Contains(frame => frame.Module == module);

    /// <summary>True if this thread is inside a call to <paramref name="instance"/>.</summary>
    public bool IsInside(DriverInstance instance) => Contains(frame => frame == instance);

    /// <summary>Runs <paramref name="release"/> once this thread has left every call into <paramref name="module"/>.</summary>
    public void DeferRelease(ModuleState module, Action release) => (deferredReleases ??= []).Add((module, release));

    /// <summary>
    /// Waits until no other thread is inside a call to <paramref name="instance"/>. The instance must already be
    /// marked closing, with an interlocked write, so no new call can start.
    /// </summary>
    public static void WaitForOtherThreads(DriverInstance instance) => WaitForOtherThreads(frame => frame == instance, static () => false);

    /// <summary>
    /// Waits until no other thread is inside a call to any instance of <paramref name="module"/>, or until
    /// <paramref name="abandon"/> says the wait no longer matters (the module was loaded again meanwhile).
    /// </summary>
    public static void WaitForOtherThreads(ModuleState module, Func<bool> abandon) => WaitForOtherThreads(frame => frame.Module == module, abandon);

    private static void WaitForOtherThreads(Func<DriverInstance, bool> match, Func<bool> abandon)
    {
        var me = current;
        var threads = Volatile.Read(ref registered);
        if (threads.Length == 0 || (threads.Length == 1 && threads[0] == me))
        {
            // No other thread has ever called a driver, and one that starts now registers under a lock (a full fence)
            // before its first frame, so it will see the closing state: the process-wide barrier can be skipped.
            return;
        }

        Interlocked.MemoryBarrierProcessWide();
        var spin = new SpinWait();
        foreach (var thread in threads)
        {
            if (thread == me)
            {
                continue;
            }

            while (thread.Contains(match))
            {
                if (abandon())
                {
                    return;
                }

                spin.SpinOnce();
            }
        }
    }

    private bool Contains(Func<DriverInstance, bool> match)
    {
        var stack = Volatile.Read(ref frames);
        var d = Math.Min(Volatile.Read(ref depth), stack.Length);
        for (var i = 0; i < d; i++)
        {
            var frame = Volatile.Read(ref stack[i]);
            if (frame is not null && match(frame))
            {
                return true;
            }
        }

        return false;
    }

    private DriverInstance?[] Grow(DriverInstance?[] stack)
    {
        var larger = new DriverInstance?[stack.Length * 2];
        Array.Copy(stack, larger, stack.Length);
        Volatile.Write(ref frames, larger);
        return larger;
    }

    private void RunDeferredReleases()
    {
        var pending = deferredReleases!;
        for (var i = pending.Count - 1; i >= 0; i--)
        {
            var (module, release) = pending[i];
            if (!IsInside(module))
            {
                pending.RemoveAt(i);
                release();
            }
        }

        if (pending.Count == 0 && deferredReleases == pending)
        {
            deferredReleases = null;
        }
    }

    private static CallFrames Register()
    {
        var frames = new CallFrames();
        lock (RegistrySync)
        {
            // Threads that ended can hold no frames; dropping them keeps closers' scans short.
            registered = [.. registered.Where(f => f.owner.TryGetTarget(out var t) && t.IsAlive), frames];
        }

        current = frames;
        return frames;
    }
}
