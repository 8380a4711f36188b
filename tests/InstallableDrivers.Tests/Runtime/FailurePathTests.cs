using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>Every way an open can fail: the reason is reported and nothing stays loaded.</summary>
[Collection(TraceCollection.Name)]
public sealed class FailurePathTests : TraceDriverTest
{
    [Fact]
    public void A_missing_file_fails_with_FileNotFound()
    {
        Assert.True(Manager.OpenDriver(Path.Combine(TestDrivers.Directory, "missing.so"), null, 0).IsNull);
        Assert.Equal(DriverFailureReason.FileNotFound, DriverManager.LastError?.Reason);
    }

    [Fact]
    public void A_library_without_DriverProc_fails_with_NotADriver_and_is_not_kept_loaded()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("nodriverproc");
        Assert.True(Manager.OpenDriver(path, null, 0).IsNull);
        Assert.Equal(DriverFailureReason.NotADriver, DriverManager.LastError?.Reason);
        Assert.Contains("DriverProc", DriverManager.LastError!.Message, StringComparison.Ordinal);
        Assert.False(TestDrivers.IsMapped(path));
    }

    [Fact]
    public void A_file_that_is_not_a_library_fails_with_NotADriver()
    {
        var path = Path.Combine(TestDrivers.CreateTemporaryDirectory(), "text.so");
        File.WriteAllText(path, "this is not an ELF file");
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open(path));
        Assert.Equal(DriverFailureReason.NotADriver, e.Reason);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    // Binding every symbol at load is what the runtime asks of the Linux loader; elsewhere binding stays lazy.
    [NotOnWindowsFact]
    public void A_driver_calling_a_function_nothing_provides_fails_to_open_with_the_linkers_reason()
    {
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open("unresolveddrv"));
        Assert.Equal(DriverFailureReason.NotADriver, e.Reason);
        Assert.Contains("DialogBoxParamW", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_DRV_LOAD_unloads_at_once_without_DRV_FREE()
    {
        var path = TestDrivers.CopyToTemporaryDirectory("tracedrv_load0");
        Assert.True(Manager.OpenDriver(path, null, 0).IsNull);
        Assert.Equal(DriverFailureReason.LoadRefused, DriverManager.LastError?.Reason);
        Assert.Equal(["LOAD id=0 l1=0 l2=0"], TraceSink.Lines);
        Assert.False(TestDrivers.IsMapped(path));
    }

    [Fact]
    public void Driver_Open_throws_with_the_reason_and_the_name()
    {
        var e = Assert.Throws<DriverOpenException>(() => Manager.Open("nothing-here"));
        Assert.Equal(DriverFailureReason.FileNotFound, e.Reason);
        Assert.Contains("nothing-here", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Reason, DriverManager.LastError?.Reason);
    }

    [Fact]
    public void A_registry_that_cannot_be_read_fails_with_RegistryError()
    {
        using var broken = new DriverManager(new UnreadableRegistry());
        Assert.True(broken.OpenDriver("wave", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.RegistryError, DriverManager.LastError?.Reason);
        Assert.Contains("system.ini(3)", DriverManager.LastError!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("trace\0drv.so")]
    [InlineData("trace\ndrv")]
    public void Empty_blank_and_control_character_names_are_refused(string name)
    {
        Assert.True(Manager.OpenDriver(name, null, 0).IsNull);
        Assert.Equal(DriverFailureReason.InvalidName, DriverManager.LastError?.Reason);
        Assert.Empty(TraceSink.Records);
    }

    [Fact]
    public void An_alias_whose_value_names_no_file_is_refused()
    {
        Registry.SetValue("Drivers32", "empty", "");
        Assert.True(Manager.OpenDriver("empty", null, 0).IsNull);
        Assert.Equal(DriverFailureReason.InvalidName, DriverManager.LastError?.Reason);
    }

    [Fact]
    public void Opening_after_Dispose_throws()
    {
        Manager.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Manager.OpenDriver("tracedrv", null, 0));
    }

    private sealed class UnreadableRegistry : IDriverRegistry
    {
        public string? GetValue(string section, string alias) => throw new FormatException("/etc/system.ini(3): expected 'alias=value'");

        public void SetValue(string section, string alias, string value) => throw new NotSupportedException();

        public bool DeleteValue(string section, string alias) => throw new NotSupportedException();

        public IReadOnlyList<string> GetSections() => [];

        public IReadOnlyList<string> GetAliases(string section) => [];
    }
}
