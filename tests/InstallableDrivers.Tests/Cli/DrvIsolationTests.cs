using System.Text.Json;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// drv's side of isolation and quarantine: install --isolated, isolate on|off, the runs and crashes columns of list,
/// release, and a new install releasing a quarantine. The crashes are written with DriverCrashLog, as the runtime writes
/// them when an isolated driver crashes.
/// </summary>
public sealed class DrvIsolationTests : DrvTest
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private IniDriverRegistry Registry => new(Home.RegistryPath);

    [Fact]
    public void Isolate_switches_an_installed_driver_either_way_and_list_shows_where_it_runs()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl").ExitCode);
        Assert.Matches(@"│ ctl\s+│.*│ ok\s+│ in process\s+│\s+│", Home.Run("list").Out);

        var on = Home.Run("isolate", "ctl", "on");
        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Equal("'ctl' in [Drivers32] now runs isolated, in a host process of its own, from its next open; instances open now stay where they run.\n", on.Out);
        Assert.True(new DriverMetadataStore(Registry).Get("Drivers32", "ctl")!.Isolated);
        Assert.EndsWith(" isolated=yes", Registry.GetValue(DriverMetadataStore.MetadataSectionOf("Drivers32"), "ctl"), StringComparison.Ordinal);
        Assert.Matches(@"│ ctl\s+│.*│ ok\s+│ isolated\s+│", Home.Run("list").Out);
        using (var json = JsonDocument.Parse(Home.Run("list", "--json").Out))
        {
            Assert.True(json.RootElement[0].GetProperty("isolated").GetBoolean());
        }

        // The runtime reads the flag: the open goes to a host process, and the message crosses over and back.
        var send = Home.Run("send", "ctl", "DRV_QUERYCONFIGURE");
        Assert.True(send.ExitCode == 0, send.ToString());

        Assert.Equal("'ctl' in [Drivers32] already runs isolated, in a host process of its own.\n", Home.Run("isolate", "ctl", "on").Out);
        Assert.Equal(0, Home.Run("isolate", "ctl", "off").ExitCode);
        Assert.False(new DriverMetadataStore(Registry).Get("Drivers32", "ctl")!.Isolated);
        Assert.Equal(0, Home.Run("send", "ctl", "DRV_QUERYCONFIGURE").ExitCode);
    }

    [Fact]
    public void Isolate_needs_an_install_record_to_keep_the_choice_in_and_an_existing_alias()
    {
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nbyhand={Home.CopyDriver("ctldrv")}\n");
        var before = Home.RegistryText;
        var byHand = Home.Run("isolate", "byhand", "on");
        Assert.Equal(2, byHand.ExitCode);
        Assert.Contains("'byhand' in [Drivers32] has no install record to keep the choice in", byHand.Error, StringComparison.Ordinal);
        Assert.Equal(3, Home.Run("isolate", "nosuch", "on").ExitCode);
        Assert.Equal(2, Home.Run("isolate", "byhand", "maybe").ExitCode);
        Assert.Equal(before, Home.RegistryText);
    }

    [Fact]
    public void Install_isolated_sends_DRV_INSTALL_to_the_isolated_driver_and_puts_everything_back_when_that_fails()
    {
        var driver = Home.CopyDriver("ctldrv");
        // DRV_INSTALL runs in the host (its stderr is drv's) and reads its DRVCONFIGINFO, copied into the host's arena.
        var cancelled = Home.Run("install", driver, "--alias", "ctl", "--isolated", "--args", "install=cancel");
        Assert.Equal(4, cancelled.ExitCode);
        Assert.Contains("ctldrv: DRV_INSTALL", cancelled.Error, StringComparison.Ordinal);
        Assert.Null(Registry.GetValue("Drivers32", "ctl"));

        var result = Home.Run("install", driver, "--alias", "ctl", "--isolated");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ctldrv: DRV_INSTALL", result.Error, StringComparison.Ordinal);
        Assert.True(new DriverMetadataStore(Registry).Get("Drivers32", "ctl")!.Isolated);
    }

    [Fact]
    public void A_dotnet_driver_installs_isolated_and_answers_from_the_dotnet_host_beside_drv()
    {
        // Isolating a .NET driver needs the .NET driver host beside drv (without it the install is refused, naming it).
        var toneGenerator = Path.Combine(TestDrivers.Directory, "ToneGenerator.dll");
        var install = Home.Run("install", toneGenerator, "--alias", "tone", "--isolated", "--args", "freq=440 rate=8000");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains(".NET driver (InstallableDrivers.Samples.ToneGenerator), run isolated in a host process of its own", install.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ tone\s+│.*│ \.NET\s+│ ok\s+│ isolated\s+│", Home.Run("list").Out);
        Assert.Equal("DRV_USER+1(0x3E8, 0x0) = 440 (0x1B8)\n", Home.Run("send", "tone", "DRV_USER+1", "1000").Out);
    }

    [Fact]
    public void A_driver_that_crashes_three_times_in_its_host_is_quarantined_and_listed_so()
    {
        // crashdrv faults once per arming, in DRV_USER + 1 (file name), inside its host: each drv send exits 10.
        var driver = Home.CopyDriver("crashdrv", "crashdrv-segv-user.so");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "crash", "--isolated").ExitCode);
        foreach (var attempt in Enumerable.Range(1, 3))
        {
            File.WriteAllText(driver + ".armed", "");
            var crashed = Home.Run("send", "crash", "0x4001");
            Assert.True(crashed.ExitCode == 10, crashed.ToString());
            Assert.Contains("the driver crashed with SIGSEGV during DRV_USER+1", crashed.Error, StringComparison.Ordinal);
        }

        Assert.Matches(@"│ crash\s+│.*│ ok\s+│ isolated\s+│ 3, quarantined\s+│", Home.Run("list").Out);
        var refused = Home.Run("send", "crash", "0x4001");
        Assert.Equal(9, refused.ExitCode);
        Assert.Contains("signal 11 during DRV_USER+1", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, Home.Run("release", "crash").ExitCode);
        Assert.Equal(0, Home.Run("send", "crash", "0x4001").ExitCode);
    }

    [Fact]
    public void A_quarantined_driver_is_listed_with_its_crashes_refused_with_exit_9_and_opens_again_once_released()
    {
        Assert.Equal(0, Home.Run("install", Home.CopyDriver("ctldrv"), "--alias", "ctl").ExitCode);
        RecordCrashes("ctl", 0, 10, 20);

        Assert.Matches(@"│ ctl\s+│.*│ ok\s+│ in process\s+│ 3, quarantined\s+│", Home.Run("list").Out);
        using (var json = JsonDocument.Parse(Home.Run("list", "--json").Out))
        {
            var entry = json.RootElement[0];
            Assert.True(entry.GetProperty("quarantined").GetBoolean());
            Assert.Equal(["segfault 0", "segfault 10", "segfault 20"],
                entry.GetProperty("crashes").EnumerateArray().Select(crash => crash.GetProperty("reason").GetString()));
        }

        Assert.Contains("crashes        3, quarantined: 2026-11-29 10:00:00Z, signal 11 during DRV_OPEN: segfault 0;", Home.Run("info", "ctl").Out, StringComparison.Ordinal);
        var refused = Home.Run("send", "ctl", "DRV_QUERYCONFIGURE");
        Assert.Equal(9, refused.ExitCode);
        Assert.StartsWith("drv: 'ctl' in [Drivers32] is quarantined: its driver crashed 3 times within 60 minutes (2026-11-29 10:00:00Z, signal 11 during DRV_OPEN: segfault 0;",
            refused.Error, StringComparison.Ordinal);
        Assert.Contains("Release it with 'drv release ctl'", refused.Error, StringComparison.Ordinal);
        // Removing it would run it (DRV_REMOVE): refused like any driver that cannot be opened, unless --force.
        var remove = Home.Run("remove", "ctl");
        Assert.Equal(9, remove.ExitCode);
        Assert.EndsWith("Pass --force to delete the entry anyway.\n", remove.Error, StringComparison.Ordinal);

        var release = Home.Run("release", "ctl");
        Assert.True(release.ExitCode == 0, release.ToString());
        Assert.Equal("Released 'ctl' in [Drivers32] from quarantine: its 3 crashes are forgotten (the last: 2026-11-29 10:20:00Z, signal 11 during DRV_OPEN: segfault 20).\n", release.Out);
        Assert.Equal(0, Home.Run("send", "ctl", "DRV_QUERYCONFIGURE").ExitCode);
        Assert.Equal("'ctl' in [Drivers32] has no crashes recorded: nothing to release.\n", Home.Run("release", "ctl").Out);
        Assert.Equal(3, Home.Run("release", "nosuch").ExitCode);
    }

    [Fact]
    public void Two_crashes_are_listed_and_do_not_quarantine()
    {
        Assert.Equal(0, Home.Run("install", Home.CopyDriver("ctldrv"), "--alias", "ctl").ExitCode);
        RecordCrashes("ctl", 0, 10);
        Assert.Matches(@"│ ctl\s+│.*│ ok\s+│ in process\s+│ 2\s+│", Home.Run("list").Out);
        Assert.Equal(0, Home.Run("send", "ctl", "DRV_QUERYCONFIGURE").ExitCode);
    }

    [Fact]
    public void A_new_install_releases_the_quarantine_and_a_cancelled_one_puts_the_crashes_back()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl").ExitCode);
        RecordCrashes("ctl", 0, 10, 20);
        var crashes = Registry.GetValue(DriverCrashLog.CrashSectionOf("Drivers32"), "ctl");

        Assert.Equal(4, Home.Run("install", driver, "--alias", "ctl", "--force", "--args", "install=cancel").ExitCode);
        Assert.Equal(crashes, Registry.GetValue(DriverCrashLog.CrashSectionOf("Drivers32"), "ctl"));

        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl", "--force").ExitCode);
        Assert.Null(Registry.GetValue(DriverCrashLog.CrashSectionOf("Drivers32"), "ctl"));
        Assert.Equal(0, Home.Run("send", "ctl", "DRV_QUERYCONFIGURE").ExitCode);

        RecordCrashes("ctl", 30);
        Assert.Equal(0, Home.Run("remove", "ctl").ExitCode);
        Assert.Null(Registry.GetValue(DriverCrashLog.CrashSectionOf("Drivers32"), "ctl"));
    }

    [Fact]
    public void Malformed_crash_records_are_listed_refuse_opens_naming_file_and_line_and_release_deletes_them()
    {
        var driver = Home.CopyDriver("ctldrv");
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nctl={driver}\n[InstallableDrivers.Crashes:Drivers32]\nctl=at=soon reason=x\n");
        var where = $"{Home.RegistryPath}(4): the crash records of 'ctl' in [InstallableDrivers.Crashes:Drivers32] are malformed";

        Assert.Contains("│ crash records malformed │", Home.Run("list").Out, StringComparison.Ordinal);
        var send = Home.Run("send", "ctl", "DRV_QUERYCONFIGURE");
        Assert.Equal(6, send.ExitCode);
        Assert.Contains(where, send.Error, StringComparison.Ordinal);
        Assert.Contains("'drv release ctl' deletes them", send.Error, StringComparison.Ordinal);

        var release = Home.Run("release", "ctl");
        Assert.True(release.ExitCode == 0, release.ToString());
        Assert.StartsWith("Released 'ctl' in [Drivers32]: its crash records, which could not be read, are deleted", release.Out, StringComparison.Ordinal);
        Assert.Equal(0, Home.Run("send", "ctl", "DRV_QUERYCONFIGURE").ExitCode);
    }

    [Fact]
    public void The_crash_records_section_is_not_listed_as_drivers_nor_accepted_as_a_section()
    {
        Assert.Equal(0, Home.Run("install", Home.CopyDriver("ctldrv"), "--alias", "ctl").ExitCode);
        RecordCrashes("ctl", 0);
        using (var json = JsonDocument.Parse(Home.Run("list", "--json").Out))
        {
            Assert.Equal(["Drivers32"], json.RootElement.EnumerateArray().Select(entry => entry.GetProperty("section").GetString()));
        }

        var release = Home.Run("release", "ctl", "--section", "InstallableDrivers.Crashes:Drivers32");
        Assert.Equal(2, release.ExitCode);
        Assert.StartsWith("drv: [InstallableDrivers.Crashes:Drivers32] holds the records of [Drivers32], not drivers", release.Error, StringComparison.Ordinal);
    }

    private void RecordCrashes(string alias, params int[] minutes)
    {
        var log = new DriverCrashLog(Registry);
        foreach (var minute in minutes)
        {
            log.Record("Drivers32", alias, new DriverCrashRecord(Start.AddMinutes(minute), 11, null, "DRV_OPEN", $"segfault {minute}"));
        }
    }
}
