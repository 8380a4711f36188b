namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A driver's export other than DriverProc, called in its host (DriverManager.GetHostExport, the protocol's FIND_EXPORT
/// and CALL_EXPORT): what the wave services build their proxies on.
/// </summary>
public sealed class HostExportTests : IsolationTest
{
    [Fact]
    public void An_export_is_found_once_in_the_host_and_called_there_with_its_arguments()
    {
        using var driver = Manager.Open("hostcalldrv");
        var export = Manager.GetHostExport(driver.Handle, "extMessage");
        Assert.NotNull(export);
        Assert.True(export.TryCall(0, 1, 0, 14, 0, "extMessage(1)", false, out var tripled));
        Assert.Equal(42, tripled);
        Assert.True(export.TryCall(0, 1, 0, 1_000, 0, "extMessage(1)", false, out tripled));
        Assert.Equal(3_000, tripled);
        Assert.Null(export.Crash);
    }

    [Fact]
    public void A_name_the_driver_does_not_export_gives_null_and_says_so()
    {
        using var driver = Manager.Open("hostcalldrv");
        Assert.Null(Manager.GetHostExport(driver.Handle, "noSuchExport"));
        Assert.Equal(DriverFailureReason.NotADriver, DriverManager.LastError?.Reason);
        Assert.Contains("exports no 'noSuchExport'", DriverManager.LastError?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_in_process_has_no_host_export()
    {
        using var manager = Support.TestDrivers.CreateManager();
        using var driver = manager.Open("hostcalldrv");
        Assert.Null(manager.GetHostExport(driver.Handle, "extMessage"));
    }

    [Fact]
    public void A_crash_handler_runs_once_when_the_host_dies_and_at_once_when_it_is_already_dead()
    {
        using var driver = Manager.Open("isolationdrv");
        var export = Manager.GetHostExport(driver.Handle, "DriverProc")!;
        var crashes = new List<DriverCrash>();
        export.OnCrash(crash =>
        {
            lock (crashes)
            {
                crashes.Add(crash);
            }
        });
        Assert.Equal(1, driver.Send(DriverMessages.DRV_USER + 11)); // a thread of the driver's crashes after 50 ms
        SpinWait.SpinUntil(() => export.Crash is not null, TimeSpan.FromSeconds(10));
        SpinWait.SpinUntil(() => crashes.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Same(export.Crash, Assert.Single(crashes));
        DriverCrash? late = null;
        export.OnCrash(crash => late = crash);
        Assert.Same(export.Crash, late);
        Assert.False(export.TryCall(0, 0, 0, 0, 0, "DriverProc", false, out _));
        Assert.Equal(DriverFailureReason.Crashed, DriverManager.LastError?.Reason);
        Assert.Single(crashes);
    }
}
