using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>docs/contract.md#differences: where the project deliberately differs from Wine 8, each by its name.</summary>
[Collection(TraceCollection.Name)]
public sealed class DeliberateDifferenceTests : TraceDriverTest
{
    [Fact]
    public void D1_any_nonzero_DRV_LOAD_result_accepts_the_load()
    {
        var h = Manager.OpenDriver("tracedrv_load2", null, 0);
        Assert.False(h.IsNull);
        Manager.CloseDriver(h, 0, 0);
        Assert.Equal(["LOAD", "ENABLE", "OPEN", "CLOSE", "DISABLE", "FREE"], TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
    }

    [Fact]
    public void D2_a_refused_first_DRV_OPEN_is_followed_by_DRV_DISABLE_and_DRV_FREE_then_unload()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        Registry.SetValue("Drivers32", "refuser", path + " refuse-open");
        Assert.True(Manager.OpenDriver("refuser", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.OpenRefused, DriverManager.LastError?.Reason);
        Assert.Equal(
        [
            "LOAD id=0 l1=0 l2=0",
            "ENABLE id=0 l1=0 l2=0",
            $"OPEN id=0 l1={TraceSink.Records[2].LParam1} l2=0 args=\"refuse-open\"",
            "DISABLE id=0 l1=0 l2=0",
            "FREE id=0 l1=0 l2=0",
        ], TraceSink.Lines);
        Assert.False(TestDrivers.IsMapped(path));
    }

    [Fact]
    public void D3_DRV_DISABLE_and_DRV_FREE_carry_driver_id_0()
    {
        var h = Manager.OpenDriver("tracedrv", null, 0);
        Manager.CloseDriver(h, 0, 0);
        var tail = TraceSink.Records.TakeLast(2).ToList();
        Assert.Equal([DRV_DISABLE, DRV_FREE], tail.Select(r => r.Message));
        Assert.All(tail, r => Assert.Equal(0u, r.DriverId));
    }

    [Fact]
    public void D4_in_a_session_open_both_instances_get_the_args()
    {
        Registry.SetValue("Drivers32", "session.args", "tracedrv.so the args");
        var h = Manager.OpenDriver("session.args", null, 77);
        Manager.CloseDriver(h, 0, 0);
        var opens = TraceSink.Records.Where(r => r.Message == DRV_OPEN).ToList();
        Assert.Equal([0, 77], opens.Select(r => r.LParam2));
        Assert.All(opens, r => Assert.Equal("the args", r.Args));
    }

    [Fact]
    public void D5_a_failed_real_open_after_a_session_open_closes_the_session_and_frees_once()
    {
        Registry.SetValue("Drivers32", "real.refused", "tracedrv.so refuse-real");
        Assert.True(Manager.OpenDriver("real.refused", null, 42).IsNull);
        Assert.Equal(
            ["LOAD", "ENABLE", "OPEN", "OPEN", "CLOSE", "DISABLE", "FREE"],
            TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
        Assert.Equal(100u, TraceSink.Records[4].DriverId);
    }

    [Fact]
    public void D5_a_refused_session_open_frees_once()
    {
        Registry.SetValue("Drivers32", "session.refused", "tracedrv.so refuse-session");
        Assert.True(Manager.OpenDriver("session.refused", null, 42).IsNull);
        Assert.Equal(DriverFailureReason.OpenRefused, DriverManager.LastError?.Reason);
        Assert.Equal(
            ["LOAD", "ENABLE", "OPEN", "DISABLE", "FREE"],
            TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
    }

    [Fact]
    public void D6_with_no_section_an_alias_wins_over_a_file_of_the_same_name()
    {
        // tracedrv_load0.so is a real file that would refuse DRV_LOAD; the alias of that name points elsewhere.
        Registry.SetValue("Drivers32", "tracedrv_load0.so", "tracedrv.so");
        var h = Manager.OpenDriver("tracedrv_load0.so", null, 0);
        Assert.False(h.IsNull);
        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void D7_concurrent_first_opens_send_DRV_LOAD_once()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        using var start = new Barrier(8);
        var handles = new HDRVR[8];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            start.SignalAndWait();
            handles[i] = Manager.OpenDriver(path, null, 0);
        });
        Assert.All(handles, h => Assert.False(h.IsNull));
        foreach (var h in handles)
        {
            Manager.CloseDriver(h, 0, 0);
        }

        var names = TraceSink.Records.Select(r => TraceSink.Name(r.Message)).ToList();
        Assert.Equal(1, names.Count(n => n == "LOAD"));
        Assert.Equal(1, names.Count(n => n == "FREE"));
        Assert.Equal(8, names.Count(n => n == "OPEN"));
        Assert.Equal("LOAD", names[0]);
        Assert.Equal("FREE", names[^1]);
    }

    [Fact]
    public void D7_CloseDriver_inside_the_drivers_own_DRV_CLOSE_is_refused_safely()
    {
        var h = Manager.OpenDriver("tracedrv", null, 0);
        nint nested = -1;
        TraceSink.Hook = r =>
        {
            if (r.Message == DRV_CLOSE)
            {
                nested = Manager.CloseDriver(h, 0, 0);
            }
        };
        Assert.Equal(1, Manager.CloseDriver(h, 0, 0));
        Assert.Equal(0, nested);
        Assert.Equal(1, TraceSink.Records.Count(r => r.Message == DRV_FREE));
    }

    [Fact]
    public void D8_the_current_directory_is_never_searched()
    {
        var directory = TestDrivers.CreateTemporaryDirectory();
        File.Copy(TestDrivers.PathOf("tracedrv"), Path.Combine(directory, "cwd_driver.so"));
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = directory;
            using var noDirectories = new DriverManager(new MemoryDriverRegistry());
            Assert.True(noDirectories.OpenDriver("cwd_driver.so", null, 0).IsNull);
            Assert.Equal(DriverFailureReason.FileNotFound, DriverManager.LastError?.Reason);
            Assert.True(Manager.OpenDriver("cwd_driver", null, 0).IsNull);
            Assert.True(Manager.OpenDriver("./cwd_driver.so", null, 0).IsNull);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.Empty(TraceSink.Records);
    }
}
