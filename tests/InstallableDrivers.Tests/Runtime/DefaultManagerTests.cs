using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>The static Win32-shaped functions over the default manager: the default registry file and its drivers folder.</summary>
[Collection(TraceCollection.Name)]
public sealed class DefaultManagerTests
{
    [Fact]
    public void Drivers_functions_use_the_registry_named_by_the_environment_and_the_drivers_folder_beside_it()
    {
        TraceSink.Reset();
        var home = TestDrivers.CreateTemporaryDirectory();
        var registryPath = Path.Combine(home, "system.ini");
        Environment.SetEnvironmentVariable(DriverRegistryLocation.EnvironmentVariable, registryPath);
        var drivers = DriverRegistryLocation.DefaultDriverDirectory(registryPath);
        Directory.CreateDirectory(drivers);
        File.Copy(TestDrivers.PathOf("tracedrv"), Path.Combine(drivers, "tracedrv.so"));
        new IniDriverRegistry(registryPath).SetValue("Drivers32", "default.trace", "tracedrv args");

        Assert.Equal(registryPath, ((IniDriverRegistry)DriverManager.Default.Registry).FilePath);
        var h = Drivers.OpenDriver("default.trace", null, 0);
        Assert.False(h.IsNull);
        Assert.Equal(9, Drivers.SendDriverMessage(h, DRV_USER + 1, 4, 5));
        Assert.NotEqual(0, Drivers.GetDriverModuleHandle(h));
        Assert.Equal(Drivers.GetDriverModuleHandle(h), Drivers.DrvGetModuleHandle(h));
        Assert.Equal(1, Drivers.CloseDriver(h, 0, 0));
        Assert.Equal(0, Drivers.CloseDriver(h, 0, 0));
        Assert.Equal("args", Assert.Single(TraceSink.Records, r => r.Message == DRV_OPEN).Args);
    }

    [Fact]
    public void Drivers_functions_reach_the_manager_that_issued_a_handle_and_finding_it_allocates_nothing()
    {
        using var manager = TestDrivers.CreateManager();
        // crashdrv under its plain name never faults and answers DRV_USER + 1 with 42, allocating nothing.
        using var driver = manager.Open("crashdrv");
        Assert.Equal(42, Drivers.SendDriverMessage(driver.Handle, DRV_USER + 1, 0, 0));
        Assert.Equal(manager.GetDriverModuleHandle(driver.Handle), Drivers.GetDriverModuleHandle(driver.Handle));

        Assert.Equal(0, AllocatedBy(() => manager.SendDriverMessage(driver.Handle, DRV_USER + 1, 0, 0)));
        Assert.Equal(0, AllocatedBy(() => Drivers.SendDriverMessage(driver.Handle, DRV_USER + 1, 0, 0)));
    }

    private static long AllocatedBy(Action send)
    {
        send();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            send();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
