using System.Runtime.InteropServices;
using InstallableDrivers.Callbacks;
using InstallableDrivers.Dispatch;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>DefDriverProc, DriverCallback, DRVCONFIGINFO, the Driver class and the message observer.</summary>
[Collection(TraceCollection.Name)]
public sealed unsafe class ApiTests
{
    private static int callbackCalls;
    private static int twinCalls;
    private static (nint Device, uint Message, nuint User, nuint P1, nuint P2) lastCallback;

    public ApiTests() => TraceSink.Reset();

    [Fact]
    public void DefDriverProc_answers_1_for_load_free_enable_disable_install_remove_and_0_otherwise()
    {
        uint[] ones = [DRV_LOAD, DRV_FREE, DRV_ENABLE, DRV_DISABLE, DRV_INSTALL, DRV_REMOVE];
        for (uint message = 0; message < DRV_USER + 16; message++)
        {
            var expected = ones.Contains(message) ? 1 : 0;
            Assert.Equal(expected, Drivers.DefDriverProc(7, new HDRVR(9), message, 1, 2));
        }
    }

    [Fact]
    public void DRVCONFIGINFO_is_packed_to_one_byte()
    {
        Assert.Equal(IntPtr.Size == 8 ? 20 : 12, Marshal.SizeOf<DRVCONFIGINFO>());
        Assert.Equal(0, (int)Marshal.OffsetOf<DRVCONFIGINFO>(nameof(DRVCONFIGINFO.dwDCISize)));
        Assert.Equal(4, (int)Marshal.OffsetOf<DRVCONFIGINFO>(nameof(DRVCONFIGINFO.lpszDCISectionName)));
        Assert.Equal(4 + IntPtr.Size, (int)Marshal.OffsetOf<DRVCONFIGINFO>(nameof(DRVCONFIGINFO.lpszDCIAliasName)));
        Assert.Equal(sizeof(DRVCONFIGINFO), Marshal.SizeOf<DRVCONFIGINFO>());
        Assert.Equal(IntPtr.Size == 8 ? 24 : 16, Marshal.SizeOf<DRVCONFIGINFOEX>());
        Assert.Equal(4 + (2 * IntPtr.Size), (int)Marshal.OffsetOf<DRVCONFIGINFOEX>(nameof(DRVCONFIGINFOEX.dnDevNode)));
    }

    [Fact]
    public void DriverCallback_with_DCB_FUNCTION_calls_the_function_with_every_argument()
    {
        var function = (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Callback;
        callbackCalls = 0;
        Assert.True(Drivers.DriverCallback(function, DCB_FUNCTION | DCB_NOSWITCH, new HDRVR(0x55), 0x3C1, 7, 8, 9));
        Assert.Equal(1, callbackCalls);
        Assert.Equal((0x55, 0x3C1u, (nuint)7, (nuint)8, (nuint)9), lastCallback);
    }

    [Fact]
    public void DriverCallback_with_DCB_EVENT_signals_the_registered_event()
    {
        using var signal = new ManualResetEvent(false);
        var callback = DriverCallbackEvents.Register(signal);
        Assert.True(Drivers.DriverCallback(callback, DCB_EVENT, HDRVR.Null, 0, 0, 0, 0));
        Assert.True(signal.WaitOne(0));
        Assert.True(DriverCallbackEvents.Unregister(callback));
        Assert.False(Drivers.DriverCallback(callback, DCB_EVENT, HDRVR.Null, 0, 0, 0, 0));
    }

    [Fact]
    public void DriverCallback_returns_false_for_no_callback_DCB_NULL_and_queues_this_platform_lacks()
    {
        Assert.False(Drivers.DriverCallback(0, DCB_FUNCTION, HDRVR.Null, 0, 0, 0, 0));
        Assert.False(Drivers.DriverCallback(1234, DCB_NULL, HDRVR.Null, 0, 0, 0, 0));
        if (!OperatingSystem.IsWindows())
        {
            Assert.False(Drivers.DriverCallback(1234, DCB_WINDOW, HDRVR.Null, 0, 0, 0, 0));
            Assert.False(Drivers.DriverCallback(1234, DCB_TASK, HDRVR.Null, 0, 0, 0, 0));
        }
    }

    [Fact]
    public void Open_returns_a_Driver_that_knows_what_it_is_and_closes_on_Dispose()
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave9", "tracedrv  rate=8000");
        using var manager = TestDrivers.CreateManager(registry);
        HDRVR handle;
        using (var driver = manager.Open("wave9"))
        {
            handle = driver.Handle;
            Assert.Equal("wave9", driver.Alias);
            Assert.Equal("Drivers32", driver.Section);
            Assert.Equal(TestDrivers.PathOf("tracedrv"), driver.FilePath);
            Assert.Equal("rate=8000", driver.Args);
            Assert.NotEqual(0, driver.ModuleHandle);
            Assert.Equal(30, driver.Send(DRV_USER + 1, 10, 20));
        }

        Assert.Equal(0, manager.SendDriverMessage(handle, DRV_USER + 1, 1, 1));
        Assert.Equal(["LOAD", "ENABLE", "OPEN", "USER+1", "CLOSE", "DISABLE", "FREE"], TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
    }

    [Fact]
    public void A_closed_Driver_refuses_Send_and_closes_only_once()
    {
        using var manager = TestDrivers.CreateManager();
        var driver = manager.Open("tracedrv");
        driver.Close(3, 4);
        driver.Dispose();
        Assert.Throws<ObjectDisposedException>(() => driver.Send(DRV_USER + 1));
        Assert.Single(TraceSink.Records, r => r.Message == DRV_CLOSE && r.LParam1 == 3 && r.LParam2 == 4);
    }

    [Fact]
    public void The_message_observer_sees_every_message_with_its_result()
    {
        var observer = new RecordingObserver();
        using var manager = TestDrivers.CreateManager(observer: observer);
        var h = manager.OpenDriver("tracedrv", null, 0);
        manager.SendDriverMessage(h, DRV_USER + 1, 4, 5);
        manager.CloseDriver(h, 0, 0);

        Assert.Equal(
            ["LOAD 0 1", "ENABLE 0 1", "OPEN 0 100", "USER+1 100 9", "CLOSE 100 1", "DISABLE 0 1", "FREE 0 1"],
            observer.Records.Select(r => $"{TraceSink.Name(r.Message)} {r.DriverId} {r.Result}"));
        Assert.All(observer.Records, r => Assert.Equal(TestDrivers.PathOf("tracedrv"), r.FilePath));
        Assert.Equal(TraceSink.Records.Select(r => r.Handle), observer.Records.Select(r => r.Handle.Value));
    }

    [UnmanagedCallersOnly]
    private static void Callback(nint device, uint message, nuint user, nuint p1, nuint p2)
    {
        callbackCalls++;
        lastCallback = (device, message, user, p1, p2);
    }

    [Fact]
    public void DriverCallback_with_DCB_FUNCTION_calls_the_registered_managed_twin_of_the_address_instead_of_the_address()
    {
        // A real twin is the same code (the wave services' callback); these differ only to show which one ran.
        var function = (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&CallbackWithTwin;
        DriverCallbackDispatcher.RegisterManagedFunction(function, &ManagedTwin);
        callbackCalls = 0;
        twinCalls = 0;
        Assert.True(Drivers.DriverCallback(function, DCB_FUNCTION, new HDRVR(0x66), 0x3C2, 4, 5, 6));
        Assert.Equal((1, 0), (twinCalls, callbackCalls));
        Assert.Equal((0x66, 0x3C2u, (nuint)4, (nuint)5, (nuint)6), lastCallback);

        // Another address is still called through its pointer.
        var other = (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Callback;
        Assert.True(Drivers.DriverCallback(other, DCB_FUNCTION, new HDRVR(0x67), 0x3C3, 7, 8, 9));
        Assert.Equal((1, 1), (twinCalls, callbackCalls));
        Assert.Equal((0x67, 0x3C3u, (nuint)7, (nuint)8, (nuint)9), lastCallback);
    }

    [UnmanagedCallersOnly]
    private static void CallbackWithTwin(nint device, uint message, nuint user, nuint p1, nuint p2) => callbackCalls++;

    private static void ManagedTwin(nint device, uint message, nuint user, nuint p1, nuint p2)
    {
        twinCalls++;
        lastCallback = (device, message, user, p1, p2);
    }

    private sealed class RecordingObserver : IDriverMessageObserver
    {
        public List<DriverMessageRecord> Records { get; } = [];

        public void OnMessage(in DriverMessageRecord record) => Records.Add(record);
    }
}
