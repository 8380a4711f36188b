using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Cli;

/// <summary>drv install and remove: aliases, DRVCONFIGINFO, DRVCNF_* results, roll-back, --force.</summary>
public sealed class DrvInstallTests : DrvTest
{
    private IniDriverRegistry Registry => new(Home.RegistryPath);

    [Fact]
    public void Without_alias_one_is_made_from_the_file_name_and_DRV_INSTALL_gets_section_and_alias()
    {
        var driver = Home.CopyDriver("ctldrv", "libctl.so");
        var result = Home.Run("install", driver, "--section", "mci32");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Installed 'ctl' (alias from the file name) in [mci32]", result.Out, StringComparison.Ordinal);
        Assert.Contains(@"ctldrv: DRV_INSTALL mci32\ctl", result.Error, StringComparison.Ordinal);
        Assert.Equal(driver, Registry.GetValue("mci32", "ctl"));
    }

    [Fact]
    public void A_relative_FILE_is_taken_from_the_current_directory_and_recorded_absolute()
    {
        var driver = Home.CopyDriver("ctldrv");
        var result = Home.RunRaw(["--registry", Home.RegistryPath, "install", "ctldrv.so", "--alias", "ctl"], workingDirectory: Path.GetDirectoryName(driver));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(driver, Registry.GetValue("Drivers32", "ctl"));
    }

    [Fact]
    public void An_existing_alias_is_replaced_only_with_force()
    {
        var first = Home.CopyDriver("ctldrv", "first.so");
        var second = Home.CopyDriver("ctldrv", "second.so");
        Assert.Equal(0, Home.Run("install", first, "--alias", "ctl").ExitCode);

        var refused = Home.Run("install", second, "--alias", "ctl");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"drv: 'ctl' is already installed in [Drivers32]: {first}. Pass --force to replace it, or --alias to choose another name.\n", refused.Error);
        Assert.Equal(first, Registry.GetValue("Drivers32", "ctl"));

        Assert.Equal(0, Home.Run("install", second, "--alias", "ctl", "--force").ExitCode);
        Assert.Equal(second, Registry.GetValue("Drivers32", "ctl"));
    }

    [Theory]
    [InlineData("install=cancel", "The driver cancelled its installation: DRV_INSTALL returned DRVCNF_CANCEL. [Drivers32] is as it was.")]
    [InlineData("refuse-open", "refused to open: DRV_OPEN returned 0.")]
    public void A_driver_that_says_no_is_refused_and_nothing_is_recorded(string args, string error)
    {
        var result = Home.Run("install", Home.CopyDriver("ctldrv"), "--alias", "ctl", "--args", args);
        Assert.Equal(4, result.ExitCode);
        Assert.EndsWith(error + "\n", result.Error, StringComparison.Ordinal);
        Assert.Null(Registry.GetValue("Drivers32", "ctl"));
        Assert.Null(new DriverMetadataStore(Registry).Get("Drivers32", "ctl"));
    }

    [Fact]
    public void DRVCNF_CANCEL_over_force_puts_the_previous_entry_and_record_back()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl", "--args", "first").ExitCode);
        var record = new DriverMetadataStore(Registry).Get("Drivers32", "ctl");

        Assert.Equal(4, Home.Run("install", driver, "--alias", "ctl", "--args", "install=cancel", "--force").ExitCode);
        Assert.Equal($"{driver} first", Registry.GetValue("Drivers32", "ctl"));
        Assert.Equal(record, new DriverMetadataStore(Registry).Get("Drivers32", "ctl"));
    }

    [Fact]
    public void DRVCNF_RESTART_is_told_to_the_user()
    {
        var result = Home.Run("install", Home.CopyDriver("ctldrv"), "--args", "install=restart");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("DRV_INSTALL returned DRVCNF_RESTART: the driver asks for a restart", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_DriverProc_or_a_text_file_is_not_a_driver_and_nothing_is_recorded()
    {
        var noDriverProc = Home.Run("install", Home.CopyDriver("nodriverproc"));
        Assert.Equal(2, noDriverProc.ExitCode);
        Assert.Contains("DriverProc", noDriverProc.Error, StringComparison.Ordinal);

        var text = Path.Combine(Path.GetDirectoryName(Home.RegistryPath)!, "notes.so");
        File.WriteAllText(text, "not a library");
        var notLibrary = Home.Run("install", text);
        Assert.Equal(2, notLibrary.ExitCode);
        Assert.StartsWith($"drv: '{text}' is not a driver", notLibrary.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Home.RegistryPath));
    }

    [Fact]
    public void A_missing_FILE_is_not_found()
    {
        var result = Home.Run("install", "/nonexistent/driver.so");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("drv: The driver file '/nonexistent/driver.so' does not exist.\n", result.Error);
    }

    [Fact]
    public void Remove_sends_DRV_REMOVE_and_force_removes_an_entry_whose_file_is_gone()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "kept").ExitCode);
        var remove = Home.Run("remove", "kept");
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("ctldrv: DRV_REMOVE", remove.Error, StringComparison.Ordinal);

        Assert.Equal(0, Home.Run("install", driver, "--alias", "gone").ExitCode);
        File.Delete(driver);
        Assert.Contains("│ file missing", Home.Run("list").Out, StringComparison.Ordinal);
        var refused = Home.Run("remove", "gone");
        Assert.Equal(3, refused.ExitCode);
        Assert.EndsWith("Pass --force to delete the entry anyway.\n", refused.Error, StringComparison.Ordinal);

        var forced = Home.Run("remove", "gone", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("without DRV_REMOVE (--force)", forced.Error, StringComparison.Ordinal);
        Assert.Null(Registry.GetValue("Drivers32", "gone"));
        Assert.Null(new DriverMetadataStore(Registry).Get("Drivers32", "gone"));
    }
}
