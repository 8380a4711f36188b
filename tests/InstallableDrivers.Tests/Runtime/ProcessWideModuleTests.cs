using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// A loaded driver file is one thing in the process, whichever managers open it (docs/contract.md#process-wide): the
/// stress driver counts DRV_LOAD, DRV_FREE and every message that reaches it when it should not.
/// </summary>
[Collection(StressCollection.Name)]
public sealed unsafe class ProcessWideModuleTests
{
    private static readonly long* Counters = StressCounters.Block;

    private readonly string path = TestDrivers.CopyToTemporaryDirectory("stressdrv");

    public ProcessWideModuleTests() => StressCounters.Clear();

    [Fact]
    public void Two_managers_share_one_load_and_the_image_is_freed_after_the_last_instance_in_the_process()
    {
        using var first = TestDrivers.CreateManager();
        using var second = TestDrivers.CreateManager();
        var a = first.OpenDriver(path, null, 0);
        var b = second.OpenDriver(path, null, 0);
        Assert.Equal(1, Counters[StressCounters.Loads]);
        Assert.Equal(first.GetDriverModuleHandle(a), second.GetDriverModuleHandle(b));

        Assert.Equal(1, second.CloseDriver(b, 0, 0));
        Assert.Equal(0, Counters[StressCounters.Frees]);
        Assert.True(TestDrivers.IsMapped(path));
        Assert.Equal(8, first.SendDriverMessage(a, DRV_USER + 1, 7, 0));

        Assert.Equal(1, first.CloseDriver(a, 0, 0));
        Assert.Equal(1, Counters[StressCounters.Frees]);
        Assert.False(TestDrivers.IsMapped(path));
        StressCounters.AssertBalanced();
    }

    [NotOnWindowsFact]
    public void A_symbolic_link_and_its_target_are_one_module_as_the_dynamic_linker_maps_one_image()
    {
        var link = Path.Combine(TestDrivers.CreateTemporaryDirectory(), "link.so");
        File.CreateSymbolicLink(link, path);
        using var first = TestDrivers.CreateManager();
        using var second = TestDrivers.CreateManager();
        var viaLink = first.OpenDriver(link, null, 0);
        var viaTarget = second.OpenDriver(path, null, 0);
        Assert.Equal(1, Counters[StressCounters.Loads]);
        first.CloseDriver(viaLink, 0, 0);
        Assert.Equal(0, Counters[StressCounters.Frees]);
        second.CloseDriver(viaTarget, 0, 0);
        StressCounters.AssertBalanced();
    }

    [Fact]
    public void Handles_stay_per_manager()
    {
        using var first = TestDrivers.CreateManager();
        using var second = TestDrivers.CreateManager();
        var a = first.OpenDriver(path, null, 0);
        Assert.Equal(0, second.SendDriverMessage(a, DRV_USER + 1, 1, 0));
        Assert.Equal(0, second.CloseDriver(a, 0, 0));
        Assert.Equal(2, first.SendDriverMessage(a, DRV_USER + 1, 1, 0));
        first.CloseDriver(a, 0, 0);
    }

    [Fact]
    public void Disposing_one_manager_leaves_the_other_managers_instances_loaded_and_answering()
    {
        using var keeper = TestDrivers.CreateManager();
        var kept = keeper.OpenDriver(path, null, 0);
        using (var other = TestDrivers.CreateManager())
        {
            other.OpenDriver(path, null, 0);
            other.OpenDriver(path, null, 5);
        }

        Assert.Equal(0, Counters[StressCounters.Frees]);
        Assert.Equal(4, keeper.SendDriverMessage(kept, DRV_USER + 1, 3, 0));
        keeper.CloseDriver(kept, 0, 0);
        StressCounters.AssertBalanced();
        Assert.Equal(1, Counters[StressCounters.Loads]);
    }

    [Fact]
    public void Managers_on_many_threads_opening_sending_and_closing_one_file_load_and_free_in_strict_pairs()
    {
        StressCounters.RunThreads(6, worker =>
        {
            using var manager = TestDrivers.CreateManager();
            var random = new Random(worker);
            var held = new List<HDRVR>();
            for (var i = 0; i < 400; i++)
            {
                if (held.Count > 0 && random.Next(2) == 0)
                {
                    var h = held[random.Next(held.Count)];
                    held.Remove(h);
                    Assert.Equal(6, manager.SendDriverMessage(h, DRV_USER + 1, 5, 0));
                    Assert.Equal(1, manager.CloseDriver(h, 0, 0));
                }
                else
                {
                    var h = manager.OpenDriver(path, null, random.Next(2));
                    Assert.False(h.IsNull, DriverManager.LastError?.Message);
                    held.Add(h);
                }
            }

            // Leave the rest to Dispose, racing the other threads' opens and closes.
        });

        StressCounters.AssertBalanced();
        Assert.True(Counters[StressCounters.Loads] >= 1);
        Assert.False(TestDrivers.IsMapped(path));
    }

    [Fact]
    public void Dispose_racing_opens_on_other_threads_leaves_no_instance_open_and_the_file_freed()
    {
        for (var round = 0; round < 100; round++)
        {
            var manager = TestDrivers.CreateManager();
            using var start = new Barrier(4);
            var openers = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 20; i++)
                {
                    try
                    {
                        manager.OpenDriver(path, null, 0);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                }
            })).ToList();
            openers.ForEach(t => t.Start());
            start.SignalAndWait();
            manager.Dispose();
            Assert.Equal(Counters[StressCounters.Opens], Counters[StressCounters.Closes]);
            openers.ForEach(t => t.Join());
        }

        StressCounters.AssertBalanced();
        Assert.False(TestDrivers.IsMapped(path));
    }
}
