using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A driver that crashes (null dereference, abort, stack overflow, exit) in each kind of message, run in a host: the
/// application survives, the failure names the signal (or exit code) and the message, and the next open works.
/// </summary>
public sealed class CrashTests : IsolationTest
{
    public static TheoryData<string, string> Faults()
    {
        var data = new TheoryData<string, string>();
        foreach (var fault in new[] { "segv", "abort", "stack", "exit" })
        {
            foreach (var message in new[] { "load", "open", "user", "close", "free" })
            {
                data.Add(fault, message);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_crash_is_contained_reported_and_the_next_open_starts_a_fresh_host(string fault, string message)
    {
        var driver = new CrashingDriver(fault, message);
        var crash = message switch
        {
            "load" or "open" => CrashInOpen(driver.Path),
            "user" => CrashInSend(driver.Path),
            _ => CrashInClose(driver.Path),
        };

        Assert.False(driver.IsArmed);
        Assert.Equal(driver.Path, crash.FilePath);
        Assert.Equal(MessageOf(message), crash.MessageName);
        if (fault == "exit")
        {
            Assert.Equal(3, crash.ExitCode);
            Assert.Null(crash.Signal);
            Assert.Contains($"exited with code 3 during {crash.MessageName}", crash.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(fault == "abort" ? "SIGABRT" : "SIGSEGV", crash.SignalName);
            Assert.Equal($"the driver crashed with {crash.SignalName} during {crash.MessageName}", crash.Reason);
        }

        Assert.Equal([driver.Path], CrashedFiles);
        HostProcesses.AssertNoneLeft();

        // The next open starts a fresh host, which runs normally: the fault was armed once.
        using var again = Manager.Open(driver.Path);
        Assert.Equal(42, again.Send(DRV_USER + 1));
    }

    [Fact]
    public void A_crash_in_the_library_constructor_fails_the_open_and_names_the_load()
    {
        var driver = new CrashingDriver("segv", "ctor");
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open(driver.Path));
        Assert.Equal(DriverFailureReason.Crashed, e.Reason);
        Assert.Null(e.Crash!.Message);
        Assert.Equal("the driver crashed with SIGSEGV while its host loaded the library", e.Crash.Reason);
        Assert.Equal([driver.Path], CrashedFiles);
        HostProcesses.AssertNoneLeft();
        using var again = Manager.Open(driver.Path);
        Assert.Equal(42, again.Send(DRV_USER + 1));
    }

    [Fact]
    public void The_default_loader_gives_lifecycle_messages_10_s_and_other_messages_no_deadline()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), InstallableDrivers.Isolation.IsolatedModuleLoader.Instance.DeadlineOf(DRV_OPEN));
        Assert.Null(InstallableDrivers.Isolation.IsolatedModuleLoader.Instance.DeadlineOf(DRV_USER + 1));
    }

    [Fact]
    public void Later_sends_to_a_dead_instance_return_0_with_the_crash_and_its_close_succeeds()
    {
        var driver = new CrashingDriver("segv", "user");
        var h = Manager.OpenDriver(driver.Path, null, 0);
        var other = Manager.OpenDriver(driver.Path, null, 0);
        Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 1, 0, 0));
        Assert.Equal(DriverFailureReason.Crashed, DriverManager.LastError?.Reason);
        Assert.Equal(0, Manager.SendDriverMessage(other, DRV_USER + 1, 0, 0));
        var failure = DriverManager.LastError!;
        Assert.Equal(DriverFailureReason.Crashed, failure.Reason);
        Assert.Equal("DRV_USER+1", failure.Crash?.MessageName);
        Assert.Contains("crashed with SIGSEGV during DRV_USER+1", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, Manager.CloseDriver(h, 0, 0));
        Assert.Equal(1, Manager.CloseDriver(other, 0, 0));
        HostProcesses.AssertNoneLeft();
    }

    [Fact]
    public void An_open_while_dead_instances_are_still_open_starts_a_fresh_host_and_leaves_them_dead()
    {
        var driver = new CrashingDriver("segv", "user");
        using var dead = Manager.Open(driver.Path);
        Assert.Throws<DriverCrashedException>(() => dead.Send(DRV_USER + 1));

        using var fresh = Manager.Open(driver.Path);
        Assert.Equal(42, fresh.Send(DRV_USER + 1));
        Assert.Throws<DriverCrashedException>(() => dead.Send(DRV_USER + 1));
        dead.Dispose();
        Assert.Equal(42, fresh.Send(DRV_USER + 1));
        Assert.Single(HostProcesses.Children());
    }

    [Fact]
    public void A_crash_on_a_thread_of_the_driver_own_is_reported_with_no_message()
    {
        using var driver = Manager.Open("isolationdrv");
        using var crashed = new ManualResetEventSlim();
        DriverCrash? reported = null;
        Loader.ModuleCrashed += (_, c) =>
        {
            reported = c;
            crashed.Set();
        };
        Assert.Equal(1, driver.Send(DRV_USER + 11));
        Assert.True(crashed.Wait(TimeSpan.FromSeconds(5)), "no crash was reported");
        var crash = reported!;
        Assert.Null(crash.Message);
        Assert.Equal("SIGSEGV", crash.SignalName);
        Assert.Contains("on a thread of its own", crash.Reason, StringComparison.Ordinal);
        Assert.Same(crash, Assert.Throws<DriverCrashedException>(() => driver.Send(DRV_USER + 5)).Crash);
    }

    [Fact]
    public void Other_drivers_in_process_and_isolated_keep_working_through_a_crash()
    {
        using var inProcess = Support.TestDrivers.CreateManager();
        using var local = inProcess.Open("isolationdrv");
        using var isolated = Manager.Open("isolationdrv");
        var driver = new CrashingDriver("abort", "user");
        using var crashing = Manager.Open(driver.Path);

        Assert.Throws<DriverCrashedException>(() => crashing.Send(DRV_USER + 1));
        Assert.Equal(Environment.ProcessId, local.Send(DRV_USER + 5));
        Assert.NotEqual(0, isolated.Send(DRV_USER + 5));
        Assert.Equal(1, isolated.Send(DRV_USER + 9, 1));
    }

    private DriverCrash CrashInOpen(string path)
    {
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open(path));
        Assert.Equal(DriverFailureReason.Crashed, e.Reason);
        Assert.Equal(DriverFailureReason.Crashed, DriverManager.LastError?.Reason);
        return e.Crash!;
    }

    private DriverCrash CrashInSend(string path)
    {
        using var driver = Manager.Open(path);
        var crash = Assert.Throws<DriverCrashedException>(() => driver.Send(DRV_USER + 1)).Crash;
        Assert.Same(crash, DriverManager.LastError?.Crash);
        return crash;
    }

    private DriverCrash CrashInClose(string path)
    {
        var h = Manager.OpenDriver(path, null, 0);
        Assert.False(h.IsNull);
        Assert.Equal(1, Manager.CloseDriver(h, 0, 0));
        Assert.Equal(DriverFailureReason.Crashed, DriverManager.LastError?.Reason);
        return DriverManager.LastError!.Crash!;
    }

    private static string MessageOf(string message) => message switch
    {
        "load" => "DRV_LOAD",
        "open" => "DRV_OPEN",
        "user" => "DRV_USER+1",
        "close" => "DRV_CLOSE",
        _ => "DRV_FREE",
    };
}
