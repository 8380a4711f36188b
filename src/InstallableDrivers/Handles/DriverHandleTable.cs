using InstallableDrivers.Dispatch;

namespace InstallableDrivers.Handles;

/// <summary>
/// Issues HDRVR values and finds the instance behind one without a lock. A handle is a slot index plus that slot's
/// generation, so a closed handle never validates again, even after its slot is reused, and a forged value finds
/// nothing unless it equals a live handle exactly.
/// </summary>
internal sealed class DriverHandleTable
{
    // Index bits leave the rest of a positive nint for the generation: 39 bits on 64-bit, 15 on 32-bit.
    private static readonly int IndexBits = IntPtr.Size == 8 ? 24 : 16;
    private static readonly long IndexMask = (1L << IndexBits) - 1;
    private static readonly long MaxGeneration = (IntPtr.Size == 8 ? long.MaxValue : int.MaxValue) >> IndexBits;

    private readonly Lock sync = new();
    private readonly Stack<int> freeSlots = new();
    private DriverInstance?[] slots = new DriverInstance?[64];
    private long[] generations = new long[64];
    private int used;

    /// <summary>Finds the instance a handle stands for, or null. Takes no lock and allocates nothing.</summary>
    public DriverInstance? Find(nint handle)
    {
        var index = (handle & IndexMask) - 1;
        var table = Volatile.Read(ref slots);
        if ((ulong)index >= (ulong)table.Length)
        {
            return null;
        }

        var instance = Volatile.Read(ref table[index]);
        return instance is not null && instance.Handle == handle ? instance : null;
    }

    /// <summary>Issues a new handle for <paramref name="instance"/> and stores it in <see cref="DriverInstance.Handle"/>.</summary>
    /// <exception cref="InvalidOperationException">Every handle value is in use.</exception>
    public void Add(DriverInstance instance)
    {
        lock (sync)
        {
            var index = freeSlots.Count > 0 ? freeSlots.Pop() : NewSlot();
            var generation = generations[index] + 1;
            generations[index] = generation;
            instance.Handle = (nint)((generation << IndexBits) | (index + 1L));
            Volatile.Write(ref slots[index], instance);
        }
    }

    /// <summary>Withdraws the handle of <paramref name="instance"/>; returns false if it was already withdrawn.</summary>
    public bool Remove(DriverInstance instance)
    {
        lock (sync)
        {
            var index = (int)((instance.Handle & IndexMask) - 1);
            if (index < 0 || index >= used || slots[index] != instance)
            {
                return false;
            }

            Volatile.Write(ref slots[index], null);
            // A slot whose generation is spent is retired rather than reused, so no old handle can ever match again.
            if (generations[index] < MaxGeneration)
            {
                freeSlots.Push(index);
            }

            return true;
        }
    }

    /// <summary>The instances that hold a handle now.</summary>
    public List<DriverInstance> Snapshot()
    {
        lock (sync)
        {
            return [.. slots.Take(used).OfType<DriverInstance>()];
        }
    }

    private int NewSlot()
    {
        if (used == IndexMask)
        {
            throw new InvalidOperationException("Every driver handle value is in use: close some driver instances first.");
        }

        if (used == slots.Length)
        {
            var larger = new DriverInstance?[slots.Length * 2];
            Array.Copy(slots, larger, used);
            Array.Resize(ref generations, larger.Length);
            // Readers holding the old array may still find a withdrawn instance there; its state, not the table, is what
            // keeps it from being called.
            Volatile.Write(ref slots, larger);
        }

        // A random first generation makes small guessed values (1, 2, 0x1000001 …) match nothing.
        generations[used] = Random.Shared.NextInt64(0, MaxGeneration / 2);
        return used++;
    }
}
