namespace InstallableDrivers.Modules;

/// <summary>
/// One loaded driver file. It is loaded once, however many instances use it, and unloaded by the runtime only when
/// no thread can still be running its code. Its DriverProc is the subclass's own: a function pointer
/// (<see cref="NativeDriverModule.DriverProc"/>) or an object (<see cref="ManagedDriverModule.Driver"/>).
/// </summary>
internal abstract class DriverModule
{
    /// <summary>
    /// The value GetDriverModuleHandle returns: the same for every instance of the module, never 0. For a native driver
    /// it is the dynamic linker's handle of the library (what dlsym and GetProcAddress take); for a .NET driver, which
    /// has no such handle, a number unique to the load, far below any address a library is mapped at.
    /// </summary>
    public abstract nint ModuleHandle { get; }

    /// <summary>The address of a function the file exports by name, or 0 (always 0 for a .NET driver, which exports nothing).</summary>
    public abstract nint FindExport(string name);

    /// <summary>Unloads the file. Called once, after DRV_FREE, when no thread is inside the module's code.</summary>
    public abstract void Unload();

    /// <summary>The object whose DriverProc runs the driver: a .NET driver, or an isolated module's proxy to its host; null for a native driver in process.</summary>
    public virtual IDriverProc? DriverObject => null;

    /// <summary>How the module's host process ended (Isolation/IsolatedDriverModule); always null in process, where a crash ends the application.</summary>
    public virtual DriverCrash? Crash => null;

    /// <summary>Memory for a pointer in a custom message: this process's own, which a driver in process reads directly.</summary>
    public virtual unsafe DriverSharedBuffer AllocateSharedBuffer(int length)
        => new((nint)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)length), length, isShared: false,
            static pointer => System.Runtime.InteropServices.NativeMemory.Free((void*)pointer));
}
