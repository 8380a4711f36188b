using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>A module is loaded once per load cycle and really unloaded after DRV_FREE.</summary>
[Collection(TraceCollection.Name)]
public sealed class ModuleUnloadTests : TraceDriverTest
{
    [Fact]
    public void The_library_is_unloaded_after_DRV_FREE_and_its_static_state_starts_fresh()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        for (var cycle = 0; cycle < 3; cycle++)
        {
            var h = Manager.OpenDriver(path, null, 0);
            Assert.True(TestDrivers.IsMapped(path));
            // The driver counts DRV_LOADs in a static: a library that stayed mapped would say 2, then 3.
            Assert.Equal(1, Manager.SendDriverMessage(h, DRV_USER + 2, 0, 0));
            Manager.CloseDriver(h, 0, 0);
            Assert.False(TestDrivers.IsMapped(path));
        }
    }

    [Fact]
    public void The_library_stays_loaded_while_any_instance_is_open()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var a = Manager.OpenDriver(path, null, 0);
        var b = Manager.OpenDriver(path, null, 0);
        Manager.CloseDriver(a, 0, 0);
        Assert.True(TestDrivers.IsMapped(path));
        Assert.Equal(1, Manager.SendDriverMessage(b, DRV_USER + 2, 0, 0));
        Manager.CloseDriver(b, 0, 0);
        Assert.False(TestDrivers.IsMapped(path));
    }

    [Fact]
    public void Dispose_closes_what_is_open_most_recent_first_and_frees_each_module()
    {
        var a = Manager.OpenDriver("tracedrv", null, 0);
        var b = Manager.OpenDriver("tracedrv", null, 0);
        var c = Manager.OpenDriver("tracedrv_load2", null, 0);
        Manager.Dispose();

        Assert.Equal(0, Manager.SendDriverMessage(a, DRV_USER + 1, 1, 1));
        // What Dispose sent: everything after the last DRV_OPEN of the three opens.
        var records = TraceSink.Records;
        var disposal = records.Skip(records.FindLastIndex(r => r.Message == DRV_OPEN) + 1).Select(r => $"{TraceSink.Name(r.Message)} {r.DriverId}");
        Assert.Equal(["CLOSE 100", "DISABLE 0", "FREE 0", "CLOSE 101", "CLOSE 100", "DISABLE 0", "FREE 0"], disposal);
        Assert.NotEqual(a, b);
        Assert.NotEqual(b, c);
    }

    [NotOnWindowsFact]
    public void A_driver_file_deleted_while_loaded_still_opens_more_instances_and_is_not_found_after_its_unload()
    {
        // Windows refuses to delete a loaded DLL; Linux and macOS unlink it and keep the mapping.
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var first = Manager.OpenDriver(path, null, 0);
        Assert.False(first.IsNull);
        File.Delete(path);

        var second = Manager.OpenDriver(path, null, 0);
        Assert.False(second.IsNull);
        Assert.Equal(Manager.GetDriverModuleHandle(first), Manager.GetDriverModuleHandle(second));
        Manager.CloseDriver(first, 0, 0);
        Manager.CloseDriver(second, 0, 0);

        Assert.True(Manager.OpenDriver(path, null, 0).IsNull);
        Assert.Equal(DriverFailureReason.FileNotFound, DriverManager.LastError?.Reason);
    }
}
