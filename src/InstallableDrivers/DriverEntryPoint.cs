using InstallableDrivers.Dispatch;

namespace InstallableDrivers;

/// <summary>
/// An entry point of an open driver instance other than DriverProc (<see cref="DriverManager.GetEntryPoint{TManaged}"/>):
/// a native export's address, or a .NET driver's object as the interface that stands for it. Call it only inside
/// <see cref="Enter"/>, which is what keeps the driver's code loaded and its instance open while it runs.
/// </summary>
/// <typeparam name="TManaged">The interface a .NET driver implements instead of the export.</typeparam>
public sealed class DriverEntryPoint<TManaged>
    where TManaged : class
{
    private readonly DriverInstance instance;

    internal DriverEntryPoint(DriverInstance instance, nint address, TManaged? target)
    {
        this.instance = instance;
        Address = address;
        Target = target;
    }

    /// <summary>The native function's address (the platform's C calling convention); 0 for a .NET driver.</summary>
    public nint Address { get; }

    /// <summary>The .NET driver's object; null for a native driver.</summary>
    public TManaged? Target { get; }

    /// <summary>The instance the entry point belongs to.</summary>
    public HDRVR Handle => new(instance.Handle);

    /// <summary>
    /// Enters the driver's code for one call. Check <see cref="DriverCallScope.IsOpen"/>: when false the instance is closing
    /// or closed and must not be called. While the scope is open, a close of the instance waits for it, the driver file
    /// cannot be unloaded, and calls the driver makes back into the host (OpenDriver, SendDriverMessage) are attributed to
    /// this instance's manager. Dispose it on the thread that entered, when the call returns.
    /// </summary>
    /// <returns>The scope; use it in a <c>using</c> statement.</returns>
    public DriverCallScope Enter() => new(instance);
}
