using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// Crashes recorded through DriverManager.RecordCrash (what the isolation layer calls) and the quarantine they lead to:
/// three within an hour and opens of the alias fail with Quarantined until it is released.
/// </summary>
[Collection(TraceCollection.Name)]
public sealed class QuarantineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory home = new();
    private readonly IniDriverRegistry registry;
    private readonly string path = TestDrivers.CopyToTemporaryDirectory("tracedrv");

    public QuarantineTests()
    {
        TraceSink.Reset();
        registry = new IniDriverRegistry(home.File("system.ini"));
        registry.SetValue("Drivers32", "trace", path);
    }

    public void Dispose()
    {
        home.Dispose();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Three_crashes_within_an_hour_quarantine_the_alias_and_the_reason_says_when_how_and_how_to_release()
    {
        using var manager = new DriverManager(registry);
        var target = manager.Resolve("trace");
        Assert.False(manager.RecordCrash(target, Crash(0, signal: 11, "DRV_OPEN", "null pointer read")));
        Assert.False(manager.RecordCrash(target, Crash(20, signal: 6, "DRV_USER+1", "abort()")));
        Assert.True(manager.RecordCrash(target, Crash(59, exitCode: 3, message: null, reason: "the host exited")));

        var e = Assert.Throws<DriverOpenException>(() => manager.Open("trace"));
        Assert.Equal(DriverFailureReason.Quarantined, e.Reason);
        Assert.Equal("'trace' in [Drivers32] is quarantined: its driver crashed 3 times within 60 minutes ("
            + "2026-11-29 10:00:00Z, signal 11 during DRV_OPEN: null pointer read; "
            + "2026-11-29 10:20:00Z, signal 6 during DRV_USER+1: abort(); "
            + "2026-11-29 10:59:00Z, exit code 3: the host exited). Release it with 'drv release trace' (or install it again "
            + "with 'drv install --force') once you have reason to think it will not crash again.", e.Message);
        Assert.True(manager.OpenDriver("trace", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.Quarantined, DriverManager.LastError?.Reason);
        Assert.False(TestDrivers.IsMapped(path));

        // Every manager of the registry sees it, whatever it isolates; Resolve still tells what the alias would open.
        using var other = new DriverManager(registry, new DriverManagerOptions { Isolation = DriverIsolation.None });
        Assert.Equal(DriverFailureReason.Quarantined, Assert.Throws<DriverOpenException>(() => other.Open("trace")).Reason);
        Assert.Equal(path, other.Resolve("trace").FilePath);
    }

    [Fact]
    public void Two_crashes_within_an_hour_still_open()
    {
        using var manager = new DriverManager(registry);
        RecordAt(manager, 0, 1);
        manager.Open("trace").Dispose();
        Assert.Equal(2, new DriverCrashLog(registry).Get("Drivers32", "trace").Count);
    }

    [Fact]
    public void Three_crashes_spread_over_more_than_an_hour_open_and_the_older_records_are_pruned()
    {
        using var manager = new DriverManager(registry);
        RecordAt(manager, 0, 40, 80);
        manager.Open("trace").Dispose();
        Assert.Equal([Start.AddMinutes(40), Start.AddMinutes(80)], new DriverCrashLog(registry).Get("Drivers32", "trace").Select(c => c.At));
    }

    [Fact]
    public void Released_the_alias_opens_again()
    {
        using var manager = new DriverManager(registry);
        RecordAt(manager, 0, 1, 2);
        Assert.Throws<DriverOpenException>(() => manager.Open("trace"));

        Assert.True(new DriverCrashLog(registry).Release("Drivers32", "trace"));
        manager.Open("trace").Dispose();
        Assert.DoesNotContain("trace=at=", File.ReadAllText(registry.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_crash_of_a_quarantined_alias_leaves_the_quarantine_as_it_was()
    {
        using var manager = new DriverManager(registry);
        RecordAt(manager, 0, 1, 2);
        var before = File.ReadAllText(registry.FilePath);

        // An instance opened before the quarantine crashes hours later: the crashes that quarantined it are kept.
        Assert.True(manager.RecordCrash(manager.Resolve("trace"), Crash(300, signal: 11, "DRV_CLOSE", "late")));
        Assert.Equal(before, File.ReadAllText(registry.FilePath));
    }

    [Fact]
    public void The_log_stays_bounded_however_often_a_driver_crashes()
    {
        using var manager = new DriverManager(registry);
        for (var minute = 0; minute < 1000; minute += 50)
        {
            RecordAt(manager, minute);
        }

        var log = new DriverCrashLog(registry);
        Assert.Equal([Start.AddMinutes(900), Start.AddMinutes(950)], log.Get("Drivers32", "trace").Select(c => c.At));
        // However long the reasons, a line holds at most three records of a bounded length.
        Assert.True(log.Release("Drivers32", "trace"));
        foreach (var minute in new[] { 960, 961, 962, 963 })
        {
            manager.RecordCrash(manager.Resolve("trace"), Crash(minute, signal: 11, "DRV_OPEN", new string('x', 10_000)));
        }

        Assert.Equal([960, 961, 962], log.Get("Drivers32", "trace").Select(c => (int)(c.At - Start).TotalMinutes));
        Assert.All(log.Get("Drivers32", "trace"), c => Assert.Equal(DriverCrashRecord.MaxReasonLength, c.Reason.Length));
        var crashLine = File.ReadAllLines(registry.FilePath).Single(line => line.StartsWith("trace=at=", StringComparison.Ordinal));
        Assert.InRange(crashLine.Length, 3 * DriverCrashRecord.MaxReasonLength, 3 * (DriverCrashRecord.MaxReasonLength + 100));
    }

    [Fact]
    public void A_crash_recorded_while_the_registry_runs_a_transaction_on_the_same_thread_joins_it()
    {
        // drv remove sends DRV_REMOVE inside a registry transaction: a crash there is recorded at once, not after a wait
        // for the transaction's own lock, and written with the transaction.
        using var manager = new DriverManager(registry);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        registry.Edit(view =>
        {
            RecordAt(manager, 0);
            Assert.Single(new DriverCrashLog(view).Get("Drivers32", "trace"));
            view.SetValue("Drivers32", "other", path);
            return true;
        });
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Single(new DriverCrashLog(registry).Get("Drivers32", "trace"));
        Assert.Equal(path, registry.GetValue("Drivers32", "other"));
    }

    [Fact]
    public void A_module_opened_by_file_name_has_no_alias_and_its_crash_is_not_recorded()
    {
        using var manager = new DriverManager(registry);
        var before = File.ReadAllText(registry.FilePath);
        Assert.False(manager.RecordCrash(manager.Resolve(path), Crash(0, signal: 11, "DRV_OPEN", "by file name")));
        Assert.Equal(before, File.ReadAllText(registry.FilePath));
    }

    [Fact]
    public void Malformed_crash_records_fail_the_open_naming_file_and_line_and_are_never_rewritten()
    {
        File.AppendAllText(registry.FilePath, "\n[InstallableDrivers.Crashes:Drivers32]\ntrace=at=yesterday reason=?\n");
        var before = File.ReadAllText(registry.FilePath);
        using var manager = new DriverManager(registry);

        var e = Assert.Throws<DriverOpenException>(() => manager.Open("trace"));
        Assert.Equal(DriverFailureReason.RegistryError, e.Reason);
        Assert.Contains($"{registry.FilePath}(5): the crash records of 'trace' in [InstallableDrivers.Crashes:Drivers32] are malformed: "
            + "expected at= and an ISO 8601 time in \"at=yesterday reason=?\"; 'drv release trace' deletes them", e.Message, StringComparison.Ordinal);

        // A crash recorded over them is not written (it is logged), and nothing of the file is lost.
        Assert.False(manager.RecordCrash(manager.Resolve("trace"), Crash(0, signal: 11, "DRV_OPEN", "x")));
        Assert.Equal(before, File.ReadAllText(registry.FilePath));
        var format = Assert.Throws<DriverRegistryFormatException>(() => new DriverCrashLog(registry).Get("Drivers32", "trace"));
        Assert.Equal((registry.FilePath, 5), (format.FilePath, format.LineNumber));
    }

    private static DriverCrashRecord Crash(int minute, int? signal = null, string? message = null, string reason = "", int? exitCode = null) =>
        new(Start.AddMinutes(minute), signal, exitCode, message, reason);

    private static void RecordAt(DriverManager manager, params int[] minutes)
    {
        foreach (var minute in minutes)
        {
            manager.RecordCrash(manager.Resolve("trace"), Crash(minute, signal: 11, "DRV_OPEN", "segmentation fault"));
        }
    }
}
