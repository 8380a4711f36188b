using System.Diagnostics;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>Calls from several application threads run at once in the host, and the stress driver's promises hold there.</summary>
public sealed unsafe class IsolatedConcurrencyTests : IsolationTest
{
    [Fact]
    public void Sends_from_several_threads_are_inside_the_driver_at_the_same_time()
    {
        // Each call waits inside the driver until four are inside at once (at most 2 s): serialized calls would each
        // give up and see one.
        using var driver = Manager.Open("isolationdrv");
        var seen = new nint[4];
        var clock = Stopwatch.StartNew();
        StressCounters.RunThreads(seen.Length, i => seen[i] = driver.Send(DRV_USER + 1, seen.Length));
        Assert.All(seen, most => Assert.Equal(seen.Length, most));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void The_stress_driver_keeps_every_lifecycle_promise_in_a_host_under_opens_sends_and_closes_from_many_threads()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("stressdrv");
        using var holder = Manager.Open(path);
        using var counters = holder.AllocateSharedBuffer((StressCounters.Nest + 1) * sizeof(long));
        Assert.Equal(1, holder.Send(DRV_USER + 9, counters.Address));
        var block = (long*)counters.Address;

        var deadline = DateTime.UtcNow.AddSeconds(1);
        var shared = new nint[4];
        StressCounters.RunThreads(4, worker =>
        {
            var random = new Random(worker);
            for (var iterations = 0; DateTime.UtcNow < deadline || iterations < 50; iterations++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        var h = Manager.OpenDriver(path, null, 0);
                        Assert.False(h.IsNull);
                        Assert.Equal(5, Manager.SendDriverMessage(h, DRV_USER + 1, 4, 0));
                        Assert.Equal(1, Manager.CloseDriver(h, 0, 0));
                        break;
                    case 1:
                        var old = Interlocked.Exchange(ref shared[random.Next(shared.Length)], Manager.OpenDriver(path, null, 0).Value);
                        Manager.CloseDriver(new HDRVR(old), 0, 0);
                        break;
                    default:
                        var result = Manager.SendDriverMessage(new HDRVR(Volatile.Read(ref shared[random.Next(shared.Length)])), DRV_USER + 1, 41, 0);
                        Assert.True(result is 42 or 0, $"unexpected result {result}");
                        break;
                }
            }
        });
        foreach (var h in shared)
        {
            Manager.CloseDriver(new HDRVR(h), 0, 0);
        }

        Assert.Equal(0, block[StressCounters.Violations]);
        Assert.Equal(block[StressCounters.Opens], block[StressCounters.Closes]);
        Assert.True(block[StressCounters.Messages] > 200, $"only {block[StressCounters.Messages]} messages were handled");
    }
}
