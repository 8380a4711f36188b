using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// Records what a wave driver's DriverCallback delivers to a CALLBACK_FUNCTION: pass <see cref="Function"/> as the
/// callback and <see cref="Instance"/> as its instance. For buffer messages it also notes the header's flags and
/// dwBytesRecorded as they were when the callback ran.
/// </summary>
internal sealed unsafe class WaveCallbackLog : IDisposable
{
    private readonly List<WaveCallback> callbacks = [];
    private GCHandle self;

    public WaveCallbackLog() => self = GCHandle.Alloc(this);

    /// <summary>The callback function's address.</summary>
    public static nuint Function => (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Receive;

    /// <summary>The instance value that leads the callback back to this log.</summary>
    public nuint Instance => (nuint)GCHandle.ToIntPtr(self);

    /// <summary>Runs inside each callback, on the driver's thread, after the callback is recorded.</summary>
    public Action<WaveCallback>? OnCallback { get; set; }

    public IReadOnlyList<WaveCallback> Snapshot()
    {
        lock (callbacks)
        {
            return [.. callbacks];
        }
    }

    /// <summary>Waits until at least count callbacks arrived; fails the test after ten seconds.</summary>
    public IReadOnlyList<WaveCallback> WaitFor(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        lock (callbacks)
        {
            while (callbacks.Count < count)
            {
                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"Only {callbacks.Count} of {count} callbacks arrived: {string.Join(", ", callbacks)}");
                Monitor.Wait(callbacks, left);
            }

            return [.. callbacks];
        }
    }

    public void Dispose() => self.Free();

    [UnmanagedCallersOnly]
    private static void Receive(nint device, uint message, nuint instance, nuint param1, nuint param2)
    {
        var log = (WaveCallbackLog)GCHandle.FromIntPtr((nint)instance).Target!;
        var header = (WAVEHDR*)param1;
        var callback = new WaveCallback(device, message, param1, param2,
            header == null ? 0 : header->dwFlags, header == null ? 0 : header->dwBytesRecorded);
        lock (log.callbacks)
        {
            log.callbacks.Add(callback);
            Monitor.PulseAll(log.callbacks);
        }

        log.OnCallback?.Invoke(callback);
    }
}
