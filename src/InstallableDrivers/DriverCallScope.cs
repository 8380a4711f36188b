using InstallableDrivers.Dispatch;

namespace InstallableDrivers;

/// <summary>
/// One call into a driver's code through a <see cref="DriverEntryPoint{TManaged}"/>, from <see cref="DriverEntryPoint{TManaged}.Enter"/>
/// until <see cref="Dispose"/>: the same protection every DriverProc call has (docs/contract.md#d7).
/// </summary>
public readonly ref struct DriverCallScope
{
    private readonly DriverCodeScope scope;

    /// <summary>False for <c>default</c>, which entered nothing and so has nothing to leave.</summary>
    private readonly bool entered;

    internal DriverCallScope(DriverInstance instance)
    {
        scope = new DriverCodeScope(instance);
        entered = true;
        IsOpen = DriverCodeScope.MayCall(instance);
    }

    /// <summary>True if the instance is open and may be called; false once its close began.</summary>
    public bool IsOpen { get; }

    /// <summary>Ends the call.</summary>
    public void Dispose()
    {
        if (entered)
        {
            scope.Dispose();
        }
    }
}
