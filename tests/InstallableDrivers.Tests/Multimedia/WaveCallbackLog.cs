using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// A CALLBACK_FUNCTION for wave drivers that records what it is told: pass <see cref="Function"/> as the open's
/// dwCallback and <see cref="Instance"/> as its dwInstance. For WOM_DONE and WIM_DATA it also records the header's flags
/// and dwBytesRecorded as they were during the callback.
/// </summary>
internal sealed unsafe class WaveCallbackLog : IDisposable
{
    private readonly List<WaveCallback> callbacks = [];
    private GCHandle self;

    public WaveCallbackLog() => self = GCHandle.Alloc(this);

    /// <summary>The callback's address.</summary>
    public static nuint Function => (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Callback;

    /// <summary>The value that leads the callback back to this log.</summary>
    public nuint Instance => (nuint)GCHandle.ToIntPtr(self);

    /// <summary>
    /// Called on the driver's thread during each callback, before it is recorded, so that waiting for a callback also
    /// waits for the reaction to it. What it throws is kept and thrown by <see cref="WaitFor"/>: an exception must not
    /// unwind into the driver.
    /// </summary>
    public Action<WaveCallback>? OnCallback { get; set; }

    private Exception? reactionFailure;

    /// <summary>What was recorded so far, in order.</summary>
    public IReadOnlyList<WaveCallback> Callbacks
    {
        get
        {
            lock (callbacks)
            {
                return [.. callbacks];
            }
        }
    }

    /// <summary>The headers of the recorded messages of one kind, in order.</summary>
    public IReadOnlyList<nint> Headers(uint message) => [.. Callbacks.Where(c => c.Message == message).Select(c => c.Header)];

    /// <summary>Waits until at least <paramref name="count"/> messages of one kind have arrived.</summary>
    public void WaitFor(uint message, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        lock (callbacks)
        {
            while (callbacks.Count(c => c.Message == message) < count && reactionFailure is null)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(callbacks, left))
                {
                    throw new TimeoutException($"waited for {count} of message 0x{message:X}; got: {string.Join(", ", callbacks)}");
                }
            }

            if (reactionFailure is not null)
            {
                throw new InvalidOperationException("a callback's reaction failed", reactionFailure);
            }
        }
    }

    public void Dispose() => self.Free();

    [UnmanagedCallersOnly]
    private static void Callback(nint device, uint message, nuint instance, nuint param1, nuint param2)
    {
        var log = (WaveCallbackLog)GCHandle.FromIntPtr((nint)instance).Target!;
        var header = (WAVEHDR*)param1;
        var entry = header == null
            ? new WaveCallback(message, 0, 0, 0)
            : new WaveCallback(message, (nint)header, header->dwFlags, header->dwBytesRecorded);
        Exception? failure = null;
        try
        {
            log.OnCallback?.Invoke(entry);
        }
        catch (Exception e)
        {
            failure = e;
        }

        lock (log.callbacks)
        {
            log.reactionFailure ??= failure;
            log.callbacks.Add(entry);
            Monitor.PulseAll(log.callbacks);
        }
    }
}
