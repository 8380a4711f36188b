namespace InstallableDrivers;

/// <summary>
/// While it lives, a <see cref="DriverMessageCopier"/> carries the calling thread's messages to one instance or one
/// open (<see cref="DriverMessageCopier.Apply"/>, <see cref="DriverMessageCopier.ApplyToOpen"/>). Dispose it on the
/// thread that made it, with <c>using</c>.
/// </summary>
public readonly ref struct DriverMessageCopierScope
{
    private readonly DriverMessageCopier? previousCopier;
    private readonly nint previousHandle;
    private readonly string? previousOpenFile;
    private readonly bool entered;

    internal DriverMessageCopierScope(DriverMessageCopier? copier, nint handle, string? openFile)
    {
        entered = true;
        previousCopier = copier;
        previousHandle = handle;
        previousOpenFile = openFile;
    }

    /// <summary>Ends the scope: the scope that was active before it applies again. (A default instance does nothing.)</summary>
    public void Dispose()
    {
        if (entered)
        {
            DriverMessageCopier.Restore(previousCopier, previousHandle, previousOpenFile);
        }
    }
}
