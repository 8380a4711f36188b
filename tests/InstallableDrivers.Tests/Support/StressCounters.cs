using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Support;

/// <summary>
/// The block of counters the C stress driver (stressdrv.c) counts into, found through STRESSDRV_COUNTERS, so the
/// counts survive the library being unloaded and loaded again; and helpers for tests that read them.
/// </summary>
internal static unsafe class StressCounters
{
    /// <summary>Indices into <see cref="Block"/>, as stressdrv.c defines them.</summary>
    public const int Loads = 0, Frees = 1, Opens = 2, Closes = 3, Messages = 4, Violations = 5, Nest = 6;

    /// <summary>The counters: allocated once per process and published to the driver.</summary>
    public static long* Block { get; } = Create();

    /// <summary>Zeroes the counts (not <see cref="Nest"/>).</summary>
    public static void Clear() => new Span<long>(Block, Violations + 1).Clear();

    /// <summary>Asserts that no promise was broken and every DRV_LOAD and DRV_OPEN was matched.</summary>
    public static void AssertBalanced()
    {
        Assert.Equal(0, Block[Violations]);
        Assert.Equal(Block[Loads], Block[Frees]);
        Assert.Equal(Block[Opens], Block[Closes]);
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="count"/> threads at once and rethrows what any of them threw.</summary>
    public static void RunThreads(int count, Action<int> body)
    {
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }

    private static long* Create()
    {
        var counters = (long*)NativeMemory.AllocZeroed(Nest + 1, sizeof(long));
        NativeEnvironment.Set("STRESSDRV_COUNTERS", ((nint)counters).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return counters;
    }
}
