using InstallableDrivers.Tests.Cli;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// What in-process hosting contains and what it cannot (docs/managed-drivers.md): a host process, drv, sends a driver
/// the message that makes it fail, and the test watches the process from outside.
/// </summary>
public sealed class InProcessHostingLimitsTests : DrvTest
{
    [Fact]
    public void An_exception_thrown_in_DriverProc_on_the_calling_thread_is_contained_the_message_returns_0_and_the_host_goes_on()
    {
        RegisterFaultDriver();
        var result = Home.Run("trace", "fault", "DRV_USER+1", "DRV_USER+6");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["DRV_LOAD", "DRV_ENABLE", "DRV_OPEN", "DRV_USER+1", "DRV_USER+6", "DRV_CLOSE", "DRV_DISABLE", "DRV_FREE"],
            TraceTable.Column(result.Out, "message"));
        Assert.Equal("0 (0x0)", TraceTable.Rows(result.Out).Single(row => row["message"] == "DRV_USER+1")["result"]);
    }

    [Theory]
    [InlineData("DRV_USER+2", "Unhandled exception. System.InvalidOperationException: thrown on the driver's own thread")]
    [InlineData("DRV_USER+3", "the driver called FailFast")]
    [InlineData("DRV_USER+5", "Stack overflow")]
    public void A_NET_driver_that_throws_on_its_own_thread_fails_fast_or_overflows_its_stack_ends_the_host(string message, string said)
    {
        RegisterFaultDriver();
        var result = Home.Run("send", "fault", message);
        // Killed by SIGABRT (128 + 6): the runtime aborts the process.
        Assert.True(result.ExitCode == 134, result.ToString());
        Assert.Contains(said, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_NET_driver_that_calls_Environment_Exit_ends_the_host_with_its_exit_code()
    {
        RegisterFaultDriver();
        var result = Home.Run("send", "fault", "DRV_USER+4");
        Assert.Equal(42, result.ExitCode);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_native_driver_that_faults_ends_the_host()
    {
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nctl={Home.CopyDriver("ctldrv")}\n");
        var result = Home.Run("send", "ctl", "DRV_USER+2");
        // Killed by SIGSEGV (128 + 11).
        Assert.True(result.ExitCode == 139, result.ToString());
        Assert.Empty(result.Out);
    }

    private void RegisterFaultDriver() =>
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nfault={Path.Combine(TestDrivers.Directory, "ManagedFaultDriver.dll")}\n");
}
