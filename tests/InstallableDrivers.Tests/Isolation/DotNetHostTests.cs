using System.Runtime.InteropServices;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A .NET driver opened through the isolated loader runs in the .NET host (src/InstallableDrivers.DriverHost): what
/// in process ends the application (ManagedFaultDriver: an exception on a thread of its own, FailFast, Exit, a stack
/// overflow) ends only the host, and the next open works.
/// </summary>
public sealed unsafe class DotNetHostTests : IsolationTest
{
    private static int calls, callbackThread;
    [Fact]
    public void A_NET_driver_runs_in_a_host_process_of_its_own()
    {
        using (var driver = Manager.Open("ManagedTraceDriver.dll"))
        {
            Assert.Equal(42, driver.Send(DRV_USER + 1, 20, 22));
            Assert.Single(HostProcesses.Children());
            Assert.NotEqual(0, driver.ModuleHandle);
        }

        HostProcesses.AssertNoneLeft();
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void DriverCallback_of_a_NET_driver_reaches_the_application_from_a_call_or_a_thread_of_its_own(uint message)
    {
        using var driver = Manager.Open("ManagedTraceDriver.dll");
        calls = 0;
        Assert.Equal(1, driver.Send(DRV_USER + message, (nint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&Notified, (nint)DCB_FUNCTION));
        Assert.Equal(1, calls);
        Assert.Equal(message == 10, callbackThread == Environment.CurrentManagedThreadId);

        using var signal = new ManualResetEvent(false);
        var callback = DriverCallbackEvents.Register(signal);
        try
        {
            Assert.Equal(1, driver.Send(DRV_USER + message, (nint)callback, (nint)DCB_EVENT));
            Assert.True(signal.WaitOne(0));
        }
        finally
        {
            DriverCallbackEvents.Unregister(callback);
        }
    }

    [Fact]
    public void An_exception_on_the_calling_thread_is_the_answer_0_as_in_process()
    {
        using var driver = Manager.Open("ManagedFaultDriver.dll");
        // Driver.Send would throw DriverCrashedException had the host died; it is still the one running.
        Assert.Equal(0, driver.Send(DRV_USER + 1));
        Assert.Equal(0, driver.Send(DRV_USER + 1));
        Assert.Single(HostProcesses.Children());
    }

    [Theory]
    [InlineData(2, "SIGABRT", null)]
    [InlineData(3, "SIGABRT", null)]
    [InlineData(4, null, 42)]
    [InlineData(5, null, null)]
    public void What_ends_the_application_in_process_ends_only_the_host(int message, string? signal, int? exitCode)
    {
        using (var driver = Manager.Open("ManagedFaultDriver.dll"))
        {
            var crash = Assert.Throws<DriverCrashedException>(() => driver.Send(DRV_USER + (uint)message)).Crash;
            Assert.Equal($"DRV_USER+{message}", crash.MessageName);
            if (signal is not null)
            {
                Assert.Equal(signal, crash.SignalName);
            }

            if (exitCode is not null)
            {
                Assert.Equal(exitCode, crash.ExitCode);
            }

            // A stack overflow ends the runtime with a signal or an exit code, depending on where it is caught: either way the host is gone.
            Assert.True(crash.Signal is not null || crash.ExitCode is not null);
        }

        HostProcesses.AssertNoneLeft();
        using var again = Manager.Open("ManagedFaultDriver.dll");
        Assert.Equal(0, again.Send(DRV_USER + 1));
    }

    [UnmanagedCallersOnly]
    private static void Notified(nint device, uint message, nuint user, nuint p1, nuint p2)
    {
        if (device != 0 && message == 0x3C4 && (user, p1, p2) == (4, 5, 6))
        {
            calls++;
            callbackThread = Environment.CurrentManagedThreadId;
        }
    }
}
