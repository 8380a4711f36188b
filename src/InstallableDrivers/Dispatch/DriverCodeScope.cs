using System.Runtime.CompilerServices;

namespace InstallableDrivers.Dispatch;

/// <summary>
/// Every call into a driver's code — DriverProc, or another export such as <c>wodMessage</c> — runs inside one of
/// these. While it is open the call is published in the thread's <see cref="CallFrames"/>: a close of the instance waits
/// for it, the file cannot be unloaded under it, and a call the driver makes back into the host is attributed to it
/// (<see cref="CallContext"/>).
/// </summary>
/// <remarks>Costs two stores to enter and two to leave; no lock, no allocation.</remarks>
internal readonly ref struct DriverCodeScope
{
    private readonly CallFrames.Frame frame;

    /// <summary>Publishes a call to <paramref name="instance"/> on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DriverCodeScope(DriverInstance instance) => frame = CallFrames.Push(instance);

    /// <summary>
    /// True if the instance may be called: read after the call is published, so a closer either sees the call and waits
    /// for it, or the caller sees the instance closing and does not call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MayCall(DriverInstance instance) => Volatile.Read(ref instance.State) == DriverInstance.Open;

    /// <summary>Withdraws the call; releases of the file that waited for it run now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => CallFrames.Pop(frame);
}
