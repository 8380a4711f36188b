using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using InstallableDrivers.Lifecycle;

namespace InstallableDrivers.Dispatch;

/// <summary>
/// The driver instances each thread is currently calling into: the send path's side of an asymmetric barrier.
/// </summary>
/// <remarks>
/// <para>
/// A sender publishes the instance in its own thread's frame stack with plain writes, then reads the instance's
/// state; if the instance is no longer open it returns without calling. A closer first marks the instance closing,
/// then runs <see cref="Interlocked.MemoryBarrierProcessWide"/>, which forces every other thread through a full
/// fence; after it, any sender that could still call the instance has a frame the closer can see, so the closer waits
/// until those frames are gone. The send path thus takes no lock and makes no interlocked write, while close and unload
/// still never race a call (docs/contract.md#d7).
/// </para>
/// <para>
/// A frame is a pair of ids, the instance's <see cref="DriverInstance.FrameId"/> and its module's
/// <see cref="ModuleLifecycle.FrameId"/>, in a block of longs that stays pinned for the thread's life and that the send
/// path reaches through a pointer in a thread-static field. Measured, this is what makes the send path cheap: a
/// thread-static pointer is read faster than a thread-static object, and a plain 64-bit store is several times faster
/// than storing a reference into the heap, which goes through the GC's write barrier.
/// </para>
/// </remarks>
internal sealed unsafe class CallFrames
{
    /// <summary>Frames in a thread's first block; deeper nesting moves the frames to a block twice the size.</summary>
    private const int InitialCapacity = 16;

    // A block: the flags, the capacity in frames, then that many (instance id, module id) pairs. Instance id 0 is a
    // free frame; every frame above the innermost call is free, so the first free frame is the top of the stack and no
    // depth is kept: a call writes its own frame and nothing else.
    private const int FlagsIndex = 0, CapacityIndex = 1, FirstFrameIndex = 2;

    /// <summary>Flag: popping a frame of this block must also run <see cref="AfterPop"/> (see <see cref="Grow"/> and <see cref="DeferRelease"/>).</summary>
    private const long SlowPop = 1;

    /// <summary>This thread's current block: where <see cref="Push"/> writes.</summary>
    [ThreadStatic] private static long* block;

    [ThreadStatic] private static CallFrames? current;

    private static readonly Lock RegistrySync = new();
    private static CallFrames[] registered = [];
    private static long lastId;

    private readonly WeakReference<Thread> owner = new(Thread.CurrentThread);

    /// <summary>The pinned array <see cref="block"/> points into, for other threads to read; replaced by a larger copy when nesting outgrows it, so readers see old or new.</summary>
    private long[] frames = NewBlock(InitialCapacity);

    /// <summary>Blocks replaced by larger copies: frames pushed before the move still pop from them, so they stay alive (and pinned).</summary>
    private List<long[]>? retired;

    /// <summary>Module releases the thread postponed because its own stack was inside the module's code.</summary>
    private List<(ModuleLifecycle Module, Action Release)>? deferredReleases;

    private CallFrames() { }

    /// <summary>This thread's frames, registered on first use.</summary>
    public static CallFrames Current => current ?? Register();

    /// <summary>A new id for a <see cref="ModuleLifecycle.FrameId"/>: never 0, never reused.</summary>
    public static long NewId() => Interlocked.Increment(ref lastId);

    /// <summary>Pushes a frame for <paramref name="instance"/> on this thread's stack; <see cref="Pop"/> it when the call returns.</summary>
    public static Frame Push(DriverInstance instance)
    {
        var b = block;
        var i = FirstFrameIndex;
        // Most calls are not nested: their frame is the block's first.
        if (b == null || b[FirstFrameIndex] != 0)
        {
            i = FreeFrame(b);
            b = block;
        }

        // The module id first: a reader that sees the instance id sees the module id too.
        Volatile.Write(ref b[i + 1], instance.ModuleFrameId);
        Volatile.Write(ref b[i], instance.FrameId);
        return new Frame(b, i);
    }

    /// <summary>
    /// The index of the first free frame of this thread's block when the first is taken, or when <paramref name="b"/>
    /// is null because this is the thread's first call; registers the thread, or moves its frames to a larger block.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FreeFrame(long* b)
    {
        if (b == null)
        {
            _ = Current;
            return FirstFrameIndex;
        }

        var end = FirstFrameIndex + 2 * (int)b[CapacityIndex];
        for (var i = FirstFrameIndex; i < end; i += 2)
        {
            if (b[i] == 0)
            {
                return i;
            }
        }

        current!.Grow();
        return end;
    }

    /// <summary>Pops a frame <see cref="Push"/> returned, then runs releases that waited for it.</summary>
    public static void Pop(Frame frame)
    {
        var b = frame.Block;
        Volatile.Write(ref b[frame.Index], 0);
        Volatile.Write(ref b[frame.Index + 1], 0);
        if (b[FlagsIndex] != 0)
        {
            current!.AfterPop(frame);
        }
    }

    /// <summary>The <see cref="DriverInstance.FrameId"/> of this thread's innermost call into a driver, or 0 when it is in none.</summary>
    public static long InnermostInstanceId()
    {
        var b = block;
        if (b == null)
        {
            return 0;
        }

        long instance = 0;
        var end = FirstFrameIndex + 2 * (int)b[CapacityIndex];
        for (var i = FirstFrameIndex; i < end && b[i] != 0; i += 2)
        {
            instance = b[i];
        }

        return instance;
    }

    /// <summary>True if this thread is inside a call to any instance of <paramref name="module"/>.</summary>
    public bool IsInside(ModuleLifecycle module) => Contains(0, module.FrameId);

    /// <summary>True if this thread is inside a call to any instance of the manager with <paramref name="managerId"/>.</summary>
    public bool IsInsideManager(int managerId)
    {
        var stack = Volatile.Read(ref frames);
        for (var i = FirstFrameIndex; i < stack.Length; i += 2)
        {
            var id = Volatile.Read(ref stack[i]);
            if (id != 0 && DriverInstance.ManagerIdOf(id) == managerId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True if this thread is inside a call to the instance with <paramref name="instanceFrameId"/>.</summary>
    public bool IsInside(long instanceFrameId) => Contains(instanceFrameId, 0);

    /// <summary>Runs <paramref name="release"/> once this thread has left every call into <paramref name="module"/>.</summary>
    public void DeferRelease(ModuleLifecycle module, Action release)
    {
        (deferredReleases ??= []).Add((module, release));
        block[FlagsIndex] = SlowPop;
    }

    /// <summary>
    /// Waits until no other thread is inside a call to <paramref name="instance"/>. The instance must already be
    /// marked closing, with an interlocked write, so no new call can start.
    /// </summary>
    public static void WaitForOtherThreads(DriverInstance instance) => WaitForOtherThreads(instance.FrameId, null, 0);

    /// <summary>
    /// Waits until no other thread is inside a call to any instance of <paramref name="module"/>, or until the module
    /// leaves load cycle <paramref name="epoch"/>: loaded again meanwhile, its code must stay mapped anyway.
    /// </summary>
    public static void WaitForOtherThreads(ModuleLifecycle module, int epoch) => WaitForOtherThreads(0, module, epoch);

    private static void WaitForOtherThreads(long instanceId, ModuleLifecycle? module, int epoch)
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
        var moduleId = module?.FrameId ?? 0;
        var spin = new SpinWait();
        foreach (var thread in threads)
        {
            if (thread == me)
            {
                continue;
            }

            while (thread.Contains(instanceId, moduleId))
            {
                if (module is not null && module.Epoch != epoch)
                {
                    return;
                }

                spin.SpinOnce();
            }
        }
    }

    /// <summary>True if a frame is a call to the instance with id <paramref name="instanceId"/>, or to any instance of the module with id <paramref name="moduleId"/>; 0 matches nothing.</summary>
    private bool Contains(long instanceId, long moduleId)
    {
        // The whole block, not just up to the top: a frame above it is free, and reading no depth means that no depth
        // has to be written on the send path.
        var stack = Volatile.Read(ref frames);
        for (var i = FirstFrameIndex; i < stack.Length; i += 2)
        {
            var id = Volatile.Read(ref stack[i]);
            if (id != 0 && ((instanceId != 0 && id == instanceId) || (moduleId != 0 && Volatile.Read(ref stack[i + 1]) == moduleId)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves the frames to a block twice the size, and publishes it.</summary>
    private void Grow()
    {
        var old = frames;
        var capacity = (int)old[CapacityIndex];
        var larger = NewBlock(2 * capacity);
        Array.Copy(old, FirstFrameIndex, larger, FirstFrameIndex, old.Length - FirstFrameIndex);
        larger[FlagsIndex] = old[FlagsIndex];
        // Frames pushed before the move pop from the old block; the flag sends them to AfterPop, which frees their copy.
        old[FlagsIndex] = SlowPop;
        (retired ??= []).Add(old);
        Volatile.Write(ref frames, larger);
        block = AddressOf(larger);
    }

    private void AfterPop(Frame frame)
    {
        var b = block;
        if (frame.Block != b)
        {
            Volatile.Write(ref b[frame.Index], 0);
            Volatile.Write(ref b[frame.Index + 1], 0);
        }

        if (deferredReleases is not null)
        {
            RunDeferredReleases();
        }
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
            block[FlagsIndex] = 0;
        }
    }

    private static long[] NewBlock(int capacity)
    {
        // Pinned: the send path reaches it through a raw pointer.
        var array = GC.AllocateArray<long>(FirstFrameIndex + 2 * capacity, pinned: true);
        array[CapacityIndex] = capacity;
        return array;
    }

    private static long* AddressOf(long[] pinned) => (long*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    private static CallFrames Register()
    {
        var frames = new CallFrames();
        lock (RegistrySync)
        {
            // Threads that ended can hold no frames; dropping them keeps closers' scans short.
            registered = [.. registered.Where(f => f.owner.TryGetTarget(out var t) && t.IsAlive), frames];
        }

        current = frames;
        block = AddressOf(frames.frames);
        return frames;
    }

    /// <summary>A frame on a thread's stack: the block it was pushed into and its index there.</summary>
    internal readonly struct Frame(long* block, int index)
    {
        public long* Block { get; } = block;

        public int Index { get; } = index;
    }
}
