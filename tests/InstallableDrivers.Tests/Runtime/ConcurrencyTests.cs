using System.Runtime.InteropServices;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// Many threads open, send and close at once; the C stress driver checks the lifecycle promises from inside and
/// counts violations (stressdrv.c).
/// </summary>
[Collection(StressCollection.Name)]
public sealed unsafe class ConcurrencyTests : IDisposable
{
    private const int Loads = 0, Frees = 1, Opens = 2, Closes = 3, Messages = 4, Violations = 5;

    private static readonly long* Counters = CreateCounters();

    private readonly DriverManager manager = TestDrivers.CreateManager();
    private readonly string path = TestDrivers.CopyToTemporaryDirectory("stressdrv");

    public ConcurrencyTests() => new Span<long>(Counters, 6).Clear();

    public void Dispose() => manager.Dispose();

    [Fact]
    public void Open_send_and_close_from_many_threads_keeps_every_lifecycle_promise()
    {
        const int threads = 6;
        var deadline = DateTime.UtcNow.AddSeconds(2);
        var shared = new nint[4];
        RunThreads(threads, worker =>
        {
            var random = new Random(worker);
            var iterations = 0;
            while (DateTime.UtcNow < deadline || iterations < 200)
            {
                iterations++;
                switch (random.Next(4))
                {
                    case 0:
                        // Own instance: open, a few messages, close.
                        var h = manager.OpenDriver(path, null, random.Next(2));
                        Assert.False(h.IsNull);
                        for (var i = 0; i < 5; i++)
                        {
                            Assert.Equal(i + 1, manager.SendDriverMessage(h, DRV_USER + 1, i, 0));
                        }

                        Assert.Equal(1, manager.CloseDriver(h, 0, 0));
                        break;
                    case 1:
                        // Replace a shared instance that other threads may be sending to right now.
                        var slot = random.Next(shared.Length);
                        var fresh = manager.OpenDriver(path, null, 0);
                        var old = Interlocked.Exchange(ref shared[slot], fresh.Value);
                        manager.CloseDriver(new HDRVR(old), 0, 0);
                        break;
                    default:
                        // Send to a shared instance that may be closed under us: the result is the driver's or 0.
                        var target = new HDRVR(Volatile.Read(ref shared[random.Next(shared.Length)]));
                        var result = manager.SendDriverMessage(target, DRV_USER + 1, 41, 0);
                        Assert.True(result is 42 or 0, $"unexpected result {result}");
                        break;
                }
            }
        });
        foreach (var h in shared)
        {
            manager.CloseDriver(new HDRVR(h), 0, 0);
        }

        AssertBalanced();
        Assert.True(Counters[Messages] > 1000, $"only {Counters[Messages]} messages were handled");
    }

    [Fact]
    public void Close_hammered_against_send_never_delivers_after_DRV_CLOSE_began()
    {
        var keepLoaded = manager.OpenDriver(path, null, 0);
        CloseSendHammer.Run(manager, path, senderCount: 3, cycles: 3000, maxSpin: 500);
        manager.CloseDriver(keepLoaded, 0, 0);
        AssertBalanced();
    }

    [Fact]
    public void Concurrent_first_opens_and_last_closes_load_and_free_in_pairs()
    {
        RunThreads(4, _ =>
        {
            for (var i = 0; i < 300; i++)
            {
                var h = manager.OpenDriver(path, null, 0);
                Assert.False(h.IsNull);
                manager.CloseDriver(h, 0, 0);
            }
        });
        AssertBalanced();
        Assert.True(Counters[Loads] >= 1);
        Assert.False(TestDrivers.IsMapped(path));
    }

    private void AssertBalanced()
    {
        Assert.Equal(0, Counters[Violations]);
        Assert.Equal(Counters[Loads], Counters[Frees]);
        Assert.Equal(Counters[Opens], Counters[Closes]);
    }

    private static void RunThreads(int count, Action<int> body)
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

    private static long* CreateCounters()
    {
        var counters = (long*)NativeMemory.AllocZeroed(6, sizeof(long));
        NativeEnvironment.Set("STRESSDRV_COUNTERS", ((nint)counters).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return counters;
    }
}

/// <summary>The stress tests share the stress driver's counters, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StressCollection
{
    public const string Name = "stress driver";
}
