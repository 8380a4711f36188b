using System.Runtime.InteropServices;

namespace InstallableDrivers.Isolation;

/// <summary>
/// The copies, in an arena's heap, of what one call's standard pointer parameters point at (<see cref="DriverMessageParameters"/>):
/// DRV_OPEN's args string, and the DRVCONFIGINFO of DRV_CONFIGURE and DRV_INSTALL with its two strings. Both are input
/// the driver only reads (LPCWSTR, and a block the caller fills), so nothing is copied back. A pointer already inside
/// the arena is passed as it is; any other parameter passes as a number.
/// </summary>
internal sealed unsafe class MessageParameterCopies(ArenaHeap heap)
{
    private List<nint>? blocks;

    /// <summary>lParam1 and lParam2 as the host should see them.</summary>
    /// <exception cref="InsufficientMemoryException">The arena has no room for a copy.</exception>
    public (long LParam1, long LParam2) CopyIn(uint message, nint lParam1, nint lParam2, Func<nint, bool> isInArena)
    {
        var (kind1, kind2) = DriverMessageParameters.Of(message);
        return (Copy(kind1, lParam1, isInArena), Copy(kind2, lParam2, isInArena));
    }

    /// <summary>Returns the copies to the heap.</summary>
    public void Free()
    {
        foreach (var block in blocks ?? [])
        {
            heap.Free(block);
        }
    }

    private long Copy(DriverParameterKind kind, nint value, Func<nint, bool> isInArena)
    {
        if (value == 0 || isInArena(value))
        {
            return value;
        }

        return kind switch
        {
            DriverParameterKind.Utf16String => CopyString(value),
            DriverParameterKind.DriverConfigInfo => CopyConfigInfo((DRVCONFIGINFO*)value),
            _ => value,
        };
    }

    private nint CopyString(nint text)
    {
        if (text == 0)
        {
            return 0;
        }

        var length = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((char*)text).Length;
        var copy = Allocate((length + 1) * sizeof(char));
        new ReadOnlySpan<byte>((void*)text, (length + 1) * sizeof(char)).CopyTo(new Span<byte>((void*)copy, (length + 1) * sizeof(char)));
        return copy;
    }

    private nint CopyConfigInfo(DRVCONFIGINFO* info)
    {
        // DRVCONFIGINFOEX adds a DWORD the driver may read when dwDCISize says so: copy what the size claims, within reason.
        var size = Math.Clamp((int)info->dwDCISize, sizeof(DRVCONFIGINFO), sizeof(DRVCONFIGINFOEX));
        var copy = (DRVCONFIGINFO*)Allocate(size);
        new ReadOnlySpan<byte>(info, size).CopyTo(new Span<byte>(copy, size));
        copy->lpszDCISectionName = CopyString(info->lpszDCISectionName);
        copy->lpszDCIAliasName = CopyString(info->lpszDCIAliasName);
        return (nint)copy;
    }

    /// <summary>A block of the heap that is freed with the copies (also what a <see cref="DriverMessageCopy"/> allocates).</summary>
    /// <exception cref="InsufficientMemoryException">The arena has no room.</exception>
    public nint Allocate(int bytes)
    {
        var block = heap.Allocate(bytes);
        if (block == 0)
        {
            throw new InsufficientMemoryException($"The driver host's shared arena has no room for a {bytes}-byte copy of a message parameter.");
        }

        (blocks ??= []).Add(block);
        return block;
    }
}
