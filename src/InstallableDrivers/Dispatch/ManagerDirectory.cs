namespace InstallableDrivers.Dispatch;

/// <summary>
/// The managers of the process by id, so that a call frame, which names an instance by a 64-bit id that embeds its
/// manager's id, leads back to the manager without a lookup on the send path.
/// </summary>
internal static class ManagerDirectory
{
    private static readonly Lock Sync = new();
    private static WeakReference<DriverManager>?[] managers = new WeakReference<DriverManager>?[8];
    private static int count;

    /// <summary>Registers a new manager and returns its id: 1, 2, … never reused.</summary>
    public static int Add(DriverManager manager)
    {
        lock (Sync)
        {
            if (count + 1 == managers.Length)
            {
                Array.Resize(ref managers, managers.Length * 2);
            }

            managers[++count] = new WeakReference<DriverManager>(manager);
            return count;
        }
    }

    /// <summary>The live manager with an id, or null.</summary>
    public static DriverManager? Find(int id)
    {
        var table = Volatile.Read(ref managers);
        return (uint)id < (uint)table.Length && table[id] is { } reference && reference.TryGetTarget(out var manager) ? manager : null;
    }

    /// <summary>
    /// The live manager that issued <paramref name="handle"/>, or null (handles are not shared between managers). It is
    /// on the send path of every call by handle alone (a native driver's SendDriverMessage, <see cref="Drivers"/>), which
    /// must not allocate.
    /// </summary>
    public static DriverManager? OwnerOf(nint handle)
    {
        foreach (var reference in Volatile.Read(ref managers))
        {
            if (reference is not null && reference.TryGetTarget(out var manager) && manager.Owns(handle))
            {
                return manager;
            }
        }

        return null;
    }
}
