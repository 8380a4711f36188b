namespace InstallableDrivers;

/// <summary>
/// Memory a driver instance can read and write through a pointer passed in a custom message
/// (<see cref="DriverManager.AllocateSharedBuffer"/>): for an isolated module, a block of the arena its host process
/// maps at the same address, so the pointer means the same there; in process, plain native memory. Dispose it when the
/// driver no longer uses the pointer.
/// </summary>
public sealed unsafe class DriverSharedBuffer : IDisposable
{
    private readonly Action<nint> release;
    private int disposed;

    internal DriverSharedBuffer(nint pointer, int length, bool isShared, Action<nint> release)
    {
        Address = pointer;
        Length = length;
        IsShared = isShared;
        this.release = release;
    }

    /// <summary>The address to pass to the driver.</summary>
    public nint Address { get; }

    /// <summary>The size in bytes.</summary>
    public int Length { get; }

    /// <summary>True when the memory is in a driver host process's shared arena, false when it is this process's own.</summary>
    public bool IsShared { get; }

    /// <summary>The memory, zeroed when allocated.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
            return new Span<byte>((void*)Address, Length);
        }
    }

    /// <summary>Returns the memory. A second call does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            release(Address);
        }
    }
}
