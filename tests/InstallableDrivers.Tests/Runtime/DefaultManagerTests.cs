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
}
