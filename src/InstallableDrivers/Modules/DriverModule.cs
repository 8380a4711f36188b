namespace InstallableDrivers.Modules;

/// <summary>
/// One loaded driver file. It is loaded once, however many instances use it, and unloaded by the runtime only when
/// no thread can still be running its code.
/// </summary>
internal abstract unsafe class DriverModule
{
    /// <summary>The value GetDriverModuleHandle returns: the same for every instance of the module, never 0.</summary>
    public abstract nint ModuleHandle { get; }

    /// <summary>
    /// The exported DriverProc when the driver is native, so the send path calls it directly; null for .NET drivers.
    /// </summary>
    public abstract delegate* unmanaged<nuint, nint, uint, nint, nint, nint> NativeDriverProc { get; }

    /// <summary>The driver object when the driver is .NET, so the send path calls it directly; null for native drivers.</summary>
    public abstract IDriverProc? ManagedDriverProc { get; }

    /// <summary>Unloads the file. Called once, after DRV_FREE, when no thread is inside the module's code.</summary>
    public abstract void Unload();
}
