using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>A driver opened through the isolated loader runs in a host process of its own, with least privilege.</summary>
public sealed class IsolatedHostTests : IsolationTest
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
        }

        HostProcesses.AssertNoneLeft();
    }
}
