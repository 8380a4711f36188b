using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>A driver may call the host from inside its own DriverProc (D7): no deadlock, no use-after-free.</summary>
[Collection(TraceCollection.Name)]
public sealed class ReentrancyTests : TraceDriverTest
{
    [Fact]
    public void A_driver_may_send_to_itself_from_inside_a_message()
    {
        var h = Manager.OpenDriver("tracedrv", null, 0);
        nint nested = 0;
        TraceSink.Hook = r =>
        {
            if (r.Message == DRV_USER + 1 && r.LParam1 == 1)
            {
                nested = Manager.SendDriverMessage(h, DRV_USER + 1, 20, 3);
            }
        };
        Assert.Equal(3, Manager.SendDriverMessage(h, DRV_USER + 1, 1, 2));
        Assert.Equal(23, nested);
        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_driver_may_open_and_close_another_instance_of_itself_from_inside_DRV_OPEN()
    {
        HDRVR inner = default;
        TraceSink.Hook = r =>
        {
            if (r.Message == DRV_OPEN && inner.IsNull)
            {
                inner = new HDRVR(-1);
                inner = Manager.OpenDriver("tracedrv", null, 0);
            }
        };
        var outer = Manager.OpenDriver("tracedrv", null, 0);
        TraceSink.Hook = null;
        Assert.False(outer.IsNull);
        Assert.False(inner.IsNull);
        Assert.NotEqual(outer, inner);
        Manager.CloseDriver(inner, 0, 0);
        Manager.CloseDriver(outer, 0, 0);
        Assert.Equal(1, TraceSink.Records.Count(r => r.Message == DRV_LOAD));
        Assert.Equal(1, TraceSink.Records.Count(r => r.Message == DRV_FREE));
    }

    [Fact]
    public void Opening_the_module_from_inside_its_own_DRV_LOAD_is_refused_and_the_outer_open_succeeds()
    {
        HDRVR inner = new(-1);
        DriverFailure? innerError = null;
        TraceSink.Hook = r =>
        {
            if (r.Message == DRV_LOAD)
            {
                inner = Manager.OpenDriver("tracedrv", null, 0);
                innerError = DriverManager.LastError;
            }
        };
        var outer = Manager.OpenDriver("tracedrv", null, 0);
        Assert.False(outer.IsNull);
        Assert.True(inner.IsNull);
        Assert.Equal(DriverFailureReason.ReentrantLoad, innerError?.Reason);
        Assert.Equal(1, TraceSink.Records.Count(r => r.Message == DRV_LOAD));
        Manager.CloseDriver(outer, 0, 0);
    }

    [Fact]
    public void A_driver_may_close_its_own_last_instance_from_inside_a_message_and_is_unloaded_after_it_returns()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var h = Manager.OpenDriver(path, null, 0);
        nint closed = 0;
        bool mappedInside = false;
        TraceSink.Hook = r =>
        {
            if (r.Message == DRV_USER + 1)
            {
                closed = Manager.CloseDriver(h, 0, 0);
                // DRV_FREE has been sent, but this thread is still inside the module's code: it must stay mapped.
                mappedInside = TestDrivers.IsMapped(path);
            }
        };
        Assert.Equal(5, Manager.SendDriverMessage(h, DRV_USER + 1, 2, 3));
        Assert.Equal(1, closed);
        Assert.True(mappedInside);
        Assert.False(TestDrivers.IsMapped(path));
        Assert.Equal(["LOAD", "ENABLE", "OPEN", "USER+1", "CLOSE", "DISABLE", "FREE"], TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
        Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 1, 2, 3));
    }

    [Fact]
    public void Messages_nested_deeper_than_a_frame_block_leave_no_frame_behind_for_a_closer_to_wait_on()
    {
        var h = Manager.OpenDriver("tracedrv", null, 0);
        NestSends(h, then: null);
        // 40 levels: the thread's frames move to a larger block twice (past 16, then 32) while outer calls are running,
        // and those calls pop from the block they were pushed into.
        Assert.Equal(40, Manager.SendDriverMessage(h, DRV_USER + 1, 40, 0));
        TraceSink.Hook = null;

        // A frame left behind in the thread's current block would keep a closer on another thread waiting forever.
        nint closed = 0;
        var closer = new Thread(() => closed = Manager.CloseDriver(h, 0, 0));
        closer.Start();
        Assert.True(closer.Join(TimeSpan.FromSeconds(30)), "CloseDriver on another thread is waiting for a frame that was popped");
        Assert.Equal(1, closed);
    }

    [Fact]
    public void A_driver_that_closes_its_last_instance_deep_inside_nested_messages_is_unloaded_when_the_outermost_returns()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");
        var h = Manager.OpenDriver(path, null, 0);
        var mappedInside = false;
        NestSends(h, then: () =>
        {
            Manager.CloseDriver(h, 0, 0);
            mappedInside = TestDrivers.IsMapped(path);
        });
        Manager.SendDriverMessage(h, DRV_USER + 1, 40, 0);
        TraceSink.Hook = null;
        Assert.True(mappedInside);
        Assert.False(TestDrivers.IsMapped(path));
    }

    /// <summary>Makes DRV_USER + 1 with lParam1 n send DRV_USER + 1 with n - 1 from inside, and run <paramref name="then"/> at 0.</summary>
    private void NestSends(HDRVR h, Action? then) => TraceSink.Hook = r =>
    {
        if (r.Message == DRV_USER + 1 && r.LParam1 > 0)
        {
            Manager.SendDriverMessage(h, DRV_USER + 1, r.LParam1 - 1, 0);
        }
        else if (r.Message == DRV_USER + 1)
        {
            then?.Invoke();
        }
    };

    [Fact]
    public void A_driver_may_close_another_instance_from_inside_DRV_CLOSE()
    {
        var a = Manager.OpenDriver("tracedrv", null, 0);
        var b = Manager.OpenDriver("tracedrv", null, 0);
        nint nested = 0;
        TraceSink.Hook = r =>
        {
            if (r.Message == DRV_CLOSE && r.DriverId == 100)
            {
                nested = Manager.CloseDriver(b, 0, 0);
            }
        };
        Assert.Equal(1, Manager.CloseDriver(a, 0, 0));
        Assert.Equal(1, nested);
        Assert.Equal(["LOAD", "ENABLE", "OPEN", "OPEN", "CLOSE", "CLOSE", "DISABLE", "FREE"], TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
    }
}
