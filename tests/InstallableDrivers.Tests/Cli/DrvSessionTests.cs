using System.Text.Json;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>The Drivers control panel's whole round, with the sample driver: install, list, setup, send, trace, info, remove.</summary>
public sealed class DrvSessionTests : DrvTest
{
    [Fact]
    public void Install_list_setup_send_trace_info_remove()
    {
        var tonegen = Home.CopyDriver("tonegen");
        var sha256 = DriverFile.ComputeSha256(tonegen);

        var install = Home.Run("install", tonegen, "--alias", "wave.tonegen", "--args", "freq=440 rate=8000");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains($"Installed 'wave.tonegen' in [Drivers32] of {Home.RegistryPath}: {tonegen}, native driver (DriverProc)", install.Out, StringComparison.Ordinal);
        Assert.Contains("DRV_INSTALL returned DRVCNF_OK.", install.Out, StringComparison.Ordinal);
        var registry = new IniDriverRegistry(Home.RegistryPath);
        Assert.Equal($"{tonegen} freq=440 rate=8000", registry.GetValue("Drivers32", "wave.tonegen"));
        Assert.Equal(sha256, new DriverMetadataStore(registry).Get("Drivers32", "wave.tonegen")?.Sha256);

        var list = Home.Run("list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches($@"│ wave\.tonegen\s+│ Drivers32\s+│ {tonegen}\s+│ freq=440 rate=8000\s+│ native\s+│ ok\s+│", list.Out);

        var json = Home.Run("list", "--json");
        using (var document = JsonDocument.Parse(json.Out))
        {
            var entry = Assert.Single(document.RootElement.EnumerateArray());
            Assert.Equal("wave.tonegen", entry.GetProperty("alias").GetString());
            Assert.Equal("ok", entry.GetProperty("status").GetString());
            Assert.Equal("native", entry.GetProperty("kind").GetString());
            Assert.Equal(sha256, entry.GetProperty("sha256").GetString());
        }

        var setup = Home.Run("setup", "wave.tonegen");
        Assert.Equal(0, setup.ExitCode);
        Assert.Equal("Configured 'wave.tonegen': DRV_CONFIGURE returned DRVCNF_OK.\n", setup.Out);
        Assert.Contains(@"tonegen: settings would be kept under Drivers32\wave.tonegen", setup.Error, StringComparison.Ordinal);

        var send = Home.Run("send", "wave.tonegen", "DRV_USER+1", "880");
        Assert.Equal(0, send.ExitCode);
        Assert.Equal("DRV_USER+1(0x370, 0x0) = 440 (0x1B8)\n", send.Out);

        var trace = Home.Run("trace", "wave.tonegen", "DRV_QUERYCONFIGURE", "drv_user+1:1000");
        Assert.Equal(0, trace.ExitCode);
        Assert.Equal(
            ["DRV_LOAD", "DRV_ENABLE", "DRV_OPEN", "DRV_QUERYCONFIGURE", "DRV_USER+1", "DRV_CLOSE", "DRV_DISABLE", "DRV_FREE"],
            TraceTable.Column(trace.Out, "message"));
        var userRow = TraceTable.Rows(trace.Out).Single(row => row["message"] == "DRV_USER+1");
        Assert.Equal(("0x3E8", "0x0", "440 (0x1B8)"), (userRow["lParam1"], userRow["lParam2"], userRow["result"]));
        Assert.Equal("0x0", TraceTable.Rows(trace.Out).Single(row => row["message"] == "DRV_FREE")["dwDriverId"]);
        // Pointer parameters the runtime knows are shown with what they pointed at: DRV_OPEN's args string.
        Assert.EndsWith(" \"freq=440 rate=8000\"", TraceTable.Rows(trace.Out).Single(row => row["message"] == "DRV_OPEN")["lParam1"], StringComparison.Ordinal);

        var info = Home.Run("info", "wave.tonegen");
        Assert.Equal(0, info.ExitCode);
        Assert.Contains($"resolves from  alias 'wave.tonegen' in [Drivers32] of {Home.RegistryPath}", info.Out, StringComparison.Ordinal);
        Assert.Contains("kind           native\n", info.Out, StringComparison.Ordinal);
        Assert.Contains("entry point    DriverProc\n", info.Out, StringComparison.Ordinal);
        Assert.Contains($"sha-256        {sha256}\n", info.Out, StringComparison.Ordinal);

        var remove = Home.Run("remove", "wave.tonegen");
        Assert.Equal(0, remove.ExitCode);
        Assert.Equal($"Removed 'wave.tonegen' from [Drivers32] of {Home.RegistryPath}.\n", remove.Out);
        Assert.Null(registry.GetValue("Drivers32", "wave.tonegen"));
        Assert.Null(new DriverMetadataStore(registry).Get("Drivers32", "wave.tonegen"));

        Assert.Equal($"No drivers are installed in {Home.RegistryPath}.\n", Home.Run("list").Out);
    }

    [Fact]
    public void The_dotnet_sample_driver_installs_lists_as_dotnet_and_answers()
    {
        var toneGenerator = Path.Combine(TestDrivers.Directory, "ToneGenerator.dll");
        var install = Home.Run("install", toneGenerator, "--args", "freq=440 rate=8000");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("Installed 'ToneGenerator' (alias from the file name)", install.Out, StringComparison.Ordinal);
        Assert.Contains(".NET driver (InstallableDrivers.Samples.ToneGenerator)", install.Out, StringComparison.Ordinal);

        Assert.Matches(@"│ ToneGenerator\s+│ Drivers32\s+│ .+ToneGenerator\.dll\s+│ freq=440 rate=8000\s+│ \.NET\s+│ ok\s+│", Home.Run("list").Out);
        Assert.Contains("driver type    InstallableDrivers.Samples.ToneGenerator\n", Home.Run("info", "ToneGenerator").Out, StringComparison.Ordinal);
        Assert.Equal("Configured 'ToneGenerator': DRV_CONFIGURE returned DRVCNF_OK.\n", Home.Run("setup", "ToneGenerator").Out);
        Assert.Equal("DRV_USER+1(0x3E8, 0x0) = 440 (0x1B8)\n", Home.Run("send", "ToneGenerator", "DRV_USER+1", "1000").Out);
        Assert.Equal(0, Home.Run("remove", "ToneGenerator").ExitCode);
    }
}
