using InstallableDrivers.Modules;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>An installed alias whose file changed is refused at open (DriverManagerOptions.VerifyIntegrity).</summary>
[Collection(TraceCollection.Name)]
public sealed class IntegrityTests : IDisposable
{
    private readonly MemoryDriverRegistry registry = new();
    private readonly string path = TestDrivers.CopyToTemporaryDirectory("tracedrv");

    public IntegrityTests()
    {
        TraceSink.Reset();
        registry.SetValue("Drivers32", "trace", path);
        var file = new FileInfo(path);
        new DriverMetadataStore(registry).Set("Drivers32", "trace", new DriverInstallRecord(DriverFile.ComputeSha256(path), file.Length, null));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

    [Fact]
    public void The_installed_file_opens()
    {
        using var manager = CreateManager();
        using var driver = manager.Open("trace");
        Assert.Equal(path, driver.FilePath);
    }

    [Fact]
    public void A_file_changed_in_place_is_refused_before_anything_is_loaded()
    {
        using var manager = CreateManager();
        manager.Open("trace").Dispose();
        FlipLastByte();

        var e = Assert.Throws<DriverOpenException>(() => manager.Open("trace"));
        Assert.Equal(DriverFailureReason.IntegrityFailure, e.Reason);
        Assert.Contains($"'{path}' of 'trace' in [Drivers32] changed since it was installed: its SHA-256 is", e.Message, StringComparison.Ordinal);
        Assert.True(manager.OpenDriver("trace", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.IntegrityFailure, DriverManager.LastError?.Reason);
        Assert.False(TestDrivers.IsMapped(path));

        // Put back, the file opens again: the cached hash is recomputed when the file's stamp changes.
        FlipLastByte();
        manager.Open("trace").Dispose();
    }

    [Fact]
    public void A_file_of_another_size_is_refused_naming_both_sizes()
    {
        var installed = new FileInfo(path).Length;
        File.AppendAllText(path, "x");
        using var manager = CreateManager();
        var e = Assert.Throws<DriverOpenException>(() => manager.Resolve("trace"));
        Assert.Equal(DriverFailureReason.IntegrityFailure, e.Reason);
        Assert.Contains($"its size is {installed + 1} bytes, {installed} when installed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_VerifyIntegrity_off_a_changed_file_opens()
    {
        FlipLastByte();
        using var manager = CreateManager(verify: false);
        AssertOpensAndAnswers(manager, "trace");
    }

    [Fact]
    public void Aliases_without_a_record_and_opens_by_file_name_are_not_checked()
    {
        registry.SetValue("Drivers32", "unrecorded", path);
        FlipLastByte();
        using var manager = CreateManager();
        AssertOpensAndAnswers(manager, "unrecorded");
        AssertOpensAndAnswers(manager, path);
    }

    [Fact]
    public void A_malformed_record_is_a_registry_error()
    {
        registry.SetValue(DriverMetadataStore.MetadataSectionOf("Drivers32"), "trace", "garbage");
        using var manager = CreateManager();
        var e = Assert.Throws<DriverOpenException>(() => manager.Open("trace"));
        Assert.Equal(DriverFailureReason.RegistryError, e.Reason);
    }

    [Fact]
    public void Resolve_names_the_file_and_args_and_loads_nothing()
    {
        registry.SetValue("Drivers32", "trace", $"{path}  some args");
        using var manager = CreateManager();
        Assert.Equal(new DriverTarget("trace", "Drivers32", path, "some args"), manager.Resolve("trace"));
        Assert.Equal(new DriverTarget(null, null, path, null), manager.Resolve(path));
        Assert.Empty(TraceSink.Records);
        Assert.False(TestDrivers.IsMapped(path));
    }

    // The changed file itself was loaded and its DriverProc ran: it received DRV_OPEN and answered a message.
    private void AssertOpensAndAnswers(DriverManager manager, string name)
    {
        TraceSink.Reset();
        using (var driver = manager.Open(name))
        {
            Assert.Equal(path, driver.FilePath);
            Assert.Equal(5, driver.Send(DriverMessages.DRV_USER + 1, 2, 3));
        }

        Assert.Contains(TraceSink.Records, record => record.Message == DriverMessages.DRV_OPEN);
        Assert.Contains(TraceSink.Records, record => record.Message == DriverMessages.DRV_USER + 1 && record.LParam1 == 2);
    }

    private DriverManager CreateManager(bool verify = true) => new(registry, new DriverManagerOptions { VerifyIntegrity = verify });

    private void FlipLastByte()
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }
}
