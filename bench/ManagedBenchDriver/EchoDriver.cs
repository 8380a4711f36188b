using System.Runtime.CompilerServices;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// Answers DRV_USER + 1 with lParam1 + 1, like benchdrv.c. The benchmark suite compiles this same file into itself to
/// call it directly through <see cref="IDriverProc"/>: the baseline the runtime's send path is measured against.
/// </summary>
public sealed class EchoDriver : IDriverProc
{
    /// <inheritdoc />
    /// <remarks>Never inlined, so the direct-call baseline is a call, as a host's call into a driver it cannot see through is.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2) => message switch
    {
        DriverMessages.DRV_OPEN => 1,
        DriverMessages.DRV_USER + 1 => lParam1 + 1,
        _ => Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2),
    };
}
