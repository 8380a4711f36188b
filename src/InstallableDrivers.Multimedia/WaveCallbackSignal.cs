using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The CALLBACK_FUNCTION a player or recorder opens its device with. Every message (open, buffer done, close) only
/// releases a semaphore, which never blocks, so the driver's thread goes on at once; the player's own loop, awaiting
/// <see cref="WaitAsync"/>, looks at the buffers' WHDR_DONE flags and does the work. Dispose only after the device is
/// closed: until then a message may still arrive.
/// </summary>
internal sealed unsafe class WaveCallbackSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0);
    private GCHandle self;

    public WaveCallbackSignal() => self = GCHandle.Alloc(this);

    /// <summary>The function's address, for <c>dwCallback</c>.</summary>
    public static nuint Callback => (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&OnMessage;

    /// <summary>The value that leads the function back to this object, for <c>dwInstance</c>.</summary>
    public nuint Instance => (nuint)GCHandle.ToIntPtr(self);

    /// <summary>Waits until a message has arrived since the last wait (at once when one has).</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);

    /// <summary>Forgets messages that arrived, such as those of a reset, so that the next wait waits for a new one.</summary>
    public void Drain()
    {
        while (signal.Wait(0))
        {
        }
    }

    public void Dispose()
    {
        self.Free();
        signal.Dispose();
    }

    // void CALLBACK waveOutProc(HWAVEOUT hwo, UINT uMsg, DWORD_PTR dwInstance, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
    [UnmanagedCallersOnly]
    private static void OnMessage(nint handle, uint message, nuint instance, nuint param1, nuint param2)
    {
        if (GCHandle.FromIntPtr((nint)instance).Target is WaveCallbackSignal callback)
        {
            callback.signal.Release();
        }
    }
}
