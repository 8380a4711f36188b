using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

public sealed class DriverMetadataStoreTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly MemoryDriverRegistry registry = new();
    private readonly DriverMetadataStore store;

    public DriverMetadataStoreTests() => store = new DriverMetadataStore(registry);

    [Fact]
    public void A_record_is_kept_in_a_section_of_its_own_and_reads_back()
    {
        var installed = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);
        store.Set("Drivers32", "wave1", new DriverInstallRecord(Sha, 16032, installed));

        Assert.Equal(["InstallableDrivers.Metadata:Drivers32"], registry.GetSections());
        Assert.Equal($"sha256={Sha} size=16032 installed=2025-01-31T12:00:00.0000000+00:00",
            registry.GetValue("InstallableDrivers.Metadata:Drivers32", "wave1"));
        Assert.Equal(new DriverInstallRecord(Sha, 16032, installed), store.Get("drivers32", "WAVE1"));
    }

    [Fact]
    public void An_alias_without_a_record_has_none_and_delete_removes_one()
    {
        Assert.Null(store.Get("Drivers32", "wave1"));
        store.Set("Drivers32", "wave1", new DriverInstallRecord(Sha, 1, null));
        Assert.True(store.Delete("Drivers32", "wave1"));
        Assert.False(store.Delete("Drivers32", "wave1"));
        Assert.Null(store.Get("Drivers32", "wave1"));
    }

    [Fact]
    public void A_malformed_record_throws_FormatException_naming_alias_and_section()
    {
        registry.SetValue("InstallableDrivers.Metadata:Drivers32", "wave1", "sha256=abc size=12");
        var e = Assert.Throws<FormatException>(() => store.Get("Drivers32", "wave1"));
        Assert.Contains("'wave1' in [InstallableDrivers.Metadata:Drivers32]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("size=12")]
    [InlineData("sha256=" + Sha)]
    [InlineData("sha256=" + Sha + " size=-1")]
    [InlineData("sha256=" + Sha + " size=12 installed=yesterday")]
    public void Parse_refuses_a_value_without_a_valid_hash_size_or_time(string value) =>
        Assert.Throws<FormatException>(() => DriverInstallRecord.Parse(value));

    [Fact]
    public void Parse_takes_either_case_no_time_and_unknown_keys()
    {
        var record = DriverInstallRecord.Parse($"  size=12   sha256={Sha.ToUpperInvariant()} origin=elsewhere ");
        Assert.Equal(new DriverInstallRecord(Sha, 12, null), record);
        Assert.Equal($"sha256={Sha} size=12", record.ToString());
    }

    [Fact]
    public void Matches_needs_both_hash_and_size()
    {
        var record = new DriverInstallRecord(Sha, 12, null);
        Assert.True(record.Matches(Sha.ToUpperInvariant(), 12));
        Assert.False(record.Matches(Sha, 13));
        Assert.False(record.Matches(new string('0', 64), 12));
    }

    [Fact]
    public void A_record_needs_a_real_SHA_256_and_a_size()
    {
        Assert.Throws<ArgumentException>(() => new DriverInstallRecord("abc", 1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DriverInstallRecord(Sha, -1, null));
    }

    [Fact]
    public void Metadata_sections_are_told_apart_from_driver_sections()
    {
        Assert.True(DriverMetadataStore.IsMetadataSection(DriverMetadataStore.MetadataSectionOf("mci32")));
        Assert.True(DriverMetadataStore.IsMetadataSection("installabledrivers.metadata:Drivers32"));
        Assert.False(DriverMetadataStore.IsMetadataSection("Drivers32"));
    }
}
