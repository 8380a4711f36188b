namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The open HWAVEOUT/HWAVEIN handles of the process, found without a lock or a hash (every waveOutWrite and every
/// driver callback looks one up). A handle is a slot index in its low 16 bits and that slot's generation above them, so
/// a closed handle never validates again even after its slot is reused, and a forged value finds nothing unless it
/// equals a live handle exactly. Generations start at 1, so every handle is above 0xFFFF, above any device id: several
/// functions take either a device id or a handle in the same parameter. The scheme is the runtime's HDRVR table's
/// (DriverHandleTable), which holds driver instances and may issue values below 0x10000.
/// </summary>
internal static class WaveHandles
{
    private const int IndexBits = 16;
    private const long IndexMask = (1L << IndexBits) - 1;
    private static readonly long MaxGeneration = (IntPtr.Size == 8 ? long.MaxValue : int.MaxValue) >> IndexBits;

    private static readonly Lock Sync = new();
    private static readonly Stack<int> FreeSlots = new();
    private static WaveStream?[] slots = new WaveStream?[16];
    private static long[] generations = new long[16];
    private static int used;

    /// <summary>Takes a slot for a stream being created and returns its handle; <see cref="Publish"/> makes it findable.</summary>
    /// <exception cref="InvalidOperationException">65,535 streams are open.</exception>
    public static nint Reserve()
    {
        lock (Sync)
        {
            var index = FreeSlots.Count > 0 ? FreeSlots.Pop() : NewSlot();
            var generation = ++generations[index];
            return (nint)((generation << IndexBits) | (uint)index);
        }
    }

    /// <summary>Makes a stream findable by the handle <see cref="Reserve"/> gave it.</summary>
    public static void Publish(WaveStream stream)
    {
        // Under the lock: a table growing meanwhile would copy the slot before this write.
        lock (Sync)
        {
            Volatile.Write(ref slots[stream.Handle & IndexMask], stream);
        }
    }

    /// <summary>The open stream a handle stands for, or null. Takes no lock and allocates nothing.</summary>
    public static WaveStream? Find(nint handle)
    {
        var table = Volatile.Read(ref slots);
        var index = handle & IndexMask;
        if ((ulong)index >= (ulong)table.Length)
        {
            return null;
        }

        var stream = Volatile.Read(ref table[index]);
        return stream is not null && stream.Handle == handle ? stream : null;
    }

    /// <summary>Withdraws a stream's handle for good; its slot may hold another stream later, under another generation.</summary>
    public static void Remove(WaveStream stream)
    {
        lock (Sync)
        {
            var index = (int)(stream.Handle & IndexMask);
            if (slots[index] != stream)
            {
                return; // withdrawn before
            }

            Volatile.Write(ref slots[index], null);
            // A slot whose generation is spent is retired rather than reused, so no old handle can ever match again.
            if (generations[index] < MaxGeneration)
            {
                FreeSlots.Push(index);
            }
        }
    }

    /// <summary>The streams a services object opened that are still open.</summary>
    public static List<WaveStream> OwnedBy(WaveServices services)
    {
        lock (Sync)
        {
            return [.. slots.Take(used).OfType<WaveStream>().Where(s => s.Owner == services)];
        }
    }

    private static int NewSlot()
    {
        if (used == IndexMask + 1)
        {
            throw new InvalidOperationException("Every wave handle value is in use: close some wave devices first.");
        }

        if (used == slots.Length)
        {
            var larger = new WaveStream?[slots.Length * 2];
            Array.Copy(slots, larger, used);
            Array.Resize(ref generations, larger.Length);
            // Readers holding the old array may still find a withdrawn stream there; its closing state, not the table,
            // is what keeps it from being used.
            Volatile.Write(ref slots, larger);
        }

        // A random first generation makes small guessed values (0x10000, 0x10001 …) match nothing.
        generations[used] = Random.Shared.NextInt64(0, MaxGeneration / 2);
        return used++;
    }
}
