// A .NET driver that calls back into its host from inside its messages, as hostcalldrv.c does for a native driver:
// through Drivers, which reaches the manager that runs it, in process or, isolated, in the application.
using InstallableDrivers;
using InstallableDrivers.Tests.ManagedDrivers;
using static InstallableDrivers.DriverMessages;

[assembly: InstallableDriver(typeof(ManagedHostCallDriver))]

namespace InstallableDrivers.Tests.ManagedDrivers;

/// <summary>
/// The aliases it opens are the application's registry's: "hostcall.net" (this driver) and "hostcall.native" (the C
/// driver hostcalldrv.c, whose DRV_USER + 3 answers lParam1 * 10).
///   DRV_USER + 1 -> depth lParam1: 0 opens hostcall.native and answers its DRV_USER + 3 of 4, + 2 = 42; n > 0 opens
///                   hostcall.net, sends it DRV_USER + 1 with n - 1 and answers that + 1; each closes what it opened.
///                   -1 if an open fails, -2 if a close does not answer 1.
///   DRV_USER + 2 -> GetDriverModuleHandle of an instance of hostcall.native it opens (-1 if DrvGetModuleHandle differs)
///   DRV_USER + 3 -> opens hostcall.native, then from a thread of its own sends it DRV_USER + 3 of 4, asks its module
///                   handle and closes it: the send's answer + 2, or -1 if the handle is 0 or the close fails
///   DRV_USER + 4 -> 1 if opening an alias that does not exist and sending to a handle no one issued both answer 0
/// </summary>
public sealed class ManagedHostCallDriver : IDriverProc
{
    private static long nextId;

    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2) => message switch
    {
        DRV_OPEN => (nint)Interlocked.Increment(ref nextId),
        DRV_CLOSE => 1,
        DRV_USER + 1 => Nest(lParam1),
        DRV_USER + 2 => ModuleHandleOfNative(),
        DRV_USER + 3 => FromAThreadOfItsOwn(),
        DRV_USER + 4 => Drivers.OpenDriver("hostcall.none", null, 0).IsNull && Drivers.SendDriverMessage(new HDRVR(0x7777), DRV_USER + 1, 1, 2) == 0 ? 1 : 0,
        _ => Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2),
    };

    private static nint Nest(nint depth)
    {
        var h = Drivers.OpenDriver(depth > 0 ? "hostcall.net" : "hostcall.native", null, 0);
        if (h.IsNull)
        {
            return -1;
        }

        var answer = depth > 0 ? Drivers.SendDriverMessage(h, DRV_USER + 1, depth - 1, 0) + 1 : Answer(h);
        return Drivers.CloseDriver(h, 0, 0) == 1 ? answer : -2;
    }

    /// <summary>What hostcall.native answers DRV_USER + 3 of 4 (40), + 2.</summary>
    private static nint Answer(HDRVR h) => Drivers.SendDriverMessage(h, DRV_USER + 3, 4, 0) + 2;

    private static nint ModuleHandleOfNative()
    {
        var h = Drivers.OpenDriver("hostcall.native", null, 0);
        var module = Drivers.GetDriverModuleHandle(h);
        var same = Drivers.DrvGetModuleHandle(h) == module;
        return Drivers.CloseDriver(h, 0, 0) == 1 && same ? module : -1;
    }

    private static nint FromAThreadOfItsOwn()
    {
        var h = Drivers.OpenDriver("hostcall.native", null, 0);
        nint answer = -1;
        var thread = new Thread(() =>
        {
            var sent = Answer(h);
            var module = Drivers.GetDriverModuleHandle(h);
            answer = module != 0 && Drivers.CloseDriver(h, 0, 0) == 1 ? sent : -1;
        });
        thread.Start();
        thread.Join();
        return answer;
    }
}
