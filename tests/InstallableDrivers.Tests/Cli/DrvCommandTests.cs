namespace InstallableDrivers.Tests.Cli;

/// <summary>setup, send, info and the global options, with the control-panel test driver.</summary>
public sealed class DrvCommandTests : DrvTest
{
    [Fact]
    public void Setup_reports_no_configuration_cancel_and_restart()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "plain", "--args", "noconfig").ExitCode);
        Assert.Equal(0, Home.Run("install", driver, "--alias", "cancel", "--args", "configure=cancel").ExitCode);
        Assert.Equal(0, Home.Run("install", driver, "--alias", "restart", "--args", "configure=restart").ExitCode);

        var none = Home.Run("setup", "plain");
        Assert.Equal((0, "'plain' has no configuration: DRV_QUERYCONFIGURE returned 0.\n"), (none.ExitCode, none.Out));
        Assert.DoesNotContain("DRV_CONFIGURE", none.Error, StringComparison.Ordinal);

        var cancel = Home.Run("setup", "cancel");
        Assert.Equal(4, cancel.ExitCode);
        Assert.Contains(@"ctldrv: DRV_CONFIGURE Drivers32\cancel", cancel.Error, StringComparison.Ordinal);
        Assert.EndsWith("drv: The configuration of 'cancel' was cancelled: DRV_CONFIGURE returned DRVCNF_CANCEL.\n", cancel.Error, StringComparison.Ordinal);

        var restart = Home.Run("setup", "restart");
        Assert.Equal(0, restart.ExitCode);
        Assert.Contains("the driver asks for a restart (DRVCNF_RESTART)", restart.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DRV_USER+1", "0x10", "-1", "DRV_USER+1(0x10, 0xFFFFFFFFFFFFFFFF) = 15 (0xF)")]
    [InlineData("16385", "2", "3", "DRV_USER+1(0x2, 0x3) = 5 (0x5)")]
    [InlineData("0x4001", "0x7fffffffffffffff", "0", "DRV_USER+1(0x7FFFFFFFFFFFFFFF, 0x0) = 9223372036854775807 (0x7FFFFFFFFFFFFFFF)")]
    [InlineData("drv_queryconfigure", null, null, "DRV_QUERYCONFIGURE(0x0, 0x0) = 1 (0x1)")]
    [InlineData("DRV_RESERVED+0x10", null, null, "DRV_RESERVED+16(0x0, 0x0) = 0 (0x0)")]
    public void Send_takes_names_and_numbers_and_prints_decimal_and_hex(string message, string? lParam1, string? lParam2, string expected)
    {
        Assert.Equal(0, Home.Run("install", Home.CopyDriver("ctldrv"), "--alias", "ctl").ExitCode);
        string[] args = ["send", "ctl", message, .. new[] { lParam1, lParam2 }.OfType<string>()];
        var result = Home.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected + "\n", result.Out);
    }

    [Fact]
    public void Info_says_where_a_name_resolves_from()
    {
        var driver = Home.CopyDriver("ctldrv");
        var byPath = Home.Run("info", driver);
        Assert.Equal(0, byPath.ExitCode);
        Assert.Contains("resolves from  the absolute path given\n", byPath.Out, StringComparison.Ordinal);
        Assert.Contains("entry point    DriverProc\n", byPath.Out, StringComparison.Ordinal);


        // A bare name is found in the registry's drivers folder, as OpenDriver finds it.
        var drivers = Path.Combine(Path.GetDirectoryName(Home.RegistryPath)!, "drivers");
        Directory.CreateDirectory(drivers);
        File.Copy(driver, Path.Combine(drivers, "ctldrv.so"));
        var byName = Home.Run("info", "ctldrv");
        Assert.Contains($"resolves from  the driver folder {drivers}\n", byName.Out, StringComparison.Ordinal);

        Assert.Equal(3, Home.Run("info", "nothing-of-that-name").ExitCode);
    }

    [Fact]
    public void An_entry_by_bare_name_is_found_in_the_drivers_folder_beside_the_registry()
    {
        var drivers = Path.Combine(Path.GetDirectoryName(Home.RegistryPath)!, "drivers");
        Directory.CreateDirectory(drivers);
        File.Copy(Home.CopyDriver("ctldrv"), Path.Combine(drivers, "ctldrv.so"));
        File.WriteAllText(Home.RegistryPath, "[Drivers32]\nctl=ctldrv\n");
        Assert.Equal("DRV_USER+1(0x1, 0x1) = 2 (0x2)\n", Home.Run("send", "ctl", "DRV_USER+1", "1", "1").Out);
    }

    [Fact]
    public void Without_registry_the_library_default_is_used()
    {
        Assert.Equal(0, Home.Run("install", Home.CopyDriver("ctldrv"), "--alias", "ctl").ExitCode);
        var environment = new Dictionary<string, string> { ["INSTALLABLE_DRIVERS_REGISTRY"] = Home.RegistryPath };
        var result = Home.RunRaw(["list"], environment: environment);
        Assert.Contains("│ ctl ", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("list")]
    [InlineData("install")]
    [InlineData("remove")]
    [InlineData("setup")]
    [InlineData("send")]
    [InlineData("trace")]
    [InlineData("info")]
    public void Every_command_has_help(params string[] command)
    {
        var result = Home.RunRaw([.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("--registry", result.Out, StringComparison.Ordinal);
        Assert.Equal(command.Length == 0, result.Out.Contains("Exit codes:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_help_and_docs_drv_md_list_the_same_exit_codes()
    {
        // docs/drv.md's table rows read "| N | meaning |"; the help's rows "  N  meaning".
        var documented = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Path.Combine(Sdk.NativeToolchain.RepositoryRoot, "docs", "drv.md")), @"^\| (\d+) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value);
        var help = Home.RunRaw(["--help"]).Out;
        var listed = help[help.IndexOf("Exit codes:", StringComparison.Ordinal)..].Split('\n')
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^  (\d+)  ")).Where(match => match.Success)
            .Select(match => match.Groups[1].Value);

        Assert.Equal(documented.Order(), listed.Order());
    }
}
