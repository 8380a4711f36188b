using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

/// <summary>The crash log's registry text: what a record keeps, how it reads back, and what it refuses.</summary>
public sealed class DriverCrashLogTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly MemoryDriverRegistry registry = new();
    private readonly DriverCrashLog log;

    public DriverCrashLogTests() => log = new DriverCrashLog(registry);

    [Fact]
    public void Crashes_are_kept_in_a_section_of_their_own_and_read_back_whatever_their_text()
    {
        var first = new DriverCrashRecord(At, 11, null, "WODM_WRITE (14)", "100% wrong; then\nworse");
        var second = new DriverCrashRecord(At.AddMinutes(5), null, -1, null, "");
        log.Record("mci32", "wave1", first);
        log.Record("mci32", "wave1", second);

        Assert.Equal(["InstallableDrivers.Crashes:mci32"], registry.GetSections());
        Assert.Equal("at=2026-11-29T10:00:00.0000000+00:00 signal=11 message=WODM_WRITE%20(14) reason=100%25 wrong%3B then worse; "
            + "at=2026-11-29T10:05:00.0000000+00:00 exit=-1 reason=", registry.GetValue("InstallableDrivers.Crashes:mci32", "wave1"));
        Assert.Equal([first, second], log.Get("MCI32", "WAVE1"));
        Assert.Equal("100% wrong; then worse", first.Reason);
        Assert.True(DriverMetadataStore.IsMetadataSection(DriverCrashLog.CrashSectionOf("mci32")));
    }

    [Fact]
    public void Unknown_keys_are_ignored_and_records_are_read_oldest_first()
    {
        registry.SetValue("InstallableDrivers.Crashes:Drivers32", "wave1",
            "at=2026-11-29T10:30:00Z host=42 signal=9 reason=killed; at=2026-11-29T10:00:00Z reason=first");
        var crashes = log.Get("Drivers32", "wave1");
        Assert.Equal(["first", "killed"], crashes.Select(c => c.Reason));
        Assert.Equal(9, crashes[1].Signal);
    }

    [Theory]
    [InlineData("at=2026-11-29T10:00:00Z signal=11", "expected reason= at the end")]
    [InlineData("signal=11 reason=x", "expected at= and an ISO 8601 time")]
    [InlineData("at=2026-11-29T10:00:00Z signal=SEGV reason=x", "expected signal= and a number")]
    [InlineData("at=2026-11-29T10:00:00Z signal=11 exit=1 reason=x", "not both")]
    [InlineData("at=2026-11-29T10:00:00Z reason=50%", "expected two hexadecimal digits after '%'")]
    public void A_malformed_record_throws_naming_alias_and_section(string value, string problem)
    {
        registry.SetValue("InstallableDrivers.Crashes:Drivers32", "wave1", value);
        var e = Assert.Throws<FormatException>(() => log.Get("Drivers32", "wave1"));
        Assert.StartsWith("The crash records of 'wave1' in [InstallableDrivers.Crashes:Drivers32] are malformed: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => log.Record("Drivers32", "wave1", new DriverCrashRecord(At, 11, null, null, "x")));
        Assert.Equal(value, registry.GetValue("InstallableDrivers.Crashes:Drivers32", "wave1"));
    }

    [Fact]
    public void Quarantine_needs_three_crashes_within_the_window()
    {
        DriverCrashRecord CrashAt(double minutes) => new(At.AddMinutes(minutes), 11, null, null, "x");
        Assert.False(DriverCrashLog.IsQuarantined([CrashAt(0), CrashAt(1)]));
        Assert.True(DriverCrashLog.IsQuarantined([CrashAt(0), CrashAt(30), CrashAt(60)]));
        Assert.False(DriverCrashLog.IsQuarantined([CrashAt(0), CrashAt(30), CrashAt(60.5)]));
        Assert.True(DriverCrashLog.IsQuarantined([CrashAt(0), CrashAt(100), CrashAt(110), CrashAt(120)]));
        Assert.Equal(TimeSpan.FromHours(1), DriverCrashLog.QuarantineWindow);
        Assert.Equal(3, DriverCrashLog.QuarantineCrashCount);
    }

    [Fact]
    public void A_record_refuses_both_a_signal_and_an_exit_code_and_a_blank_message()
    {
        Assert.Throws<ArgumentException>(() => new DriverCrashRecord(At, 11, 1, null, "x"));
        Assert.Throws<ArgumentException>(() => new DriverCrashRecord(At, 11, null, " ", "x"));
    }

    [Fact]
    public void The_isolated_flag_of_an_install_record_round_trips_and_an_unknown_value_is_refused()
    {
        const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        var record = new DriverInstallRecord(Sha, 12, null) { Isolated = true };
        Assert.Equal($"sha256={Sha} size=12 isolated=yes", record.ToString());
        Assert.Equal(record, DriverInstallRecord.Parse(record.ToString()));
        Assert.False(DriverInstallRecord.Parse($"sha256={Sha} size=12 isolated=NO").Isolated);
        Assert.Equal($"sha256={Sha} size=12", (record with { Isolated = false }).ToString());
        Assert.Throws<FormatException>(() => DriverInstallRecord.Parse($"sha256={Sha} size=12 isolated=sandbox"));
    }
}
