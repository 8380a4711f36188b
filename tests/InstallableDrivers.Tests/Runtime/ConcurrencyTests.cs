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
    private static readonly long* Counters = StressCounters.Block;

    /// <summary>The manager <see cref="SendNested"/> sends through, while a test needs it.</summary>
    private static DriverManager? nestingManager;

    /// <summary>Where <see cref="SendNested"/> sends the innermost levels of a nest.</summary>
    private static nint nestingTarget;

    private readonly DriverManager manager = TestDrivers.CreateManager();
    private readonly string path = TestDrivers.CopyToTemporaryDirectory("stressdrv");

    public ConcurrencyTests()
    {
        StressCounters.Clear();
        Counters[StressCounters.Nest] = (nint)(delegate* unmanaged<nint, nint, void>)&SendNested;
    }

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
        Assert.True(Counters[StressCounters.Messages] > 1000, $"only {Counters[StressCounters.Messages]} messages were handled");
    }

    [Fact]
    public void Close_hammered_against_send_never_delivers_after_DRV_CLOSE_began()
    {
        CloseSendHammer.RunAgainstLatest(manager, path, senders: 3, closes: 3000, maxSpin: 500);
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
        Assert.True(Counters[StressCounters.Loads] >= 1);
        Assert.False(TestDrivers.IsMapped(path));
    }

    [Fact]
    public void Close_hammered_against_sends_nested_deeper_than_a_frame_block_never_delivers_after_DRV_CLOSE_began()
    {
        // Each sender is a new thread, whose frames start in a block of 16: a nest of 40 sends (the driver sends again
        // from inside each message, through SendNested) moves them to larger blocks, past 16 and 32. The outer 30
        // levels go to an instance that stays open, the inner ten to the one being closed, so those frames exist only
        // in a moved block. A frame a closer failed to see there would let DRV_CLOSE run while the instance is still
        // inside a message: the driver counts that as a violation.
        nestingManager = manager;
        var senders = 0;
        CloseSendHammer.Run(
            manager,
            path,
            senders: 2,
            send: outer =>
            {
                var sender = new Thread(() => manager.SendDriverMessage(outer, DRV_USER + 2, 40, 0));
                sender.Start();
                sender.Join();
                Interlocked.Increment(ref senders);
            },
            publish: h => Volatile.Write(ref nestingTarget, h),
            closes: 1000,
            maxSpin: 2000,
            enough: () => Volatile.Read(ref senders) >= 300);
        nestingManager = null;
        AssertBalanced();
        Assert.True(Counters[StressCounters.Messages] > 1000, $"only {Counters[StressCounters.Messages]} messages were handled");
    }

    private static void AssertBalanced() => StressCounters.AssertBalanced();

    private static void RunThreads(int count, Action<int> body) => StressCounters.RunThreads(count, body);

    [UnmanagedCallersOnly]
    private static void SendNested(nint hdrvr, nint depth)
    {
        var target = depth < 10 ? Volatile.Read(ref nestingTarget) : hdrvr;
        nestingManager?.SendDriverMessage(new HDRVR(target), DRV_USER + 2, depth, 0);
    }
}

/// <summary>The stress tests share the stress driver's counters, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StressCollection
{
    public const string Name = "stress driver";
}
