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

    /// <summary>Every live manager.</summary>
    public static IEnumerable<DriverManager> All()
    {
        var table = Volatile.Read(ref managers);
        foreach (var reference in table)
        {
            if (reference is not null && reference.TryGetTarget(out var manager))
            {
                yield return manager;
            }
        }
    }
}
