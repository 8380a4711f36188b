using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using Microsoft.Extensions.Logging;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>.NET assemblies as installable drivers: detection, isolation, faults, real unloading.</summary>
[Collection(TraceCollection.Name)]
public sealed class ManagedDriverTests : IDisposable
{
    private readonly MemoryDriverRegistry registry = new();
    private readonly CapturingLogger logger = new();
    private readonly DriverManager manager;

    public ManagedDriverTests()
    {
        TraceSink.Reset();
        var options = new DriverManagerOptions { Logger = logger };
        options.DriverDirectories.Add(TestDrivers.Directory);
        manager = new DriverManager(registry, options);
    }

    public void Dispose()
    {
        manager.Dispose();
        AppContext.SetSwitch("ManagedTraceDriver.ThrowOnLoad", false);
    }

    private static string ManagedPath(string name) => Path.Combine(TestDrivers.Directory, name + ".dll");

    [Fact]
    public void The_kind_is_told_by_content_not_by_name()
    {
        Assert.Equal(DriverKind.Native, DriverFile.GetKind(TestDrivers.PathOf("tracedrv")));
        Assert.Equal(DriverKind.Managed, DriverFile.GetKind(ManagedPath("ManagedTraceDriver")));

        // A .NET driver named like a native library still loads as .NET.
        var disguised = TestDrivers.CopyToTemporaryDirectory("tracedrv", "disguised.so");
        File.Copy(ManagedPath("ManagedTraceDriver"), disguised, overwrite: true);
        Assert.Equal(DriverKind.Managed, DriverFile.GetKind(disguised));
        var h = manager.OpenDriver(disguised, null, 0);
        Assert.Equal(1, manager.SendDriverMessage(h, DRV_USER + 5, 0, 0));
        manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void Inspect_names_the_entry_point_without_running_the_driver()
    {
        var native = DriverFile.Inspect(TestDrivers.PathOf("tracedrv"));
        Assert.Equal((DriverKind.Native, "DriverProc"), (native.Kind, native.EntryPoint));
        var managed = DriverFile.Inspect(ManagedPath("ToneGenerator"));
        Assert.Equal((DriverKind.Managed, "InstallableDrivers.Samples.ToneGenerator"), (managed.Kind, managed.EntryPoint));
        Assert.Equal(new FileInfo(managed.FilePath).Length, managed.Size);
        Assert.Matches("^[0-9a-f]{64}$", managed.Sha256);
        Assert.Empty(TraceSink.Records);
    }

    [Fact]
    public void An_assembly_without_the_driver_attribute_is_not_a_driver()
    {
        var notADriver = Path.Combine(AppContext.BaseDirectory, "InstallableDrivers.Tests.dll");
        var e = Assert.Throws<DriverOpenException>(() => manager.Open(notADriver));
        Assert.Equal(DriverFailureReason.NotADriver, e.Reason);
        Assert.Contains("InstallableDriver(typeof", e.Message, StringComparison.Ordinal);
        Assert.Equal(DriverFailureReason.NotADriver, Assert.Throws<DriverOpenException>(() => DriverFile.Inspect(notADriver)).Reason);
    }

    [Fact]
    public void An_exception_in_a_message_returns_0_is_logged_with_the_alias_and_harms_nothing()
    {
        registry.SetValue("Drivers32", "thrower", "ManagedTraceDriver.dll");
        var h = manager.OpenDriver("thrower", null, 0);
        Assert.Equal(0, manager.SendDriverMessage(h, DRV_USER + 9, 0, 0));
        Assert.Equal(5, manager.SendDriverMessage(h, DRV_USER + 1, 2, 3));
        Assert.Equal(1, manager.CloseDriver(h, 0, 0));

        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("thrower", entry.Message, StringComparison.Ordinal);
        Assert.Contains("0x4009", entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public void An_exception_in_DRV_OPEN_fails_the_open_with_its_reason_and_cleans_up()
    {
        registry.SetValue("Drivers32", "bad.open", "ManagedTraceDriver.dll throw-open");
        var e = Assert.Throws<DriverOpenException>(() => manager.Open("bad.open"));
        Assert.Equal(DriverFailureReason.DriverFault, e.Reason);
        Assert.Contains("told to fail DRV_OPEN", e.Message, StringComparison.Ordinal);
        Assert.Equal(["LOAD", "ENABLE", "OPEN", "DISABLE", "FREE"], TraceSink.Records.Select(r => TraceSink.Name(r.Message)));
    }

    [Fact]
    public void An_exception_in_DRV_LOAD_fails_the_open_with_its_reason()
    {
        AppContext.SetSwitch("ManagedTraceDriver.ThrowOnLoad", true);
        Assert.True(manager.OpenDriver("ManagedTraceDriver", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.DriverFault, DriverManager.LastError?.Reason);
        Assert.Contains("told to fail DRV_LOAD", DriverManager.LastError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_context_is_collected_after_DRV_FREE_and_static_state_starts_fresh()
    {
        var path = CopyManaged("ManagedTraceDriver");
        for (var cycle = 0; cycle < 3; cycle++)
        {
            var h = manager.OpenDriver(path, null, 0);
            Assert.True(IsLoaded(path));
            Assert.Equal(1, manager.SendDriverMessage(h, DRV_USER + 2, 0, 0));
            manager.CloseDriver(h, 0, 0);
            Assert.True(CollectedEventually(path), "the driver's load context was not collected");
        }
    }

    [Fact]
    public void The_driver_file_is_not_held_and_a_new_build_runs_after_reopening()
    {
        var path = CopyManaged("ManagedTraceDriver");
        var h = manager.OpenDriver(path, null, 0);
        Assert.Equal(1, manager.SendDriverMessage(h, DRV_USER + 5, 0, 0));

        // Overwrite while loaded: nothing holds the file.
        File.Copy(ManagedPath("ManagedTraceDriverV2"), path, overwrite: true);
        manager.CloseDriver(h, 0, 0);
        Assert.True(CollectedEventually(path));

        h = manager.OpenDriver(path, null, 0);
        Assert.Equal(2, manager.SendDriverMessage(h, DRV_USER + 5, 0, 0));
        manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void A_driver_shipping_its_own_copy_of_the_contract_binds_to_the_hosts()
    {
        var path = CopyManaged("ManagedTraceDriver");
        File.Copy(typeof(IDriverProc).Assembly.Location, Path.Combine(Path.GetDirectoryName(path)!, "InstallableDrivers.dll"));
        var h = manager.OpenDriver(path, null, 0);
        Assert.False(h.IsNull);
        Assert.Equal(7, manager.SendDriverMessage(h, DRV_USER + 1, 3, 4));
        manager.CloseDriver(h, 0, 0);
    }

    [Fact]
    public void Loading_and_unloading_100_times_keeps_memory_flat()
    {
        TraceSink.Enabled = false;
        var path = CopyManaged("ManagedTraceDriver");
        Cycle(10);
        var before = SettledMemory();
        Cycle(100);
        Assert.True(CollectedEventually(path));
        var growth = SettledMemory() - before;
        Assert.True(growth < 4_000_000, $"managed memory grew by {growth:N0} bytes over 100 load/unload cycles");

        void Cycle(int times)
        {
            for (var i = 0; i < times; i++)
            {
                var h = manager.OpenDriver(path, null, 0);
                Assert.Equal(1, manager.SendDriverMessage(h, DRV_USER + 2, 0, 0));
                manager.CloseDriver(h, 0, 0);
            }
        }
    }

    [Fact]
    public void Close_hammered_against_send_never_reaches_a_closed_managed_instance()
    {
        TraceSink.Enabled = false;
        var path = CopyManaged("ManagedTraceDriver");
        var keepLoaded = manager.OpenDriver(path, null, 0);
        CloseSendHammer.RunAgainstLatest(manager, path, senders: 2, closes: 2000, maxSpin: 300);
        Assert.Equal(0, manager.SendDriverMessage(keepLoaded, DRV_USER + 7, 0, 0));
        manager.CloseDriver(keepLoaded, 0, 0);
    }

    private static string CopyManaged(string name)
    {
        var directory = TestDrivers.CreateTemporaryDirectory();
        var target = Path.Combine(directory, name + ".dll");
        File.Copy(ManagedPath(name), target);
        return target;
    }

    private static bool IsLoaded(string path) => AssemblyLoadContext.All.Any(c => c.Name == $"InstallableDriver: {path}");

    /// <summary>A collectible context goes away only when the collector gets to it: a bounded loop of collections.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool CollectedEventually(string path)
    {
        for (var i = 0; i < 50 && IsLoaded(path); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !IsLoaded(path);
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
