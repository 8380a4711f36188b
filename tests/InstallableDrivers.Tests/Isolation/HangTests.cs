using System.Diagnostics;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A driver that never answers, in each kind of message, with deadlines of 200 ms: its host is killed when the deadline
/// passes, the failure says which message it did not answer and within what time, and the next open works.
/// </summary>
public sealed class HangTests() : IsolationTest(lifecycleDeadline: ShortDeadline, messageDeadline: ShortDeadline)
{
    [Theory]
    [InlineData("load", "DRV_LOAD")]
    [InlineData("open", "DRV_OPEN")]
    [InlineData("user", "DRV_USER+1")]
    [InlineData("close", "DRV_CLOSE")]
    [InlineData("free", "DRV_FREE")]
    public void A_hang_past_its_deadline_kills_the_host_and_is_reported_as_a_crash(string message, string messageName)
    {
        var driver = new CrashingDriver("hang", message);
        var clock = Stopwatch.StartNew();
        DriverCrash crash;
        if (message is "load" or "open")
        {
            var e = Assert.Throws<DriverOpenException>(() => Manager.Open(driver.Path));
            Assert.Equal(DriverFailureReason.Crashed, e.Reason);
            crash = e.Crash!;
        }
        else
        {
            var h = Manager.OpenDriver(driver.Path, null, 0);
            if (message == "user")
            {
                Assert.Equal(0, Manager.SendDriverMessage(h, DRV_USER + 1, 0, 0));
            }

            Assert.Equal(1, Manager.CloseDriver(h, 0, 0));
            crash = DriverManager.LastError!.Crash!;
        }

        Assert.InRange(clock.Elapsed, ShortDeadline, TimeSpan.FromSeconds(5));
        Assert.Equal(messageName, crash.MessageName);
        Assert.Equal(ShortDeadline, crash.Deadline);
        Assert.Null(crash.Signal);
        Assert.Equal($"the driver did not answer {messageName} within 200 ms, and its host was killed", crash.Reason);
        HostProcesses.AssertNoneLeft();

        using var again = Manager.Open(driver.Path);
        Assert.Equal(42, again.Send(DRV_USER + 1));
    }

    [Fact]
    public void A_library_constructor_that_never_returns_fails_the_open_after_the_deadline()
    {
        var driver = new CrashingDriver("hang", "ctor");
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open(driver.Path));
        Assert.Equal(DriverFailureReason.Crashed, e.Reason);
        Assert.Equal(ShortDeadline, e.Crash!.Deadline);
        Assert.Equal("the driver did not finish loading in its host within 200 ms, and its host was killed", e.Crash.Reason);
        HostProcesses.AssertNoneLeft();
        using var again = Manager.Open(driver.Path);
        Assert.Equal(42, again.Send(DRV_USER + 1));
    }

    [Fact]
    public void Without_a_message_deadline_a_slow_message_takes_as_long_as_it_takes()
    {
        using var loose = new LooseDeadlines();
        using var driver = loose.Manager.Open("isolationdrv");
        Assert.Equal(1, driver.Send(DRV_USER + 9, 400));
    }

    /// <summary>Lifecycle messages limited to 200 ms, others not at all (the default for them).</summary>
    private sealed class LooseDeadlines() : IsolationTest(lifecycleDeadline: ShortDeadline)
    {
        public new DriverManager Manager => base.Manager;
    }
}
