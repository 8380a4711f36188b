using System.Diagnostics;
using System.Runtime.Versioning;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// A registry write keeps what the file is: a link stays a link and its target is written; permissions, owner and
/// group stay; the lock file stays usable by the registry's owner. The tests run as root, as an administrator would.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DrvRegistryFileTests : DrvTest
{
    private const int OtherUser = 4321;

    [NotOnWindowsFact]
    public void A_registry_that_is_a_symbolic_link_is_written_through_to_its_target_and_stays_a_link()
    {
        var real = Home.PathOf("elsewhere", "real.ini");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, "; kept\n[Drivers32]\n");
        File.CreateSymbolicLink(Home.RegistryPath, "elsewhere/real.ini");

        // A reader that keeps the registry open through the link sees what other processes write through it.
        var viaLink = new IniDriverRegistry(Home.RegistryPath);
        Assert.Null(viaLink.GetValue("Drivers32", "ctl"));

        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl").ExitCode);

        Assert.Equal(driver, viaLink.GetValue("Drivers32", "ctl"));
        Assert.Equal("elsewhere/real.ini", new FileInfo(Home.RegistryPath).LinkTarget);
        Assert.Equal(driver, new IniDriverRegistry(real).GetValue("Drivers32", "ctl"));
        Assert.StartsWith("; kept\n[Drivers32]\nctl=", File.ReadAllText(real), StringComparison.Ordinal);
        // The target's lock and no stray temporary file: the link's directory holds only what it held.
        Assert.True(File.Exists(real + ".lock"));
        Assert.Equal(["real.ini", "real.ini.lock"], Directory.GetFiles(Path.GetDirectoryName(real)!).Select(Path.GetFileName).Order());

        Assert.Equal(0, Home.Run("remove", "ctl").ExitCode);
        Assert.Null(new IniDriverRegistry(real).GetValue("Drivers32", "ctl"));
        Assert.NotNull(new FileInfo(Home.RegistryPath).LinkTarget);
    }

    [NotOnWindowsFact]
    public void A_users_0600_registry_written_by_root_keeps_its_mode_owner_and_group_and_the_user_can_still_write_it()
    {
        File.WriteAllText(Home.RegistryPath, "[Drivers32]\n");
        File.SetUnixFileMode(Home.RegistryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Chown(Home.RegistryPath, OtherUser);
        // The user's folder, as ~/.config/installable-drivers would be.
        Chown(Path.GetDirectoryName(Home.RegistryPath)!, OtherUser);

        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "byroot").ExitCode);
        Assert.Equal(driver, new IniDriverRegistry(Home.RegistryPath).GetValue("Drivers32", "byroot"));
        Assert.Equal($"600 {OtherUser}:{OtherUser}", Stat(Home.RegistryPath));
        Assert.Equal($"600 {OtherUser}:{OtherUser}", Stat(Home.RegistryPath + ".lock"));

        // The user, not root, writes next: the lock file root's write left behind is theirs to take.
        var byUser = Home.RunAs(OtherUser, "remove", "byroot");
        Assert.True(byUser.ExitCode == 0, byUser.ToString());
        Assert.Null(new IniDriverRegistry(Home.RegistryPath).GetValue("Drivers32", "byroot"));
        Assert.Equal($"600 {OtherUser}:{OtherUser}", Stat(Home.RegistryPath));
    }

    [NotOnWindowsFact]
    public void A_write_that_could_not_keep_the_owner_fails_and_leaves_the_file_as_it_was()
    {
        // Root's registry that anyone may write, in a folder anyone may write: a user's write could only make it theirs.
        File.WriteAllText(Home.RegistryPath, "[Drivers32]\n");
        File.SetUnixFileMode(Home.RegistryPath, (UnixFileMode)0b110_110_110);
        File.SetUnixFileMode(Path.GetDirectoryName(Home.RegistryPath)!, (UnixFileMode)0b111_111_111);

        var result = Home.RunAs(OtherUser, "install", Home.CopyDriver("ctldrv"), "--alias", "ctl");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Could not give the new copy of '{Home.RegistryPath}' its owner and group 0:0", result.Error, StringComparison.Ordinal);
        Assert.Equal("[Drivers32]\n", Home.RegistryText);
        Assert.Equal("666 0:0", Stat(Home.RegistryPath));
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(Home.RegistryPath)!), file => file.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static void Chown(string path, int uid) => Run("chown", $"{uid}:{uid}", path);

    private static string Stat(string path) => Run("stat", "-c", "%a %u:%g", path).Trim();

    private static string Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
