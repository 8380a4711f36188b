using FsCheck;
using FsCheck.Fluent;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>Only live handles reach a driver: null, closed, stale and forged values return 0 and call nothing.</summary>
[Collection(TraceCollection.Name)]
public sealed class HandleValidationTests : TraceDriverTest
{
    [Fact]
    public void A_closed_handle_is_invalid_for_every_call()
    {
        var keepLoaded = Manager.OpenDriver("tracedrv", null, 0);
        var h = Manager.OpenDriver("tracedrv", null, 0);
        Manager.CloseDriver(h, 0, 0);
        var before = TraceSink.Records.Count;

        Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 1, 1, 1));
        Assert.Equal(0, Manager.CloseDriver(h, 0, 0));
        Assert.Equal(0, Manager.GetDriverModuleHandle(h));
        Assert.Equal(DriverFailureReason.InvalidHandle, DriverManager.LastError?.Reason);
        Assert.Equal(before, TraceSink.Records.Count);
        Manager.CloseDriver(keepLoaded, 0, 0);
    }

    [Fact]
    public void A_stale_handle_stays_invalid_after_its_slot_is_reused()
    {
        var keepLoaded = Manager.OpenDriver("tracedrv", null, 0);
        var stale = new List<HDRVR>();
        for (var i = 0; i < 50; i++)
        {
            var h = Manager.OpenDriver("tracedrv", null, 0);
            stale.Add(h);
            Manager.CloseDriver(h, 0, 0);
        }

        var live = Manager.OpenDriver("tracedrv", null, 0);
        var before = TraceSink.Records.Count;
        Assert.All(stale, h => Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 1, 1, 1)));
        Assert.Equal(before, TraceSink.Records.Count);
        Assert.Equal(4, Manager.SendDriverMessage(live, DRV_USER + 1, 2, 2));
        Assert.Equal(50, stale.Distinct().Count());
        Manager.CloseDriver(live, 0, 0);
        Manager.CloseDriver(keepLoaded, 0, 0);
    }

    [Fact]
    public void Forged_handle_values_never_reach_a_driver()
    {
        var live = Manager.OpenDriver("tracedrv", null, 0);
        var before = TraceSink.Records.Count;
        Prop.ForAll<long>(value =>
        {
            var forged = new HDRVR((nint)value);
            return forged == live || Manager.SendDriverMessage(forged, DRV_USER + 1, 1, 1) == 0;
        }).QuickCheckThrowOnFailure();

        // Neighbours of the live value: same slot with another generation, other slots with the same generation.
        for (var delta = 1; delta < 4096; delta++)
        {
            Assert.Equal(0, Manager.SendDriverMessage(new HDRVR(live.Value + delta), DRV_USER + 1, 1, 1));
            Assert.Equal(0, Manager.SendDriverMessage(new HDRVR(live.Value - delta), DRV_USER + 1, 1, 1));
            Assert.Equal(0, Manager.SendDriverMessage(new HDRVR(live.Value ^ ((nint)delta << 24)), DRV_USER + 1, 1, 1));
        }

        Assert.Equal(before, TraceSink.Records.Count);
        Manager.CloseDriver(live, 0, 0);
    }

    [Fact]
    public void Handles_of_one_manager_are_invalid_in_another()
    {
        using var other = TestDrivers.CreateManager();
        var h = Manager.OpenDriver("tracedrv", null, 0);
        Assert.Equal(0, other.SendDriverMessage(h, DRV_USER + 1, 1, 1));
        Assert.Equal(0, other.CloseDriver(h, 0, 0));
        Assert.Equal(2, Manager.SendDriverMessage(h, DRV_USER + 1, 1, 1));
        Manager.CloseDriver(h, 0, 0);
    }
}
