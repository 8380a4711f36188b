using InstallableDrivers.Isolation;
using System.Runtime.InteropServices;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>A driver opened through the isolated loader runs in a host process of its own, with least privilege, behind the same API.</summary>
public sealed unsafe class IsolatedHostTests : IsolationTest
{
    [Fact]
    public void A_driver_runs_in_another_process_started_at_its_first_open_and_ended_after_DRV_FREE()
    {
        using (var driver = Manager.Open("isolationdrv"))
        {
            var pid = driver.Send(DRV_USER + 5);
            Assert.NotEqual(Environment.ProcessId, (int)pid);
            Assert.Equal([(int)pid], HostProcesses.Children());
            using var second = Manager.Open("isolationdrv");
            Assert.Equal(pid, second.Send(DRV_USER + 5));
            Assert.NotEqual(0, driver.ModuleHandle);
            Assert.Equal(driver.ModuleHandle, second.ModuleHandle);
        }

        HostProcesses.AssertNoneLeft();
    }

    [Fact]
    public void Managers_of_one_process_share_one_host_per_driver_file()
    {
        using var other = CreateManager(Loader);
        using var a = Manager.Open("isolationdrv");
        using var b = other.Open("isolationdrv");
        Assert.Equal(a.Send(DRV_USER + 5), b.Send(DRV_USER + 5));
        Assert.Single(HostProcesses.Children());
    }

    [Fact]
    public void The_host_starts_with_an_empty_environment_and_only_the_standard_descriptors_and_its_watch_on_the_application()
    {
        using var manager = CreateManager(new IsolatedModuleLoader(environment: []));
        using var driver = manager.Open("isolationdrv");
        Assert.NotEmpty(Environment.GetEnvironmentVariables().Keys);
        Assert.Equal(0, driver.Send(DRV_USER + 6));
        // Standard input and output (/dev/null), standard error, and the pidfd the host watches the application through;
        // the arena's descriptor is closed once mapped.
        Assert.Equal(4, driver.Send(DRV_USER + 7));
    }

    [Fact]
    public void The_host_receives_only_the_variables_its_loader_lists_that_are_set()
    {
        NativeEnvironment.Set("IDRV_TEST_PASSED", "yes");
        NativeEnvironment.Set("IDRV_TEST_HIDDEN", "no");
        using var manager = CreateManager(new IsolatedModuleLoader(environment: ["IDRV_TEST_PASSED", "IDRV_TEST_UNSET"]));
        using var driver = manager.Open("isolationdrv");
        Assert.Equal(1, driver.Send(DRV_USER + 6));
    }

    [Fact]
    public void The_args_string_and_a_configuration_block_are_copied_into_the_host()
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "iso.args", "isolationdrv  seven c");
        using var manager = CreateManager(Loader, registry);
        using var driver = manager.Open("iso.args");
        Assert.Equal(100 + "seven c".Length, driver.Send(DRV_USER + 10));

        var section = Marshal.StringToHGlobalUni("Drivers32");
        var alias = Marshal.StringToHGlobalUni("iso.args");
        try
        {
            var info = new DRVCONFIGINFO { dwDCISize = (uint)sizeof(DRVCONFIGINFO), lpszDCISectionName = section, lpszDCIAliasName = alias };
            Assert.Equal("Drivers32".Length + 1000 * "iso.args".Length, driver.Send(DRV_CONFIGURE, 0, (nint)(&info)));
        }
        finally
        {
            Marshal.FreeHGlobal(section);
            Marshal.FreeHGlobal(alias);
        }
    }

    [Fact]
    public void A_shared_buffer_is_read_and_written_by_the_driver_in_its_host()
        => ExchangeThroughSharedBuffer(Manager, expectShared: true);

    [Fact]
    public void A_shared_buffer_of_a_driver_in_process_is_this_process_memory()
    {
        using var manager = TestDrivers.CreateManager();
        ExchangeThroughSharedBuffer(manager, expectShared: false);
    }

    [Fact]
    public void A_pointer_into_the_arena_reaches_the_driver_and_one_outside_faults_in_the_host_only()
    {
        using var driver = Manager.Open("isolationdrv");
        using (var buffer = driver.AllocateSharedBuffer(sizeof(int)))
        {
            MemoryMarshal.Write(buffer.Span, 1234);
            Assert.Equal(1234, driver.Send(DRV_USER + 8, buffer.Address));
        }

        var crash = Assert.Throws<DriverCrashedException>(() => driver.Send(DRV_USER + 8, 0x10)).Crash;
        Assert.Equal("SIGSEGV", crash.SignalName);
        Assert.Equal("DRV_USER+8", crash.MessageName);
    }

    [Fact]
    public void GetEntryPoint_of_an_isolated_driver_gives_no_address_and_the_failure_says_so()
    {
        using var driver = Manager.Open("hostcalldrv");
        Assert.Null(Manager.GetEntryPoint<IExtMessage>(driver.Handle, "extMessage"));
        Assert.Equal(DriverFailureReason.NotADriver, DriverManager.LastError?.Reason);
        Assert.Contains("runs in a host process", DriverManager.LastError?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_the_host_cannot_load_fails_to_open_with_the_linker_reason()
    {
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open("unresolveddrv"));
        Assert.Equal(DriverFailureReason.NotADriver, e.Reason);
        Assert.Contains("undefined symbol", e.Message, StringComparison.Ordinal);
        HostProcesses.AssertNoneLeft();
    }

    [Fact]
    public void A_missing_host_program_fails_the_open_with_a_reason_that_names_it()
    {
        var missing = Path.Combine(TestDrivers.CreateTemporaryDirectory(), "no-such-host");
        using var manager = CreateManager(new InstallableDrivers.Isolation.IsolatedModuleLoader(hostPath: missing));
        Assert.True(manager.OpenDriver("isolationdrv", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.NotADriver, DriverManager.LastError?.Reason);
        Assert.Contains("could not be started: No such file or directory", DriverManager.LastError?.Message, StringComparison.Ordinal);
        Assert.Contains(missing, DriverManager.LastError?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_with_a_session_instance_after_a_crash_leaves_no_handle_behind()
    {
        var driver = new CrashingDriver("segv", "user");
        var h = Manager.OpenDriver(driver.Path, null, 77);
        Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 1, 0, 0));
        using var fresh = Manager.Open(driver.Path);
        Assert.Equal(42, fresh.Send(DRV_USER + 1));
        Assert.Equal(1, Manager.CloseDriver(h, 0, 0));
        Assert.Equal(42, fresh.Send(DRV_USER + 1));
        Assert.Equal([fresh.Handle.Value], Manager.Handles.Snapshot().Select(i => i.Handle));
    }

    /// <summary>What a .NET driver would implement in place of hostcalldrv's extMessage export.</summary>
    public interface IExtMessage
    {
        uint ExtMessage(uint message, nuint parameter);
    }

    private static void ExchangeThroughSharedBuffer(DriverManager manager, bool expectShared)
    {
        using var driver = manager.Open("isolationdrv");
        using var buffer = driver.AllocateSharedBuffer(300);
        Assert.Equal(expectShared, buffer.IsShared);
        Assert.All(buffer.Span.ToArray(), b => Assert.Equal(0, b));
        buffer.Span.Fill(2);
        Assert.Equal(600, driver.Send(DRV_USER + 4, buffer.Address, buffer.Length));
        for (var i = 0; i < buffer.Length; i++)
        {
            Assert.Equal((byte)(i * 7), buffer.Span[i]);
        }
    }
}
