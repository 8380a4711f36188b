namespace InstallableDrivers.Multimedia;

/// <summary>
/// The arena copy, for one call, of an ACM structure the caller passed (<see cref="AcmStructLayout"/>) and of the
/// buffers it points at; after the call, what the driver wrote goes back into the caller's structure and buffers, the
/// caller's own buffer addresses kept.
/// </summary>
internal sealed class AcmStructCopy
{
    private readonly nint caller;
    private readonly int size;
    private readonly (AcmBufferField Field, nint Caller, nint Copy, int Length)[] buffers;

    private AcmStructCopy(nint caller, nint address, int size, (AcmBufferField, nint, nint, int)[] buffers)
    {
        this.caller = caller;
        Address = address;
        this.size = size;
        this.buffers = buffers;
    }

    /// <summary>The copy's address, which the driver gets.</summary>
    public nint Address { get; }

    /// <summary>
    /// Copies the structure at <paramref name="caller"/> (cbStruct bytes) and its buffers into blocks of
    /// <paramref name="allocate"/>; null when a size is out of range (cbStruct under the layout's minimum, or it or a
    /// buffer's length over <see cref="AcmStructLayout.MaximumBytes"/>).
    /// </summary>
    public static AcmStructCopy? CopyIn(nint caller, AcmStructLayout layout, Func<int, nint> allocate, Func<nint, long, bool> isShared)
    {
        var size = (long)ArenaBytes.ReadUInt32(caller, 0);
        if (size < layout.MinimumSize || size > AcmStructLayout.MaximumBytes
            || layout.Buffers.Any(b => ArenaBytes.ReadUInt32(caller, b.LengthOffset) > AcmStructLayout.MaximumBytes))
        {
            return null;
        }

        var copy = allocate((int)size);
        ArenaBytes.Copy(caller, copy, (int)size);
        var buffers = new List<(AcmBufferField, nint, nint, int)>();
        foreach (var field in layout.Buffers)
        {
            var pointer = ArenaBytes.ReadPointer(caller, field.PointerOffset);
            var length = (int)ArenaBytes.ReadUInt32(caller, field.LengthOffset);
            if (pointer == 0 || length == 0 || isShared(pointer, length))
            {
                continue; // nothing to copy, or the caller's buffer is in the arena already
            }

            var block = allocate(length);
            ArenaBytes.Copy(pointer, block, length);
            ArenaBytes.WritePointer(copy, field.PointerOffset, block);
            buffers.Add((field, pointer, block, length));
        }

        return new AcmStructCopy(caller, copy, (int)size, [.. buffers]);
    }

    /// <summary>Copies back what the driver wrote: the structure (with the caller's buffer addresses) and the buffers it may write.</summary>
    public void CopyOut()
    {
        foreach (var (field, callerBuffer, copy, length) in buffers)
        {
            ArenaBytes.WritePointer(Address, field.PointerOffset, callerBuffer);
            if (!field.IsInput)
            {
                ArenaBytes.CopyBackIfChanged(copy, callerBuffer, length);
            }
        }

        ArenaBytes.CopyBackIfChanged(Address, caller, size);
    }
}
