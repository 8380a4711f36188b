using InstallableDrivers.Isolation;

namespace InstallableDrivers;

/// <summary>
/// One call a <see cref="DriverMessageCopier"/> carries to a driver in a host process: the caller's parameters, the
/// ones the driver gets, the driver's answer, and the host's shared arena to copy into.
/// </summary>
public sealed class DriverMessageCopy
{
    private readonly MessageParameterCopies copies;
    private readonly IsolatedDriverModule module;

    internal DriverMessageCopy(uint message, nint lParam1, nint lParam2, nint driverLParam1, nint driverLParam2,
        MessageParameterCopies copies, IsolatedDriverModule module)
    {
        Message = message;
        LParam1 = lParam1;
        LParam2 = lParam2;
        DriverLParam1 = driverLParam1;
        DriverLParam2 = driverLParam2;
        this.copies = copies;
        this.module = module;
    }

    /// <summary>The message.</summary>
    public uint Message { get; }

    /// <summary>The caller's lParam1.</summary>
    public nint LParam1 { get; }

    /// <summary>The caller's lParam2.</summary>
    public nint LParam2 { get; }

    /// <summary>The lParam1 the driver gets: the caller's unless a copy replaced it (or the runtime's own copy, for a standard message).</summary>
    public nint DriverLParam1 { get; set; }

    /// <summary>The lParam2 the driver gets.</summary>
    public nint DriverLParam2 { get; set; }

    /// <summary>In <see cref="DriverMessageCopier.CopyOut"/>, the driver's answer; what the call returns (it may be changed).</summary>
    public nint Result { get; set; }

    /// <summary>Whatever the copier wants to keep from <see cref="DriverMessageCopier.CopyIn"/> to <see cref="DriverMessageCopier.CopyOut"/>.</summary>
    public object? State { get; set; }

    /// <summary>True once <see cref="Answer"/> was called: the message is not delivered.</summary>
    public bool IsAnswered { get; private set; }

    /// <summary>Answers the call without delivering it: the send returns <paramref name="result"/>.</summary>
    /// <param name="result">What the send returns.</param>
    public void Answer(nint result)
    {
        Result = result;
        IsAnswered = true;
    }

    /// <summary>A zeroed block of the arena that lasts until the call returns: the copy of what a parameter points at.</summary>
    /// <param name="length">The size in bytes, at least 1.</param>
    /// <returns>Its address, the same in the host.</returns>
    /// <exception cref="InsufficientMemoryException">The arena has no free block that large.</exception>
    public unsafe nint Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var block = copies.Allocate(length);
        new Span<byte>((void*)block, length).Clear();
        return block;
    }

    /// <summary>
    /// A zeroed block of the arena that lasts until it is disposed, even after the host died or the module was
    /// unloaded: a copy the driver may hold on to from one call to the next.
    /// </summary>
    /// <param name="length">The size in bytes, at least 1.</param>
    /// <returns>The block.</returns>
    /// <exception cref="InsufficientMemoryException">The arena has no free block that large.</exception>
    public DriverSharedBuffer AllocateShared(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return module.AllocateSharedBuffer(length);
    }

    /// <summary>True if the <paramref name="length"/> bytes at <paramref name="address"/> are in the arena already (a caller's shared buffer), so the driver can be given them as they are.</summary>
    /// <param name="address">An address.</param>
    /// <param name="length">The bytes from it that must be inside.</param>
    /// <returns>Whether they are inside.</returns>
    public bool IsShared(nint address, long length) => module.Contains(address, length);
}
