using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>The reference sequences of docs/contract.md#sequences, against the C trace driver.</summary>
[Collection(TraceCollection.Name)]
public sealed class NativeContractSequenceTests() : ContractSequenceTests("tracedrv");

/// <summary>The same sequences against the .NET trace driver: the same messages, in the same order, with the same values.</summary>
[Collection(TraceCollection.Name)]
public sealed class ManagedContractSequenceTests() : ContractSequenceTests("ManagedTraceDriver");

/// <summary>The reference sequences of docs/contract.md#sequences, against a trace driver named by its file name without extension.</summary>
public abstract class ContractSequenceTests : IDisposable
{
    private readonly MemoryDriverRegistry registry = new();
    private readonly DriverManager manager;
    private readonly string driver;
    private readonly string driverFile;

    protected ContractSequenceTests(string driver)
    {
        TraceSink.Reset();
        manager = TestDrivers.CreateManager(registry);
        this.driver = driver;
        driverFile = Path.GetFileName(Directory.GetFiles(TestDrivers.Directory, driver + ".*").Single(f => f.EndsWith(".so", StringComparison.Ordinal) || f.EndsWith(".dll", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        manager.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Open_by_file_then_query_configure_custom_message_and_close()
    {
        var h = manager.OpenDriver(driverFile, null, 0);
        Assert.False(h.IsNull);
        manager.SendDriverMessage(h, DRV_QUERYCONFIGURE, 0, 0);
        Assert.Equal(16, manager.SendDriverMessage(h, DRV_USER + 1, 7, 9));
        Assert.Equal(1, manager.CloseDriver(h, 11, 22));

        Assert.Equal(
        [
            "LOAD id=0 l1=0 l2=0",
            "ENABLE id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=0",
            "QUERYCONFIGURE id=100 l1=0 l2=0",
            "USER+1 id=100 l1=7 l2=9",
            "CLOSE id=100 l1=11 l2=22",
            "DISABLE id=0 l1=0 l2=0",
            "FREE id=0 l1=0 l2=0",
        ], TraceSink.Lines);
    }

    [Fact]
    public void Load_enable_and_open_carry_the_new_instance_handle()
    {
        var h = manager.OpenDriver(driverFile, null, 0);
        var records = TraceSink.Records;
        Assert.All(records.Take(3), r => Assert.Equal(h.Value, r.Handle));
        Assert.Equal(100, manager.SendDriverMessage(h, DRV_USER + 3, 0, 0));
        manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void Two_instances_share_the_module_and_close_in_turn()
    {
        var a = manager.OpenDriver(driver, null, 0);
        var b = manager.OpenDriver(driver, null, 0);
        Assert.NotEqual(a, b);
        Assert.NotEqual(0, manager.GetDriverModuleHandle(a));
        Assert.Equal(manager.GetDriverModuleHandle(a), manager.GetDriverModuleHandle(b));
        Assert.Equal(manager.GetDriverModuleHandle(a), manager.DrvGetModuleHandle(b));

        manager.CloseDriver(a, 0, 0);
        manager.CloseDriver(b, 0, 0);

        Assert.Equal(
        [
            "LOAD id=0 l1=0 l2=0",
            "ENABLE id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=0",
            "CLOSE id=100 l1=0 l2=0",
            "CLOSE id=101 l1=0 l2=0",
            "DISABLE id=0 l1=0 l2=0",
            "FREE id=0 l1=0 l2=0",
        ], TraceSink.Lines);
    }

    [Fact]
    public void First_open_with_an_lParam_opens_a_session_instance_that_closes_after_the_last_real_one()
    {
        var h = manager.OpenDriver(driverFile, null, 1234);
        Assert.Equal(101, manager.SendDriverMessage(h, DRV_USER + 3, 0, 0));
        var sessionHandle = TraceSink.Records[2].Handle;
        Assert.NotEqual(h.Value, sessionHandle);

        manager.CloseDriver(h, 5, 6);

        Assert.Equal(
        [
            "LOAD id=0 l1=0 l2=0",
            "ENABLE id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=1234",
            "USER+3 id=101 l1=0 l2=0",
            "CLOSE id=101 l1=5 l2=6",
            "CLOSE id=100 l1=0 l2=0",
            "DISABLE id=0 l1=0 l2=0",
            "FREE id=0 l1=0 l2=0",
        ], TraceSink.Lines);
        Assert.Equal(sessionHandle, TraceSink.Records[6].Handle);
    }

    [Fact]
    public void A_second_open_with_an_lParam_gets_no_session_instance()
    {
        var a = manager.OpenDriver(driverFile, null, 0);
        var b = manager.OpenDriver(driverFile, null, 555);
        manager.CloseDriver(b, 0, 0);
        manager.CloseDriver(a, 0, 0);

        Assert.Equal(
        [
            "LOAD id=0 l1=0 l2=0",
            "ENABLE id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=0",
            "OPEN id=0 l1=0 l2=555",
            "CLOSE id=101 l1=0 l2=0",
            "CLOSE id=100 l1=0 l2=0",
            "DISABLE id=0 l1=0 l2=0",
            "FREE id=0 l1=0 l2=0",
        ], TraceSink.Lines);
    }

    [Fact]
    public void An_alias_passes_its_args_as_a_utf16_string()
    {
        registry.SetValue("Drivers32", "trace.alias", driverFile + "  some args ✓ é");
        var h = manager.OpenDriver("TRACE.ALIAS", null, 0);
        Assert.False(h.IsNull);
        manager.CloseDriver(h, 0, 0);

        var open = Assert.Single(TraceSink.Records, r => r.Message == DRV_OPEN);
        Assert.Equal("some args ✓ é", open.Args);
    }

    [Fact]
    public void An_alias_in_a_named_section_is_looked_up_only_there()
    {
        registry.SetValue("MCI", "tracer", driverFile + " mci args");
        var h = manager.OpenDriver("tracer", "mci", 0);
        Assert.False(h.IsNull);
        manager.CloseDriver(h, 0, 0);
        Assert.Equal("mci args", Assert.Single(TraceSink.Records, r => r.Message == DRV_OPEN).Args);

        // The same name in another section is not found, even though a file could be.
        Assert.True(manager.OpenDriver(driverFile, "mci", 0).IsNull);
        Assert.Equal(DriverFailureReason.AliasNotFound, DriverManager.LastError?.Reason);
    }

    [Fact]
    public void An_alias_that_does_not_exist_and_is_no_file_opens_nothing_and_sends_nothing()
    {
        Assert.True(manager.OpenDriver("no.such.alias", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.FileNotFound, DriverManager.LastError?.Reason);
        Assert.Contains("no.such.alias", DriverManager.LastError!.Message, StringComparison.Ordinal);
        Assert.Empty(TraceSink.Records);
    }

    [Fact]
    public void Null_handles_return_zero()
    {
        Assert.Equal(0, manager.SendDriverMessage(HDRVR.Null, DRV_USER, 1, 2));
        Assert.Equal(0, manager.CloseDriver(HDRVR.Null, 0, 0));
        Assert.Equal(0, manager.GetDriverModuleHandle(HDRVR.Null));
        Assert.Equal(DriverFailureReason.InvalidHandle, DriverManager.LastError?.Reason);
        Assert.Empty(TraceSink.Records);
    }
}
