using System.Runtime.Versioning;
using System.Text.Json;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Cli;

/// <summary>
/// drv reports per entry and never half-acts: list gives every entry its own status, remove changes nothing unless it
/// can delete the entry, duplicate alias lines are shown and removed together, and the install records' sections are
/// out of reach of the driver commands.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DrvEntryStatusTests : DrvTest
{
    private const int OtherUser = 4321;

    private IniDriverRegistry Registry => new(Home.RegistryPath);

    [NotOnWindowsFact]
    public void List_gives_each_bad_entry_its_own_status_and_still_lists_the_good_ones()
    {
        var good = Home.CopyDriver("ctldrv", "good.so");
        var unreadable = Home.CopyDriver("ctldrv", "unreadable.so");
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        var dangling = Home.PathOf("files", "dangling.so");
        File.CreateSymbolicLink(dangling, Home.PathOf("files", "gone.so"));
        var text = Home.PathOf("files", "notes.so");
        File.WriteAllText(text, "not a library");
        var badRecord = Home.CopyDriver("ctldrv", "badrecord.so");
        File.WriteAllText(Home.RegistryPath, $"""
            [Drivers32]
            good={good}
            dangling={dangling}
            unreadable={unreadable}
            notes={text}
            badrecord={badRecord}
            good={text} second line
            [InstallableDrivers.Metadata:Drivers32]
            badrecord=sha256=zz

            """);

        // Not as root, for whom every file is readable.
        var list = Home.RunAs(OtherUser, "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.Out);
        var entries = json.RootElement.EnumerateArray()
            .Select(entry => (Alias: entry.GetProperty("alias").GetString(), Status: entry.GetProperty("status").GetString(),
                Problem: entry.GetProperty("problem").GetString() ?? ""))
            .ToList();
        Assert.Equal(
            [("good", "ok"), ("good", "duplicate-alias"), ("dangling", "file-missing"), ("unreadable", "not-readable"),
                ("notes", "not-a-driver"), ("badrecord", "record-malformed")],
            entries.Select(entry => (entry.Alias, entry.Status)));
        Assert.Contains($"only the first ({good}) counts", entries[1].Problem, StringComparison.Ordinal);
        Assert.Contains("InstallableDrivers.Metadata:Drivers32", entries[5].Problem, StringComparison.Ordinal);
        Assert.All(entries.Skip(1), entry => Assert.NotEqual("", entry.Problem));

        var table = Home.RunAs(OtherUser, "list");
        Assert.Equal(0, table.ExitCode);
        foreach (var status in new[] { "│ ok", "│ duplicate alias", "│ file missing", "│ not readable", "│ not a driver", "│ install record malformed" })
        {
            Assert.Contains(status, table.Out, StringComparison.Ordinal);
        }
    }

    [NotOnWindowsFact]
    public void Remove_on_a_registry_it_cannot_write_sends_no_DRV_REMOVE_and_changes_nothing_however_often_it_is_tried()
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl").ExitCode);
        var before = Home.RegistryText;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            // The registry and its folder are root's; the user may read them, not write them.
            var refused = Home.RunAs(OtherUser, "remove", "ctl");
            Assert.Equal(1, refused.ExitCode);
            Assert.DoesNotContain("DRV_REMOVE", refused.Error, StringComparison.Ordinal);
            Assert.StartsWith("drv: ", refused.Error, StringComparison.Ordinal);
            Assert.Empty(refused.Out);
            Assert.Equal(before, Home.RegistryText);
        }

        var removed = Home.Run("remove", "ctl");
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("ctldrv: DRV_REMOVE", removed.Error, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void Remove_deletes_every_line_of_a_repeated_alias_and_says_how_many()
    {
        var driver = Home.CopyDriver("ctldrv");
        File.WriteAllText(Home.RegistryPath, $"[Drivers32]\nwave1={driver}\nother={driver}\nWAVE1={driver} second\n[Drivers32]\nwave1={driver} third\n");

        var removed = Home.Run("remove", "wave1");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal($"Removed 'wave1' from [Drivers32] of {Home.RegistryPath}: all 3 of its lines (the file repeated it).\n", removed.Out);
        Assert.Null(Registry.GetValue("Drivers32", "wave1"));
        Assert.Equal($"[Drivers32]\nother={driver}\n[Drivers32]\n", Home.RegistryText);
        Assert.Equal(3, Home.Run("send", "wave1", "DRV_USER+1").ExitCode);
    }

    [Theory]
    [InlineData("install", "FILE")]
    [InlineData("remove", "ctl")]
    [InlineData("setup", "ctl")]
    [InlineData("send", "ctl", "DRV_USER+1")]
    [InlineData("trace", "ctl")]
    [InlineData("info", "ctl")]
    [InlineData("list")]
    public void Driver_commands_refuse_the_install_records_sections(params string[] args)
    {
        var driver = Home.CopyDriver("ctldrv");
        Assert.Equal(0, Home.Run("install", driver, "--alias", "ctl").ExitCode);
        var before = Home.RegistryText;

        var command = args.Select(arg => arg == "FILE" ? driver : arg).Concat(["--section", "InstallableDrivers.Metadata:Drivers32", "--force"]);
        var result = Home.Run(args[0] is "install" or "remove" ? [.. command] : [.. command.SkipLast(1)]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("drv: [InstallableDrivers.Metadata:Drivers32] holds the records of [Drivers32], not drivers; give the driver section itself.\n",
            result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Home.RegistryText);
        Assert.Equal("DRV_USER+1(0x2, 0x3) = 5 (0x5)\n", Home.Run("send", "ctl", "DRV_USER+1", "2", "3").Out);
    }
}
