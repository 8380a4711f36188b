using System.Runtime.InteropServices;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A driver in a host calls back into the application as it would in process (hostcalldrv.c, isolationdrv.c):
/// OpenDriver, SendDriverMessage, CloseDriver and GetDriverModuleHandle from inside its messages, DriverCallback to a
/// function or an event, from inside a message or from a thread of its own.
/// </summary>
public sealed unsafe class CallbackTests : IsolationTest
{
    private const int NestingDepth = 12;

    private static int calls, callbackThread, depth;
    private static (uint Message, nuint User, nuint P1, nuint P2) lastCallback;
    private static DriverManager? nestingManager;

    [Fact]
    public void GetDriverModuleHandle_answers_from_inside_DRV_LOAD()
    {
        using var driver = Manager.Open("hostcalldrv");
        Assert.NotEqual(0, driver.ModuleHandle);
        Assert.Equal(driver.ModuleHandle, driver.Send(DRV_USER + 1));
    }

    [Fact]
    public void A_driver_sends_to_itself_and_opens_another_driver_from_inside_a_message()
    {
        using var driver = Manager.Open("hostcalldrv");
        Assert.Equal(41, driver.Send(DRV_USER + 2, 4));
        Assert.Equal(42, driver.Send(DRV_USER + 5));
    }

    [Fact]
    public void A_driver_closes_its_own_instance_from_inside_a_message()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        Assert.Equal(1, Manager.SendDriverMessage(h, DRV_USER + 6, 0, 0));
        Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 3, 1, 0));
        Assert.Equal(0, Manager.CloseDriver(h, 0, 0));
        HostProcesses.AssertNoneLeft();
    }

    [Fact]
    public void DriverCallback_to_a_function_runs_in_the_application_on_the_thread_that_sent_the_message()
    {
        using var driver = Manager.Open("hostcalldrv");
        Reset();
        Assert.Equal(1, driver.Send(DRV_USER + 4, (nint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Notified));
        Assert.Equal(1, calls);
        Assert.Equal(Environment.CurrentManagedThreadId, callbackThread);
        Assert.Equal((0x3C1u, (nuint)7, (nuint)8, (nuint)9), lastCallback);
    }

    [Fact]
    public void DriverCallback_to_an_event_sets_the_application_event()
    {
        using var driver = Manager.Open("isolationdrv");
        using var signal = new ManualResetEvent(false);
        var callback = DriverCallbackEvents.Register(signal);
        try
        {
            Assert.Equal(1, driver.Send(DRV_USER + 3, (nint)callback, (nint)DCB_EVENT));
            Assert.True(signal.WaitOne(0));
        }
        finally
        {
            DriverCallbackEvents.Unregister(callback);
        }
    }

    [Fact]
    public void DriverCallback_from_a_thread_of_the_driver_own_reaches_the_application()
    {
        using var driver = Manager.Open("isolationdrv");
        Reset();
        Assert.Equal(1, driver.Send(DRV_USER + 2, (nint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Notified, (nint)DCB_FUNCTION));
        Assert.Equal(1, calls);
        Assert.NotEqual(Environment.CurrentManagedThreadId, callbackThread);
        Assert.Equal((0x3C2u, (nuint)11, (nuint)22, (nuint)33), lastCallback);

        using var signal = new ManualResetEvent(false);
        var callback = DriverCallbackEvents.Register(signal);
        try
        {
            Assert.Equal(1, driver.Send(DRV_USER + 2, (nint)callback, (nint)DCB_EVENT));
            Assert.True(signal.WaitOne(0));
        }
        finally
        {
            DriverCallbackEvents.Unregister(callback);
        }
    }

    [Fact]
    public void A_driver_thread_closes_the_last_instance_and_the_host_ends()
    {
        // The pump serves the close, which sends DRV_CLOSE, DRV_DISABLE and DRV_FREE over other slots and then ends the
        // host, whose thread still waits for the pump's answer: nothing may wait for anything else here.
        var h = Manager.OpenDriver("isolationdrv", null, 0);
        Assert.Equal(1, Manager.SendDriverMessage(h, DRV_USER + 12, 0, 0));
        for (var waited = 0; HostProcesses.Children().Count != 0 && waited < 200; waited++)
        {
            Thread.Sleep(10);
        }

        HostProcesses.AssertNoneLeft();
        Assert.Equal(0, Manager.CloseDriver(h, 0, 0));
        Assert.Equal(DriverFailureReason.InvalidHandle, DriverManager.LastError?.Reason);
    }

    [Fact]
    public void Callbacks_nest_into_the_driver_again_as_deep_as_they_go()
    {
        // Each callback sends the driver the message that calls it back: every level waits in the host for the
        // application, which serves the callback on the same thread and sends again over another slot.
        using var driver = Manager.Open("isolationdrv");
        nestingManager = Manager;
        depth = 0;
        Assert.Equal(1, driver.Send(DRV_USER + 3, (nint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Nest, (nint)DCB_FUNCTION));
        Assert.Equal(NestingDepth, depth);
    }

    private static void Reset()
    {
        calls = 0;
        callbackThread = 0;
        lastCallback = default;
    }

    [UnmanagedCallersOnly]
    private static void Notified(nint device, uint message, nuint user, nuint p1, nuint p2)
    {
        if (device != 0)
        {
            calls++;
            callbackThread = Environment.CurrentManagedThreadId;
            lastCallback = (message, user, p1, p2);
        }
    }

    [UnmanagedCallersOnly]
    private static void Nest(nint device, uint message, nuint user, nuint p1, nuint p2)
    {
        if (++depth < NestingDepth)
        {
            nestingManager!.SendDriverMessage(new HDRVR(device), DRV_USER + 3, (nint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Nest, (nint)DCB_FUNCTION);
        }
    }
}
