namespace InstallableDrivers.Dispatch;

/// <summary>
/// The call into driver code that the current code runs on behalf of: what the lifecycle asks when it must tell a
/// nested call (a driver opening its own module from inside DRV_LOAD) from a concurrent one, and what a driver's call
/// back into the host (OpenDriver from inside DriverProc) is routed by.
/// </summary>
/// <remarks>
/// In process the context is the calling thread and its chain of calls is the thread's <see cref="CallFrames"/>. This is
/// the one place that ties a call to a thread: a driver host in another process, whose callbacks arrive on another
/// thread, would make that thread act for the call that caused them here, and nothing else would change.
/// </remarks>
internal static class CallContext
{
    /// <summary>Identifies the current context: nonzero, unique among live contexts.</summary>
    public static long CurrentId => Environment.CurrentManagedThreadId;

    /// <summary>True if the current context's chain of calls includes a call to the instance with <paramref name="instanceFrameId"/>.</summary>
    public static bool IsWithin(long instanceFrameId) => CallFrames.Current.IsInside(instanceFrameId);

    /// <summary>True if the current context's chain of calls includes a call to an instance of the manager with <paramref name="managerId"/>.</summary>
    public static bool IsWithinManager(int managerId) => CallFrames.Current.IsInsideManager(managerId);

    /// <summary>The manager whose driver the current context's innermost call runs, or null outside any driver call.</summary>
    public static DriverManager? CallingManager()
    {
        var instance = CallFrames.InnermostInstanceId();
        return instance == 0 ? null : ManagerDirectory.Find(DriverInstance.ManagerIdOf(instance));
    }
}
