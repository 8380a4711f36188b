using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// Entry points besides DriverProc (a wave driver's wodMessage): found by name in the driver's file, or as an interface
/// of a .NET driver, and called inside a scope with DriverProc's protection (hostcalldrv.c exports extMessage).
/// </summary>
[Collection(TraceCollection.Name)]
public sealed unsafe class EntryPointTests : TraceDriverTest
{
    [Fact]
    public void A_native_export_is_found_by_name_and_called_inside_its_scope()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        var entry = Manager.GetEntryPoint<IDriverProc>(h, "extMessage");
        Assert.NotNull(entry);
        Assert.Null(entry.Target);
        Assert.Equal(h, entry.Handle);
        using (var call = entry.Enter())
        {
            Assert.True(call.IsOpen);
            Assert.Equal(21u, Call(entry.Address, 1, 7));
        }

        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_missing_export_or_interface_gives_null_and_says_why()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        Assert.Null(Manager.GetEntryPoint<IDriverProc>(h, "wodMessage"));
        Assert.Equal(DriverFailureReason.NotADriver, DriverManager.LastError?.Reason);
        Assert.Contains("wodMessage", DriverManager.LastError?.Message, StringComparison.Ordinal);
        Manager.CloseDriver(h, 0, 0);
        Assert.Null(Manager.GetEntryPoint<IDriverProc>(h, "extMessage"));
        Assert.Equal(DriverFailureReason.InvalidHandle, DriverManager.LastError?.Reason);
    }

    [Fact]
    public void A_dotnet_driver_offers_its_driver_object_as_the_interface_asked_for()
    {
        var h = Manager.OpenDriver("ManagedTraceDriver.dll", null, 0);
        Assert.False(h.IsNull, DriverManager.LastError?.Message);
        var entry = Manager.GetEntryPoint<IDriverProc>(h, "wodMessage");
        Assert.NotNull(entry);
        Assert.Equal(0, entry.Address);
        Assert.NotNull(entry.Target);
        Assert.Null(Manager.GetEntryPoint<IAsyncDisposable>(h, "wodMessage"));
        Assert.Contains(nameof(IAsyncDisposable), DriverManager.LastError?.Message, StringComparison.Ordinal);
        Manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_scope_entered_after_the_instance_closed_says_it_may_not_call()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        var entry = Manager.GetEntryPoint<IDriverProc>(h, "extMessage")!;
        Manager.CloseDriver(h, 0, 0);
        using var call = entry.Enter();
        Assert.False(call.IsOpen);
    }

    [Fact]
    public void A_close_waits_for_a_call_inside_an_entry_point_scope_on_another_thread()
    {
        var h = Manager.OpenDriver("hostcalldrv", null, 0);
        var entry = Manager.GetEntryPoint<IDriverProc>(h, "extMessage")!;
        using var entered = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var caller = new Thread(() =>
        {
            using var call = entry.Enter();
            entered.Set();
            leave.Wait();
        });
        caller.Start();
        entered.Wait();

        nint closed = 0;
        using var returned = new ManualResetEventSlim();
        var closer = new Thread(() =>
        {
            closed = Manager.CloseDriver(h, 0, 0);
            returned.Set();
        });
        closer.Start();
        Assert.False(returned.Wait(300), "CloseDriver returned while another thread was inside the driver's code");
        leave.Set();
        Assert.True(returned.Wait(10_000));
        Assert.Equal(1, closed);
        caller.Join();
        closer.Join();
    }

    [Fact]
    public void A_call_the_driver_makes_back_into_the_host_goes_to_the_manager_whose_entry_point_called_it()
    {
        // Both managers run the same loaded file; only one has the alias the driver opens from inside extMessage.
        var withAlias = new MemoryDriverRegistry();
        withAlias.SetValue("Drivers32", "probe", "tracedrv");
        using var knowsProbe = TestDrivers.CreateManager(withAlias);
        using var doesNot = TestDrivers.CreateManager();
        var a = knowsProbe.OpenDriver("hostcalldrv", null, 0);
        var b = doesNot.OpenDriver("hostcalldrv", null, 0);
        Assert.Equal(knowsProbe.GetDriverModuleHandle(a), doesNot.GetDriverModuleHandle(b));

        Assert.Equal(unchecked((uint)-1), CallThrough(doesNot, b, 2));
        Assert.Equal(42u, CallThrough(knowsProbe, a, 2));
        Assert.Equal(unchecked((uint)-1), CallThrough(doesNot, b, 2));
        doesNot.CloseDriver(b, 0, 0);
        knowsProbe.CloseDriver(a, 0, 0);
    }

    private static uint CallThrough(DriverManager manager, HDRVR h, uint message)
    {
        var entry = manager.GetEntryPoint<IDriverProc>(h, "extMessage")!;
        using var call = entry.Enter();
        Assert.True(call.IsOpen);
        return Call(entry.Address, message, 0);
    }

    private static uint Call(nint address, uint message, nuint param1)
        => ((delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)address)(0, message, 0, param1, 0);
}
