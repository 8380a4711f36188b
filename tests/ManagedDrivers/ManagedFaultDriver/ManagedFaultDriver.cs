// A .NET driver that fails on request, each way a driver can: what in-process hosting contains (an exception thrown
// in DriverProc on the caller's thread) and what it cannot (everything else here ends the host process).
using InstallableDrivers;
using InstallableDrivers.Tests.ManagedDrivers;
using static InstallableDrivers.DriverMessages;

[assembly: InstallableDriver(typeof(ManagedFaultDriver))]

namespace InstallableDrivers.Tests.ManagedDrivers;

/// <summary>
///   DRV_OPEN      -> 1
///   DRV_USER + 1  -> throws on the calling thread (contained: the message returns 0)
///   DRV_USER + 2  -> starts a thread of its own that throws, and waits for it
///   DRV_USER + 3  -> Environment.FailFast
///   DRV_USER + 4  -> Environment.Exit(42)
///   DRV_USER + 5  -> recurses until the stack overflows
///   anything else -> DefDriverProc
/// </summary>
public sealed class ManagedFaultDriver : IDriverProc
{
    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        switch (message)
        {
            case DRV_OPEN:
                return 1;
            case DRV_USER + 1:
                throw new InvalidOperationException("thrown in DriverProc");
            case DRV_USER + 2:
                var thread = new Thread(() => throw new InvalidOperationException("thrown on the driver's own thread"));
                thread.Start();
                thread.Join();
                return 1;
            case DRV_USER + 3:
                Environment.FailFast("the driver called FailFast");
                return 1;
            case DRV_USER + 4:
                Environment.Exit(42);
                return 1;
            case DRV_USER + 5:
                return Recurse(lParam1);
            default:
                return Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2);
        }
    }

    // Not a tail call the JIT could turn into a loop: the addition happens after the call returns.
    private static nint Recurse(nint depth) => Recurse(depth + 1) + 1;
}
