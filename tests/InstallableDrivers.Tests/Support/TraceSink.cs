using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Support;

/// <summary>One message as the C trace driver saw it, at entry.</summary>
internal sealed record TraceRecord(uint Message, nuint DriverId, nint Handle, nint LParam1, nint LParam2, string? Args)
{
    public override string ToString() => $"{TraceSink.Name(Message)} id={DriverId} l1={LParam1} l2={LParam2}{(Args is null ? "" : $" args=\"{Args}\"")}";
}

/// <summary>
/// Receives the trace drivers' reports: the C one (tracedrv_impl.h) finds this sink through the TRACEDRV_SINK
/// environment variable, the .NET one (ManagedTraceDriver) through AppContext data, so what is recorded is what the
/// driver really received. A test may also set a hook that runs inside the driver's DriverProc, to call the host
/// re-entrantly.
/// </summary>
internal static unsafe class TraceSink
{
    private static readonly Lock Sync = new();
    private static readonly List<TraceRecord> Received = [];
    private static Exception? hookFailure;

    static TraceSink()
    {
        var sink = (nint)(delegate* unmanaged<nuint, nint, uint, nint, nint, void>)&Record;
        NativeEnvironment.Set("TRACEDRV_SINK", sink.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        AppContext.SetData("InstallableDrivers.Tests.TraceSink", (Action<nuint, nint, uint, nint, nint>)Add);
    }

    /// <summary>False while a stress test floods the drivers with messages nobody will read.</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>Runs inside the driver's DriverProc for every message, after it was recorded.</summary>
    public static Action<TraceRecord>? Hook { get; set; }

    /// <summary>Installs the sink (if needed) and forgets what was recorded so far.</summary>
    public static void Reset()
    {
        RuntimeHelpers.RunClassConstructor(typeof(TraceSink).TypeHandle);
        lock (Sync)
        {
            Received.Clear();
            Hook = null;
            Enabled = true;
            hookFailure = null;
        }
    }

    /// <summary>What the driver received since <see cref="Reset"/>, in order; rethrows a failure of the hook.</summary>
    public static List<TraceRecord> Records
    {
        get
        {
            lock (Sync)
            {
                if (hookFailure is not null)
                {
                    throw new InvalidOperationException("The hook failed inside DriverProc", hookFailure);
                }

                return [.. Received];
            }
        }
    }

    /// <summary>The records as "MESSAGE id=… l1=… l2=…" lines, the way docs/contract.md#sequences writes sequences.</summary>
    public static List<string> Lines => Records.Select(r => r.ToString()).ToList();

    public static string Name(uint message) => message switch
    {
        DriverMessages.DRV_LOAD => "LOAD",
        DriverMessages.DRV_ENABLE => "ENABLE",
        DriverMessages.DRV_OPEN => "OPEN",
        DriverMessages.DRV_CLOSE => "CLOSE",
        DriverMessages.DRV_DISABLE => "DISABLE",
        DriverMessages.DRV_FREE => "FREE",
        DriverMessages.DRV_QUERYCONFIGURE => "QUERYCONFIGURE",
        >= DriverMessages.DRV_USER => $"USER+{message - DriverMessages.DRV_USER}",
        _ => $"0x{message:X}",
    };

    [UnmanagedCallersOnly]
    private static void Record(nuint driverId, nint handle, uint message, nint lParam1, nint lParam2) => Add(driverId, handle, message, lParam1, lParam2);

    private static void Add(nuint driverId, nint handle, uint message, nint lParam1, nint lParam2)
    {
        if (!Enabled)
        {
            return;
        }

        // The args pointer only lives during the call: copy the text now.
        var args = message == DriverMessages.DRV_OPEN && lParam1 != 0 ? new string((char*)lParam1) : null;
        var record = new TraceRecord(message, driverId, handle, lParam1, lParam2, args);
        lock (Sync)
        {
            Received.Add(record);
        }

        try
        {
            Hook?.Invoke(record);
        }
        catch (Exception e)
        {
            // An exception must not unwind through native frames; keep it for the test to see.
            lock (Sync)
            {
                hookFailure ??= e;
            }
        }
    }
}

/// <summary>Tests that use the trace driver share its sink, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TraceCollection
{
    public const string Name = "trace driver";
}
