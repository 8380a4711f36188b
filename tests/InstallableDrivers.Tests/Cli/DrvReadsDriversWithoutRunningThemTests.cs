using System.Text.Json;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// drv list, info and install look at a driver file by reading it: no code in it runs until the driver is opened
/// (issue #9, items 1–3). The drivers here have an ELF constructor (NativeDrivers/ctor_marker.h) that writes a marker
/// file named by CTOR_MARKER, or crashes when CTOR_CRASH is set.
/// </summary>
public sealed class DrvReadsDriversWithoutRunningThemTests : DrvTest
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);

    private string Folder => Path.GetDirectoryName(Home.RegistryPath)!;

    private string Marker => Path.Combine(Folder, "constructor-ran");

    private DrvResult Run(IDictionary<string, string> environment, params string[] args) =>
        Home.RunRaw(["--registry", Home.RegistryPath, .. args], environment: environment);

    private Dictionary<string, string> MarkerEnvironment => new() { ["CTOR_MARKER"] = Marker };

    [NotOnWindowsFact]
    public void List_info_and_a_refused_install_run_no_code_of_the_file_and_opening_it_does()
    {
        var driver = Home.CopyDriver("ctordrv");
        File.AppendAllText(Home.RegistryPath, $"[Drivers32]\nctor={driver}\n");

        var list = Run(MarkerEnvironment, "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.Out))
        {
            Assert.Equal("ok", json.RootElement[0].GetProperty("status").GetString());
            Assert.Equal("DriverProc", json.RootElement[0].GetProperty("entryPoint").GetString());
        }

        Assert.Equal(0, Run(MarkerEnvironment, "info", "ctor").ExitCode);
        Assert.Equal(0, Run(MarkerEnvironment, "info", driver).ExitCode);
        var refused = Run(MarkerEnvironment, "install", Home.CopyDriver("ctorlib"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("exports no 'DriverProc' function", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Marker), "a command that only looks at a driver ran its ELF constructor");

        // Opening is when a driver's code runs: the marker shows the constructor works.
        Assert.Equal(0, Run(MarkerEnvironment, "send", "ctor", "DRV_QUERYCONFIGURE").ExitCode);
        Assert.True(File.Exists(Marker));
    }

    [NotOnWindowsFact]
    public void A_driver_whose_constructor_crashes_is_listed_and_described_and_only_opening_it_crashes()
    {
        var driver = Home.CopyDriver("ctordrv");
        File.AppendAllText(Home.RegistryPath, $"[Drivers32]\nctor={driver}\n");
        var crash = new Dictionary<string, string> { ["CTOR_CRASH"] = "1" };

        var list = Run(crash, "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("│ ok     │", list.Out, StringComparison.Ordinal);
        Assert.Equal(0, Run(crash, "info", "ctor").ExitCode);

        // The same driver opened: its constructor does crash the process (SIGSEGV: 128 + 11).
        Assert.Equal(139, Run(crash, "send", "ctor", "DRV_QUERYCONFIGURE").ExitCode);
    }

    [NotOnWindowsFact]
    public void A_truncated_copy_is_not_a_driver_in_list_info_and_install_and_nothing_dies()
    {
        var whole = File.ReadAllBytes(TestDrivers.PathOf("ctldrv"));
        var truncated = Path.Combine(Folder, "truncated.so");
        File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);
        File.AppendAllText(Home.RegistryPath, $"[Drivers32]\ncut={truncated}\n");

        var list = Home.Run("list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.Out))
        {
            Assert.Equal("not-a-driver", json.RootElement[0].GetProperty("status").GetString());
            Assert.Contains("truncated: ", json.RootElement[0].GetProperty("problem").GetString(), StringComparison.Ordinal);
        }

        foreach (var args in new[] { new[] { "info", truncated }, ["install", truncated, "--alias", "again"], ["send", "cut", "DRV_QUERYCONFIGURE"] })
        {
            var result = Home.Run(args);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"'{truncated}' is not a driver: truncated: ", result.Error, StringComparison.Ordinal);
            Assert.Contains($"the file has {whole.Length / 2} bytes", result.Error, StringComparison.Ordinal);
        }
    }

    [NotOnWindowsFact]
    public void A_fifo_as_a_driver_file_or_as_the_registry_is_refused_promptly_saying_what_it_is()
    {
        var fifo = Path.Combine(Folder, "fifo.so");
        SpecialFiles.MakeFifo(fifo);
        File.AppendAllText(Home.RegistryPath, $"[Drivers32]\npipe={fifo}\n");

        var list = Home.RunRaw(["--registry", Home.RegistryPath, "list", "--json"], timeout: Prompt);
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.Out))
        {
            Assert.Equal("not-a-driver", json.RootElement[0].GetProperty("status").GetString());
            Assert.Equal($"'{fifo}' is not a driver: it is a FIFO (named pipe), not a regular file.", json.RootElement[0].GetProperty("problem").GetString());
        }

        var info = Home.RunRaw(["--registry", Home.RegistryPath, "info", fifo], timeout: Prompt);
        Assert.Equal(2, info.ExitCode);
        var install = Home.RunRaw(["--registry", Home.RegistryPath, "install", fifo, "--alias", "other"], timeout: Prompt);
        Assert.Equal(2, install.ExitCode);
        Assert.Equal($"drv: '{fifo}' is not a driver: it is a FIFO (named pipe), not a regular file.\n", install.Error);

        var registry = Home.RunRaw(["--registry", fifo, "list"], timeout: Prompt);
        Assert.Equal(1, registry.ExitCode);
        Assert.Equal($"drv: The registry file '{fifo}' is a FIFO (named pipe), not a regular file.\n", registry.Error);
    }
}
