using System.Collections.Concurrent;

namespace InstallableDrivers;

/// <summary>
/// Names events for DCB_EVENT callbacks. Off Windows there is no kernel event handle a driver could be given, so an
/// application registers an <see cref="EventWaitHandle"/> here and passes the returned value as the callback;
/// <see cref="Drivers.DriverCallback"/> then signals it.
/// </summary>
public static class DriverCallbackEvents
{
    private static readonly ConcurrentDictionary<nuint, EventWaitHandle> Events = new();
    private static long next;

    /// <summary>Registers an event and returns the callback value that names it.</summary>
    /// <param name="waitHandle">The event to signal.</param>
    /// <returns>A nonzero value to pass as dwCallback with DCB_EVENT.</returns>
    public static nuint Register(EventWaitHandle waitHandle)
    {
        ArgumentNullException.ThrowIfNull(waitHandle);
        var id = (nuint)Interlocked.Increment(ref next);
        Events[id] = waitHandle;
        return id;
    }

    /// <summary>Forgets a registered event; later DCB_EVENT callbacks with its value return false.</summary>
    /// <param name="callback">The value <see cref="Register"/> returned.</param>
    /// <returns>True if it was registered.</returns>
    public static bool Unregister(nuint callback) => Events.TryRemove(callback, out _);

    /// <summary>Signals the event a callback value names; false if none is registered under it.</summary>
    internal static bool TrySignal(nuint callback) => Events.TryGetValue(callback, out var e) && e.Set();
}
