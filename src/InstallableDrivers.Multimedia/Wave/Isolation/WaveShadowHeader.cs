using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Wave.Isolation;

/// <summary>
/// The copy, in an isolated driver's arena, of one application WAVEHDR and its data: what the driver is given instead of
/// the application's header, from the prepare (or the first queueing) until the unprepare, so that the driver may keep
/// the pointer while it plays. One block: the header, then <see cref="Capacity"/> bytes of data.
/// </summary>
internal sealed unsafe class WaveShadowHeader(WAVEHDR* application, DriverSharedBuffer block, int capacity) : IDisposable
{
    /// <summary>Bytes before the data: the header, rounded up to keep the data 16-byte aligned.</summary>
    public static readonly int HeaderBytes = (sizeof(WAVEHDR) + 15) & ~15;

    /// <summary>The application's header this shadows.</summary>
    public WAVEHDR* Application { get; } = application;

    /// <summary>The header the driver is given (in the arena).</summary>
    public WAVEHDR* Header => (WAVEHDR*)block.Address;

    /// <summary>The data the driver plays from or records into (in the arena).</summary>
    public byte* Data => (byte*)block.Address + HeaderBytes;

    /// <summary>Bytes of data the block holds.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>True from the queueing call until the buffer came back (or the host died).</summary>
    public bool IsQueued { get; set; }

    /// <summary>True while the queueing call is in the driver: if the host dies then, the call fails and the buffer was never queued.</summary>
    public bool IsBeingQueued { get; set; }

    /// <summary>Copies the application's header into the shadow, with the shadow's data pointer; and, for output, its data.</summary>
    public void CopyIn(bool withData)
    {
        var header = *Application;
        header.lpData = (nint)Data;
        header.dwBufferLength = Math.Min(header.dwBufferLength, (uint)Capacity);
        *Header = header;
        if (withData && header.dwBufferLength > 0)
        {
            Buffer.MemoryCopy((void*)Application->lpData, Data, Capacity, header.dwBufferLength);
        }
    }

    /// <summary>Gives the driver's flags back to the application; for input, what it recorded as well.</summary>
    public void CopyOut(bool recorded)
    {
        if (recorded)
        {
            var bytes = Math.Min(Header->dwBytesRecorded, Math.Min(Application->dwBufferLength, (uint)Capacity));
            Buffer.MemoryCopy(Data, (void*)Application->lpData, bytes, bytes);
            Application->dwBytesRecorded = bytes;
        }

        Application->dwFlags = Header->dwFlags;
    }

    /// <summary>Returns the block to the arena.</summary>
    public void Dispose() => block.Dispose();
}
