// The managed trace driver: answers exactly as the C trace driver (NativeDrivers/tracedrv_impl.h) and reports every
// message at entry to the sink the test process stores in AppContext data, so the same tests run against both kinds.
// It also checks the lifecycle promises from inside, as the C stress driver does, and can be told to throw.
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using InstallableDrivers;
using InstallableDrivers.Tests.ManagedDrivers;
using static InstallableDrivers.DriverMessages;

[assembly: InstallableDriver(typeof(ManagedTraceDriver))]

namespace InstallableDrivers.Tests.ManagedDrivers;

/// <summary>
///   DRV_LOAD      -> 1 (throws if the AppContext switch "ManagedTraceDriver.ThrowOnLoad" is on); ids restart at 100
///   DRV_OPEN      -> 100, 101, ...; 0 for "refuse-open", "refuse-session" with lParam2 == 0, "refuse-real" with lParam2 != 0; throws for "throw-open"
///   DRV_CLOSE     -> 1
///   DRV_USER + 1  -> lParam1 + lParam2
///   DRV_USER + 2  -> DRV_LOADs seen by this load of the assembly (static state: 1 after a real unload)
///   DRV_USER + 3  -> the dwDriverId it received
///   DRV_USER + 5  -> the build: 1, or 2 for ManagedTraceDriverV2
///   DRV_USER + 7  -> lifecycle violations seen so far (message to a closed id, close while a message runs)
///   DRV_USER + 9  -> throws InvalidOperationException
///   DRV_USER + 10 -> DriverCallback(lParam1, lParam2 as flags, hDriver, 0x3C4, 4, 5, 6) on the calling thread: its answer (1 or 0)
///   DRV_USER + 11 -> the same from a thread of its own (waited for): its answer
///   anything else -> DefDriverProc
/// </summary>
public sealed class ManagedTraceDriver : IDriverProc
{
    /// <summary>The AppContext data key of the sink: an Action&lt;nuint, nint, uint, nint, nint&gt;.</summary>
    public const string SinkKey = "InstallableDrivers.Tests.TraceSink";

    private static int loadCount;
    private static int violations;
    private static nuint nextId;

    /// <summary>Open ids and how many messages to each are running.</summary>
    private static readonly ConcurrentDictionary<nuint, StrongBox<int>> Open = new();

    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        (AppContext.GetData(SinkKey) as Action<nuint, nint, uint, nint, nint>)?.Invoke(driverId, hDriver.Value, message, lParam1, lParam2);
        switch (message)
        {
            case DRV_LOAD:
                if (AppContext.TryGetSwitch("ManagedTraceDriver.ThrowOnLoad", out var throwOnLoad) && throwOnLoad)
                {
                    throw new InvalidOperationException("told to fail DRV_LOAD");
                }

                loadCount++;
                nextId = 100;
                return 1;
            case DRV_OPEN:
                var args = lParam1 == 0 ? "" : Marshal.PtrToStringUni(lParam1)!;
                var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Contains("throw-open"))
                {
                    throw new InvalidOperationException("told to fail DRV_OPEN");
                }

                if (words.Contains("refuse-open") || (words.Contains("refuse-session") && lParam2 == 0) || (words.Contains("refuse-real") && lParam2 != 0))
                {
                    return 0;
                }

                var id = nextId++;
                Open[id] = new StrongBox<int>();
                return (nint)id;
            case DRV_CLOSE:
                if (!Open.TryRemove(driverId, out var closing) || Volatile.Read(ref closing.Value) != 0)
                {
                    Interlocked.Increment(ref violations);
                }

                return 1;
            case DRV_USER + 1:
                return Tracked(driverId, () => lParam1 + lParam2);
            case DRV_USER + 2:
                return loadCount;
            case DRV_USER + 3:
                return (nint)driverId;
            case DRV_USER + 5:
#if VERSION2
                return 2;
#else
                return 1;
#endif
            case DRV_USER + 7:
                return violations;
            case DRV_USER + 9:
                throw new InvalidOperationException("told to fail DRV_USER + 9");
            case DRV_USER + 10:
                return Notify((nuint)lParam1, (uint)lParam2, hDriver) ? 1 : 0;
            case DRV_USER + 11:
                var notified = false;
                var thread = new Thread(() => notified = Notify((nuint)lParam1, (uint)lParam2, hDriver));
                thread.Start();
                thread.Join();
                return notified ? 1 : 0;
            default:
                return Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2);
        }
    }

    private static bool Notify(nuint callback, uint flags, HDRVR hDriver) => Drivers.DriverCallback(callback, flags, hDriver, 0x3C4, 4, 5, 6);

    /// <summary>Runs an instance message, counting it as running so that a DRV_CLOSE meanwhile is caught.</summary>
    private static nint Tracked(nuint driverId, Func<nint> body)
    {
        if (!Open.TryGetValue(driverId, out var running))
        {
            Interlocked.Increment(ref violations);
            return 0;
        }

        Interlocked.Increment(ref running.Value);
        var result = body();
        Thread.SpinWait(50);
        if (!Open.ContainsKey(driverId))
        {
            Interlocked.Increment(ref violations);
        }

        Interlocked.Decrement(ref running.Value);
        return result;
    }
}
