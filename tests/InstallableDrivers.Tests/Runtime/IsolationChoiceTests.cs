using InstallableDrivers.Modules;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// Where a module runs (DriverManagerOptions.Isolation and the install record's isolated flag): each open goes to the
/// module table of the loader chosen. Both loaders here are test loaders that load in process and note what they load.
/// </summary>
[Collection(TraceCollection.Name)]
public sealed class IsolationChoiceTests : IDisposable
{
    private readonly MemoryDriverRegistry registry = new();
    private readonly NotingLoader inProcess = new();
    private readonly NotingLoader isolated = new();
    private readonly string flaggedPath = TestDrivers.CopyToTemporaryDirectory("tracedrv");
    private readonly string plainPath = TestDrivers.CopyToTemporaryDirectory("tracedrv");
    private readonly string unrecordedPath = TestDrivers.CopyToTemporaryDirectory("tracedrv");

    public IsolationChoiceTests()
    {
        TraceSink.Reset();
        Install("flagged", flaggedPath, isolatedFlag: true);
        Install("plain", plainPath, isolatedFlag: false);
        registry.SetValue("Drivers32", "unrecorded", unrecordedPath);
    }

    public void Dispose()
    {
        foreach (var path in new[] { flaggedPath, plainPath, unrecordedPath })
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void As_registered_an_alias_flagged_isolated_runs_isolated_and_the_others_in_process()
    {
        using var manager = CreateManager(DriverIsolation.AsRegistered);
        OpenAndClose(manager, "flagged");
        OpenAndClose(manager, "plain");
        OpenAndClose(manager, "unrecorded");
        OpenAndClose(manager, flaggedPath);

        Assert.Equal([flaggedPath], isolated.Loaded);
        Assert.Equal([plainPath, unrecordedPath, flaggedPath], inProcess.Loaded);
    }

    [Fact]
    public void None_runs_every_module_in_process_whatever_the_registry_says()
    {
        using var manager = CreateManager(DriverIsolation.None);
        OpenAndClose(manager, "flagged");
        OpenAndClose(manager, "plain");

        Assert.Empty(isolated.Loaded);
        Assert.Equal([flaggedPath, plainPath], inProcess.Loaded);
    }

    [Fact]
    public void All_runs_every_module_isolated_opens_by_file_name_too()
    {
        using var manager = CreateManager(DriverIsolation.All);
        OpenAndClose(manager, "plain");
        OpenAndClose(manager, "unrecorded");
        OpenAndClose(manager, plainPath);

        Assert.Empty(inProcess.Loaded);
        Assert.Equal([plainPath, unrecordedPath, plainPath], isolated.Loaded);
    }

    [Fact]
    public void Resolve_tells_where_an_open_would_run()
    {
        using var asRegistered = CreateManager(DriverIsolation.AsRegistered);
        Assert.True(asRegistered.Resolve("flagged").Isolated);
        Assert.False(asRegistered.Resolve("plain").Isolated);
        Assert.False(asRegistered.Resolve(flaggedPath).Isolated);
        using var all = CreateManager(DriverIsolation.All);
        Assert.True(all.Resolve(plainPath).Isolated);
        using var none = CreateManager(DriverIsolation.None);
        Assert.False(none.Resolve("flagged").Isolated);
        Assert.Empty(inProcess.Loaded.Concat(isolated.Loaded));
    }

    [Fact]
    public void One_file_run_both_ways_is_two_modules_each_with_its_own_load()
    {
        registry.SetValue("Drivers32", "same-file", flaggedPath);
        using var manager = CreateManager(DriverIsolation.AsRegistered);
        using var inIsolation = manager.Open("flagged");
        using var inThisProcess = manager.Open("same-file");

        Assert.Equal([flaggedPath], isolated.Loaded);
        Assert.Equal([flaggedPath], inProcess.Loaded);
    }

    [Fact]
    public void By_default_an_alias_flagged_isolated_runs_in_a_host_process_and_the_same_alias_in_process_when_the_manager_says_so()
    {
        Assert.Equal(DriverIsolation.AsRegistered, new DriverManagerOptions().Isolation);
        using (var manager = TestDrivers.CreateManager(registry))
        using (var driver = manager.Open("flagged"))
        {
            // The host loaded it, not this process; DRV_QUERYCONFIGURE crossed over and came back with tracedrv's answer.
            Assert.False(TestDrivers.IsMapped(flaggedPath));
            Assert.Equal(0, driver.Send(DriverMessages.DRV_QUERYCONFIGURE));
            Assert.True(HostHasMapped(flaggedPath));
        }

        Assert.False(HostHasMapped(flaggedPath));
        using var none = new DriverManager(registry, new DriverManagerOptions { Isolation = DriverIsolation.None });
        using (none.Open("flagged"))
        {
            Assert.True(TestDrivers.IsMapped(flaggedPath));
        }
    }

    /// <summary>Whether one of this process's driver hosts has the file mapped.</summary>
    private static bool HostHasMapped(string path) => Isolation.HostProcesses.Children().Any(pid =>
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/maps").Contains(path, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // ended while we looked
        }
    });

    private void Install(string alias, string path, bool isolatedFlag)
    {
        registry.SetValue("Drivers32", alias, path);
        new DriverMetadataStore(registry).Set("Drivers32", alias,
            new DriverInstallRecord(DriverFile.ComputeSha256(path), new FileInfo(path).Length, null) { Isolated = isolatedFlag });
    }

    private DriverManager CreateManager(DriverIsolation isolation) => new(registry, new DriverManagerOptions
    {
        Isolation = isolation,
        ModuleLoader = inProcess,
        IsolatedModuleLoader = isolated,
    });

    private static void OpenAndClose(DriverManager manager, string name) => manager.Open(name).Dispose();

    /// <summary>Loads in this process, as the in-process loader does, and notes each file it loads.</summary>
    private sealed class NotingLoader : IDriverModuleLoader
    {
        public List<string> Loaded { get; } = [];

        public DriverModule Load(string filePath)
        {
            Loaded.Add(filePath);
            return InProcessModuleLoader.Instance.Load(filePath);
        }
    }
}
