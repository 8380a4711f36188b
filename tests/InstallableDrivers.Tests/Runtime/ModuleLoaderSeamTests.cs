using InstallableDrivers.Modules;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>Where a driver file runs is the manager's policy (DriverManagerOptions.ModuleLoader), not the file's.</summary>
[Collection(TraceCollection.Name)]
public sealed class ModuleLoaderSeamTests : TraceDriverTest
{
    [Fact]
    public void The_manager_loads_through_the_loader_its_options_name_once_per_load_cycle()
    {
        var loader = new CountingLoader();
        var options = new DriverManagerOptions { ModuleLoader = loader };
        options.DriverDirectories.Add(TestDrivers.Directory);
        using var manager = new DriverManager(new MemoryDriverRegistry(), options);
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv");

        var a = manager.OpenDriver(path, null, 0);
        var b = manager.OpenDriver(path, null, 0);
        Assert.Equal([path], loader.Loaded);
        manager.CloseDriver(a, 0, 0);
        manager.CloseDriver(b, 0, 0);
        Assert.Equal(1, manager.SendDriverMessage(manager.OpenDriver(path, null, 0), DRV_USER + 2, 0, 0));
        Assert.Equal([path, path], loader.Loaded);
    }

    [Fact]
    public void The_default_loader_runs_drivers_in_this_process()
        => Assert.Same(InProcessModuleLoader.Instance, new DriverManagerOptions().ModuleLoader);

    private sealed class CountingLoader : IDriverModuleLoader
    {
        public List<string> Loaded { get; } = [];

        public DriverModule Load(string filePath)
        {
            Loaded.Add(filePath);
            return InProcessModuleLoader.Instance.Load(filePath);
        }
    }
}
