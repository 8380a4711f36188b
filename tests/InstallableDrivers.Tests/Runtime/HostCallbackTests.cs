using System.Runtime.InteropServices;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>A native driver calls back into its host (hostcalldrv.c): the functions resolve against the host library.</summary>
[Collection(TraceCollection.Name)]
public sealed unsafe class HostCallbackTests : TraceDriverTest
{
    private static int callbacks;

    [Fact]
    public void GetDriverModuleHandle_works_from_inside_DRV_LOAD()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        Assert.False(h.IsNull);
        Assert.Equal(Manager.GetDriverModuleHandle(h), Manager.SendDriverMessage(h, DRV_USER + 1, 0, 0));
        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_driver_sends_to_itself_and_opens_another_driver_through_the_host()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        Assert.Equal(41, Manager.SendDriverMessage(h, DRV_USER + 2, 4, 0));
        Assert.Equal(42, Manager.SendDriverMessage(h, DRV_USER + 5, 0, 0));
        Assert.Equal(["LOAD", "ENABLE", "OPEN", "USER+1", "CLOSE", "DISABLE", "FREE"], TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_driver_notifies_its_client_through_DriverCallback()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        callbacks = 0;
        var function = (nint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Notified;
        Assert.Equal(1, Manager.SendDriverMessage(h, DRV_USER + 4, function, 0));
        Assert.Equal(1, callbacks);
        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_driver_closes_itself_through_the_host_and_its_handle_dies()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        Assert.Equal(1, Manager.SendDriverMessage(h, DRV_USER + 6, 0, 0));
        Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 3, 1, 0));
        Assert.Equal(0, Manager.CloseDriver(h, 0, 0));
    }

    [UnmanagedCallersOnly]
    private static void Notified(nint device, uint message, nuint user, nuint p1, nuint p2)
    {
        if (device != 0 && message == 0x3C1 && (user, p1, p2) == (7, 8, 9))
        {
            callbacks++;
        }
    }
}
