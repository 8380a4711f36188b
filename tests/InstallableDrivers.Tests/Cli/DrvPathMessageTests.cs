using System.Diagnostics;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>What drv says about paths it cannot use (issue #9, items 4, 12 and 14): one clear line, the right exit code.</summary>
public sealed class DrvPathMessageTests : DrvTest
{
    private string Folder => Path.GetDirectoryName(Home.RegistryPath)!;

    [Fact]
    public void Info_never_falls_back_to_a_file_in_the_current_directory()
    {
        var driver = Home.CopyDriver("ctldrv");

        var result = Home.RunRaw(["--registry", Home.RegistryPath, "info", "ctldrv.so"], workingDirectory: Path.GetDirectoryName(driver));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("the current directory is never searched", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("resolves from  the current directory", result.Out, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void A_registry_path_that_is_proc_version_or_under_dev_null_or_a_directory_says_what_is_wrong()
    {
        // Read, it is a malformed registry whose first line is quoted; written to, its folder takes no new file.
        var proc = Home.RunRaw(["--registry", "/proc/version", "list"]);
        Assert.Equal(6, proc.ExitCode);
        Assert.StartsWith("drv: /proc/version(1): expected 'alias=value'", proc.Error, StringComparison.Ordinal);
        var procInstall = Home.RunRaw(["--registry", "/proc/version", "install", Home.CopyDriver("ctldrv")]);
        Assert.Equal(1, procInstall.ExitCode);
        Assert.StartsWith("drv: The registry file '/proc/version' cannot be written: no file can be created in its folder '/proc'", procInstall.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(".lock", procInstall.Error, StringComparison.Ordinal);

        var procFolder = Home.RunRaw(["--registry", "/proc/drv-test.ini", "install", Home.CopyDriver("ctldrv")]);
        Assert.Equal(1, procFolder.ExitCode);
        Assert.StartsWith("drv: The registry file '/proc/drv-test.ini' cannot be written: no file can be created in its folder '/proc'", procFolder.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(".lock", procFolder.Error, StringComparison.Ordinal);

        var device = Home.RunRaw(["--registry", "/dev/null/x.ini", "install", Home.CopyDriver("ctldrv")]);
        Assert.Equal((1, "drv: The registry file '/dev/null/x.ini' cannot be created: '/dev/null' is a character device, not a directory.\n"), (device.ExitCode, device.Error));

        var folder = Home.RunRaw(["--registry", Folder, "list"]);
        Assert.Equal(1, folder.ExitCode);
        Assert.StartsWith($"drv: The registry file '{Folder}' is a directory;", folder.Error, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_driver_file_this_user_may_not_read_is_access_denied_not_a_crash()
    {
        var driver = Home.CopyDriver("ctldrv");
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(Folder, readable);
        File.SetUnixFileMode(Path.GetDirectoryName(driver)!, readable);
        File.SetUnixFileMode(driver, UnixFileMode.None);
        string[] args = ["--registry", Home.RegistryPath, "info", driver];

        // Root may read every file: then drv runs as the user nobody, who may read everything here but the driver.
        var result = Environment.UserName == "root" ? RunAsNobody(args) : Home.RunRaw(args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"drv: The driver file '{driver}' exists but this process may not read it (", result.Error, StringComparison.Ordinal);
    }

    private static DrvResult RunAsNobody(string[] args)
    {
        var start = BuiltProgram.StartInfo("DrvPath", args);
        string[] setpriv = ["--reuid=65534", "--regid=65534", "--clear-groups", start.FileName];
        for (var i = 0; i < setpriv.Length; i++)
        {
            start.ArgumentList.Insert(i, setpriv[i]);
        }

        start.FileName = "setpriv";
        start.Environment["HOME"] = start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("drv as nobody did not finish.");
        }

        return new DrvResult(process.ExitCode, output.Result, error.Result);
    }
}
