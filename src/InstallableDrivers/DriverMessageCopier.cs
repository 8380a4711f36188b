using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers;

/// <summary>
/// Carries a service's own messages across to a driver that runs in a host process (docs/isolation.md, "Pointers"):
/// before the host runs a message, the copier puts copies of what its parameters point at into the host's shared
/// arena and gives the driver those; after the driver answered, it copies back what the driver wrote. The runtime
/// copies only the standard messages' pointers (<see cref="DriverMessageParameters"/>); the meaning of DRV_USER and
/// above belongs to whoever defines it (the ACM's ACMDM_* messages, say), and that layer describes it with a copier.
/// </summary>
/// <remarks>
/// A copier applies to the calling thread's calls while a scope from <see cref="Apply"/> (the sends to one instance)
/// or <see cref="ApplyToOpen"/> (the DRV_OPEN of one open) is active, and only to drivers that run isolated: a driver
/// in process gets the caller's pointers, as always, and the copier is never called. It applies to the call the
/// thread makes, not to the calls a driver makes back from inside it (a nested send goes as usual). What a copier
/// keeps from one call to the next (a stream's copy that the driver holds on to) it allocates with
/// <see cref="DriverMessageCopy.AllocateShared"/> and disposes itself.
/// </remarks>
public abstract class DriverMessageCopier
{
    // The calling thread's active scope: the copier, and the instance or the open (the driver file) it applies to.
    [ThreadStatic] private static DriverMessageCopier? activeCopier;
    [ThreadStatic] private static nint activeHandle;
    [ThreadStatic] private static string? activeOpenFile;

    /// <summary>Makes this copier carry the calling thread's messages to <paramref name="driver"/> until the scope is disposed.</summary>
    /// <param name="driver">An open instance.</param>
    /// <returns>The scope; dispose it after the send (scopes nest: the previous one comes back).</returns>
    public DriverMessageCopierScope Apply(HDRVR driver) => Enter(driver.Value, null);

    /// <summary>
    /// Makes this copier carry the DRV_OPEN of the calling thread's open of <paramref name="driverFilePath"/> (the
    /// instance has no handle yet), until the scope is disposed.
    /// </summary>
    /// <param name="driverFilePath">The full path of the driver file the open loads (<see cref="DriverTarget.FilePath"/>).</param>
    /// <returns>The scope; dispose it after the open.</returns>
    public DriverMessageCopierScope ApplyToOpen(string driverFilePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(driverFilePath);
        return Enter(0, driverFilePath);
    }

    /// <summary>
    /// Before the host runs <see cref="DriverMessageCopy.Message"/>: sets <see cref="DriverMessageCopy.DriverLParam1"/>
    /// and <see cref="DriverMessageCopy.DriverLParam2"/> to copies in the arena of what the caller's parameters point
    /// at, or answers the call itself (<see cref="DriverMessageCopy.Answer"/>) when they cannot be copied (a size out of
    /// range). A message it does not know it leaves alone: its parameters then reach the driver as they are.
    /// </summary>
    /// <param name="copy">The call.</param>
    protected internal abstract void CopyIn(DriverMessageCopy copy);

    /// <summary>
    /// After the driver answered (<see cref="DriverMessageCopy.Result"/>, which it may change): copies back into the
    /// caller's memory what the driver wrote into the copies. Not called when the host died during the call, nor when
    /// <see cref="CopyIn"/> answered it.
    /// </summary>
    /// <param name="copy">The call, as <see cref="CopyIn"/> left it.</param>
    protected internal abstract void CopyOut(DriverMessageCopy copy);

    /// <summary>
    /// The name a crash during <paramref name="message"/> is reported by ("the driver crashed with SIGSEGV during
    /// ACMDM_STREAM_CONVERT", and the registry's crash record): the layer that defines a message knows its name, the
    /// core only its number. Null (the default) for the core's own name, such as <c>DRV_USER+8271</c>.
    /// </summary>
    /// <param name="message">A message this copier carried.</param>
    /// <returns>The message's name, or null.</returns>
    protected internal virtual string? NameOf(uint message) => null;

    /// <summary>
    /// The copier that applies to a call to <paramref name="handle"/> (the isolated module of <paramref name="filePath"/>),
    /// or null; the scope is suspended until <see cref="Resume"/>, so that calls made while this one runs (a driver's
    /// nested send, served on this thread) do not take it for theirs.
    /// </summary>
    internal static DriverMessageCopier? Claim(nint handle, uint message, string filePath)
    {
        var copier = activeCopier;
        if (copier is null || !(activeOpenFile is null
            ? activeHandle == handle
            : message == DRV_OPEN && string.Equals(activeOpenFile, filePath, PathComparison.Comparison)))
        {
            return null;
        }

        activeCopier = null;
        return copier;
    }

    /// <summary>Gives back the scope <see cref="Claim"/> suspended.</summary>
    internal static void Resume(DriverMessageCopier copier) => activeCopier = copier;

    private DriverMessageCopierScope Enter(nint handle, string? openFile)
    {
        var scope = new DriverMessageCopierScope(activeCopier, activeHandle, activeOpenFile);
        activeCopier = this;
        activeHandle = handle;
        activeOpenFile = openFile;
        return scope;
    }

    /// <summary>Puts back the scope that was active before one ends.</summary>
    internal static void Restore(DriverMessageCopier? copier, nint handle, string? openFile)
    {
        activeCopier = copier;
        activeHandle = handle;
        activeOpenFile = openFile;
    }
}
