using System.Text.Json;

namespace InstallableDrivers.Tests.Cli;

/// <summary>What drv says and returns when things go wrong: one line on stderr, a documented exit code.</summary>
public sealed class DrvErrorTests : DrvTest
{
    [Theory]
    [InlineData("send", "nosuch", "DRV_QUERYCONFIGURE")]
    [InlineData("setup", "nosuch")]
    [InlineData("trace", "nosuch")]
    [InlineData("remove", "nosuch")]
    [InlineData("remove", "nosuch", "--force")]
    public void An_unknown_alias_is_not_found(params string[] args)
    {
        var result = Home.Run(args);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"drv: There is no alias 'nosuch' in [Drivers32] of {Home.RegistryPath}; 'drv list' shows what is installed.\n", result.Error);
    }

    [Fact]
    public void A_file_changed_after_install_is_refused_listed_and_opened_only_with_no_verify()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl").ExitCode);
        var bytes = File.ReadAllBytes(driver);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(driver, bytes);

        var send = Home.Run("send", "ctl", "DRV_USER+1", "2", "3");
        Assert.Equal(5, send.ExitCode);
        Assert.StartsWith($"drv: The driver file '{driver}' of 'ctl' in [Drivers32] changed since it was installed: its SHA-256 is ", send.Error, StringComparison.Ordinal);
        Assert.Single(send.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("│ file changed since install │", Home.Run("list").Out, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(Home.Run("list", "--json").Out))
        {
            Assert.Equal("file-changed", json.RootElement[0].GetProperty("status").GetString());
        }

        Assert.Equal("DRV_USER+1(0x2, 0x3) = 5 (0x5)\n", Home.Run("--no-verify", "send", "ctl", "DRV_USER+1", "2", "3").Out);
        Assert.Equal(5, Home.Run("remove", "ctl").ExitCode);
    }

    [Fact]
    public void A_malformed_registry_is_a_registry_error_in_one_line_with_the_stack_only_when_verbose()
    {
        File.WriteAllText(Home.RegistryPath, "[Drivers32]\nthis line is garbage\n");
        foreach (var args in new[] { new[] { "list" }, ["send", "ctl", "DRV_QUERYCONFIGURE"], ["install", Home.CopyDriver("ctldrv")] })
        {
            var result = Home.Run(args);
            Assert.Equal(6, result.ExitCode);
            Assert.Equal($"drv: {Home.RegistryPath}(2): expected 'alias=value', '[section]' or a ';' comment, found \"this line is garbage\"\n", result.Error);
        }

        var verbose = Home.Run("list", "--verbose");
        Assert.Equal(6, verbose.ExitCode);
        Assert.Contains("DriverRegistryFormatException", verbose.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_install_record_is_a_registry_error()
    {
        var driver = Home.CopyDriver("ctldrv");
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nctl={driver}\n[InstallableDrivers.Metadata:Drivers32]\nctl=sha256=zz\n");
        var result = Home.Run("send", "ctl", "DRV_QUERYCONFIGURE");
        Assert.Equal(6, result.ExitCode);
        Assert.Contains("InstallableDrivers.Metadata:Drivers32", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DRV_BOGUS", "'DRV_BOGUS' is not a message")]
    [InlineData("DRV_USER+x", "'DRV_USER+x' has no valid offset")]
    [InlineData("0x1FFFFFFFF", "'0x1FFFFFFFF' is not a message")]
    [InlineData("DRV_OPEN", "DRV_OPEN is sent by the host itself")]
    [InlineData("drv_close", "DRV_CLOSE is sent by the host itself")]
    public void A_bad_message_is_bad_input_before_anything_is_opened(string message, string error)
    {
        // The alias does not even exist: the message is checked first.
        var result = Home.Run("send", "nosuch", message);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"drv: {error}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send", "nosuch", "DRV_USER", "twelve")]
    [InlineData("trace", "nosuch", "DRV_USER:1:2:3")]
    [InlineData("trace", "nosuch", "DRV_USER:0xZZ")]
    public void Bad_lParams_are_bad_input(params string[] args) => Assert.Equal(2, Home.Run(args).ExitCode);

    [Theory]
    [InlineData]
    [InlineData("send")]
    [InlineData("frobnicate")]
    [InlineData("list", "--bogus")]
    public void Parser_errors_are_bad_input_in_drv_lines(params string[] args)
    {
        var result = Home.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.All(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("drv: ", line, StringComparison.Ordinal));
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_refused_load_is_refused_and_trace_still_shows_what_the_driver_said()
    {
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nload0={Home.CopyDriver("tracedrv_load0")}\n");
        var result = Home.Run("trace", "load0");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("refused to load: DRV_LOAD returned 0", result.Error, StringComparison.Ordinal);
        var row = Assert.Single(TraceTable.Rows(result.Out));
        Assert.Equal(("DRV_LOAD", "0 (0x0)"), (row["message"], row["result"]));
    }
}
