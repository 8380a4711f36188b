using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Cli;

/// <summary>Several drv processes installing one alias at once: the check and the write are one registry transaction.</summary>
public sealed class DrvConcurrentInstallTests : DrvTest
{
    private IniDriverRegistry Registry => new(Home.RegistryPath);

    [Fact]
    public void Of_eight_installs_of_one_alias_at_once_exactly_one_succeeds_and_seven_say_it_is_installed()
    {
        var driver = Home.CopyDriver("ctldrv");
        // Holding the registry's lock until all eight are up makes them contend for it instead of running one by one.
        List<System.Diagnostics.Process> installs;
        using (new FileStream(Home.RegistryPath + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            installs = [.. Enumerable.Range(0, 8).Select(i => Home.Start(["install", driver, "--alias", "same", "--args", $"run{i}"]))];
            Thread.Sleep(TimeSpan.FromSeconds(3));
        }

        var results = installs.Select(install =>
        {
            using (install)
            {
                return DrvHome.Finish(install);
            }
        }).ToList();

        var installed = Assert.Single(results, result => result.ExitCode == 0);
        Assert.Contains("Installed 'same' in [Drivers32]", installed.Out, StringComparison.Ordinal);
        var refused = results.Where(result => result != installed).ToList();
        Assert.Equal(7, refused.Count);
        Assert.All(refused, result =>
        {
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("drv: 'same' is already installed in [Drivers32]: ", result.Error, StringComparison.Ordinal);
        });

        // The one that says so is the one whose entry is there, and it alone got DRV_INSTALL.
        var value = Registry.GetValue("Drivers32", "same")!;
        Assert.Single(Registry.GetValues("Drivers32", "same"));
        Assert.Equal(1, results.Count(result => result.Error.Contains("ctldrv: DRV_INSTALL", StringComparison.Ordinal)));
        Assert.Contains("ctldrv: DRV_INSTALL", installed.Error, StringComparison.Ordinal);
        Assert.All(refused, result => Assert.Contains(value, result.Error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cancelled_install_undoes_only_its_own_writes_and_keeps_a_force_install_made_meanwhile()
    {
        var cancelling = Home.CopyDriver("ctldrv", "cancelling.so");
        var forced = Home.CopyDriver("ctldrv", "forced.so");
        var gate = Home.PathOf("gate");
        using var first = Home.Start(
            ["install", cancelling, "--alias", "x", "--args", "install=wait install=cancel"], new Dictionary<string, string> { ["CTLDRV_GATE"] = gate });

        // The first drv is inside DRV_INSTALL (its entry written) when its driver says so.
        Assert.StartsWith(@"ctldrv: DRV_INSTALL Drivers32\x", first.StandardError.ReadLine(), StringComparison.Ordinal);
        Assert.Equal($"{cancelling} install=wait install=cancel", Registry.GetValue("Drivers32", "x"));

        var second = Home.Run("install", forced, "--alias", "x", "--force");
        Assert.True(second.ExitCode == 0, second.ToString());
        var secondRecord = new DriverMetadataStore(Registry).Get("Drivers32", "x");

        File.WriteAllText(gate, "");
        var cancelled = DrvHome.Finish(first);
        Assert.Equal(4, cancelled.ExitCode);
        Assert.EndsWith("DRV_INSTALL returned DRVCNF_CANCEL. 'x' was installed again by another writer meanwhile; that install stays.\n",
            cancelled.Error, StringComparison.Ordinal);
        Assert.Equal(forced, Registry.GetValue("Drivers32", "x"));
        Assert.Equal(secondRecord, new DriverMetadataStore(Registry).Get("Drivers32", "x"));
        Assert.Equal(DriverFile.ComputeSha256(forced), secondRecord?.Sha256);
    }
}
