namespace InstallableDrivers.Isolation;

/// <summary>
/// Hands out blocks of an arena's heap (the part after its header and slots): the copies of what standard messages
/// point at, and the buffers callers ask for (<see cref="DriverManager.AllocateSharedBuffer"/>). Its bookkeeping lives
/// in this process, never in the arena, so a host that scribbles over the arena cannot corrupt it. First fit over a
/// list of free ranges kept in address order; blocks are 64-byte aligned (a cache line: no false sharing between a
/// block and its neighbour).
/// </summary>
internal sealed class ArenaHeap(nint start, long size)
{
    private const int Alignment = 64;

    private readonly Lock sync = new();
    private readonly List<(long Offset, long Size)> free = [(0, size & ~(long)(Alignment - 1))];
    private readonly Dictionary<long, long> used = [];

    /// <summary>A block of at least <paramref name="bytes"/> bytes, or 0 when the heap has no room.</summary>
    public nint Allocate(long bytes)
    {
        var rounded = Math.Max(Alignment, (bytes + Alignment - 1) & ~(long)(Alignment - 1));
        lock (sync)
        {
            for (var i = 0; i < free.Count; i++)
            {
                var (offset, length) = free[i];
                if (length < rounded)
                {
                    continue;
                }

                if (length == rounded)
                {
                    free.RemoveAt(i);
                }
                else
                {
                    free[i] = (offset + rounded, length - rounded);
                }

                used[offset] = rounded;
                return start + (nint)offset;
            }
        }

        return 0;
    }

    /// <summary>Returns a block <see cref="Allocate"/> gave, merging it with free neighbours.</summary>
    public void Free(nint block)
    {
        var offset = block - start;
        lock (sync)
        {
            if (!used.Remove(offset, out var length))
            {
                return;
            }

            var i = 0;
            while (i < free.Count && free[i].Offset < offset)
            {
                i++;
            }

            free.Insert(i, (offset, length));
            if (i + 1 < free.Count && free[i].Offset + free[i].Size == free[i + 1].Offset)
            {
                free[i] = (free[i].Offset, free[i].Size + free[i + 1].Size);
                free.RemoveAt(i + 1);
            }

            if (i > 0 && free[i - 1].Offset + free[i - 1].Size == free[i].Offset)
            {
                free[i - 1] = (free[i - 1].Offset, free[i - 1].Size + free[i].Size);
                free.RemoveAt(i);
            }
        }
    }
}
