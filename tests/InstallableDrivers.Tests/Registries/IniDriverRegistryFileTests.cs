using System.Text;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

/// <summary>What <see cref="IniDriverRegistry"/> does to and with the file: syntax, preservation, errors, caching, locking.</summary>
public sealed class IniDriverRegistryFileTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    private string IniPath => directory.File("system.ini");

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("system.ini")]
    [InlineData("config/system.ini")]
    [InlineData("./system.ini")]
    public void A_relative_path_is_refused(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => new IniDriverRegistry(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilePath_is_the_path_given()
    {
        Assert.Equal(IniPath, new IniDriverRegistry(IniPath).FilePath);
    }

    [Fact]
    public void A_missing_file_is_an_empty_registry_and_reading_it_creates_nothing()
    {
        var registry = new IniDriverRegistry(directory.File("config", "system.ini"));

        Assert.Empty(registry.GetSections());
        Assert.Empty(registry.GetAliases("Drivers32"));
        Assert.Null(registry.GetValue("Drivers32", "wave"));
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public void The_first_write_creates_the_directory_and_the_file()
    {
        var path = directory.File("config", "installable-drivers", "system.ini");

        new IniDriverRegistry(path).SetValue("Drivers32", "wave", "a.so  args");

        Assert.Equal($"[Drivers32]{Environment.NewLine}wave=a.so  args{Environment.NewLine}", File.ReadAllText(path));
    }

    [Fact]
    public void Headers_and_entries_are_trimmed_around_their_names_and_the_equals_sign()
    {
        File.WriteAllText(IniPath, "  [ drivers32 ]  ; audio\n\t wave\t= \t a.so  some args \t\n");
        var registry = new IniDriverRegistry(IniPath);

        Assert.Equal(["drivers32"], registry.GetSections());
        Assert.Equal(["wave"], registry.GetAliases("Drivers32"));
        Assert.Equal("a.so  some args", registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Changing_an_alias_rewrites_only_its_line()
    {
        const string original =
            "; system.ini for tests\r\n\r\n[boot]\r\nshell=explorer.exe\r\n\r\n[drivers32]\r\n# the wave driver\r\n" +
            "Wave = old.so  args\r\nmidi=midi.so\r\n\r\n[driver.status]\r\nwave=sha256:00ff\r\n";
        File.WriteAllText(IniPath, original);

        new IniDriverRegistry(IniPath).SetValue("DRIVERS32", "WAVE", "new.so  args");

        Assert.Equal(original.Replace("Wave = old.so  args", "Wave=new.so  args", StringComparison.Ordinal), File.ReadAllText(IniPath));
    }

    [Fact]
    public void A_new_alias_goes_after_the_last_entry_of_its_section()
    {
        File.WriteAllText(IniPath, "[drivers32]\nwave=a.so\n; about midi\nmidi=b.so\n\n; next section\n[mci32]\ncd=cd.so\n");

        new IniDriverRegistry(IniPath).SetValue("Drivers32", "aux", "c.so");

        Assert.Equal("[drivers32]\nwave=a.so\n; about midi\nmidi=b.so\naux=c.so\n\n; next section\n[mci32]\ncd=cd.so\n", File.ReadAllText(IniPath));
    }

    [Fact]
    public void A_new_alias_of_a_section_without_entries_goes_right_after_its_header()
    {
        File.WriteAllText(IniPath, "[drivers32]\n; none yet\n\n[mci32]\ncd=cd.so\n");

        new IniDriverRegistry(IniPath).SetValue("Drivers32", "wave", "a.so");

        Assert.Equal("[drivers32]\nwave=a.so\n; none yet\n\n[mci32]\ncd=cd.so\n", File.ReadAllText(IniPath));
    }

    [Theory]
    [InlineData("[boot]\nshell=x\n", "[boot]\nshell=x\n\n[Drivers32]\nwave=a.so\n")]
    [InlineData("[boot]\nshell=x\n\n", "[boot]\nshell=x\n\n[Drivers32]\nwave=a.so\n")]
    [InlineData("[boot]\r\nshell=x", "[boot]\r\nshell=x\r\n\r\n[Drivers32]\r\nwave=a.so\r\n")]
    [InlineData("; only a comment", "; only a comment\n\n[Drivers32]\nwave=a.so\n")]
    public void A_new_section_is_appended_at_the_end_in_the_file_s_line_breaks(string original, string expected)
    {
        File.WriteAllText(IniPath, original);

        new IniDriverRegistry(IniPath).SetValue("Drivers32", "wave", "a.so");

        Assert.Equal(expected, File.ReadAllText(IniPath));
    }

    [Fact]
    public void A_byte_order_mark_is_kept()
    {
        File.WriteAllBytes(IniPath, [.. Encoding.UTF8.GetPreamble(), .. "[drivers32]\nwave=é.so"u8]);

        new IniDriverRegistry(IniPath).SetValue("Drivers32", "midi", "ü.so");

        Assert.Equal([.. Encoding.UTF8.GetPreamble(), .. "[drivers32]\nwave=é.so\nmidi=ü.so\n"u8], File.ReadAllBytes(IniPath));
        Assert.Equal("é.so", new IniDriverRegistry(IniPath).GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Deleting_an_alias_removes_only_its_line()
    {
        File.WriteAllText(IniPath, "; drivers\n[drivers32]\nwave=a.so\n; midi next\nmidi=b.so\n\n[mci32]\nwave=c.so\n");

        Assert.True(new IniDriverRegistry(IniPath).DeleteValue("Drivers32", "WAVE"));

        Assert.Equal("; drivers\n[drivers32]\n; midi next\nmidi=b.so\n\n[mci32]\nwave=c.so\n", File.ReadAllText(IniPath));
    }

    [Fact]
    public void Writing_what_is_already_there_leaves_the_file_alone()
    {
        File.WriteAllText(IniPath, "[drivers32]\nwave = a.so\n");
        var before = File.GetLastWriteTimeUtc(IniPath) - TimeSpan.FromHours(1);
        File.SetLastWriteTimeUtc(IniPath, before);
        var registry = new IniDriverRegistry(IniPath);

        registry.SetValue("Drivers32", "wave", "a.so");
        Assert.False(registry.DeleteValue("Drivers32", "midi"));

        Assert.Equal("[drivers32]\nwave = a.so\n", File.ReadAllText(IniPath));
        Assert.Equal(before, File.GetLastWriteTimeUtc(IniPath));
    }

    [Fact]
    public void Of_an_alias_listed_twice_the_first_is_read_and_updated()
    {
        File.WriteAllText(IniPath, "[drivers32]\nwave=first.so\nWAVE=second.so\n");
        var registry = new IniDriverRegistry(IniPath);

        Assert.Equal("first.so", registry.GetValue("Drivers32", "wave"));
        Assert.Equal(["wave"], registry.GetAliases("Drivers32"));

        registry.SetValue("Drivers32", "wave", "third.so");

        Assert.Equal("[drivers32]\nwave=third.so\nWAVE=second.so\n", File.ReadAllText(IniPath));
    }

    [Fact]
    public void Of_an_alias_listed_twice_the_first_is_deleted()
    {
        File.WriteAllText(IniPath, "[drivers32]\nwave=first.so\nWAVE=second.so\n");
        var registry = new IniDriverRegistry(IniPath);

        Assert.True(registry.DeleteValue("Drivers32", "wave"));

        Assert.Equal("[drivers32]\nWAVE=second.so\n", File.ReadAllText(IniPath));
        Assert.Equal("second.so", registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Headers_of_the_same_section_make_one_section()
    {
        File.WriteAllText(IniPath, "[drivers32]\nwave=a.so\n[mci32]\ncd=c.so\n[DRIVERS32]\nmidi=b.so\nwave=ignored.so\n");
        var registry = new IniDriverRegistry(IniPath);

        Assert.Equal(["drivers32", "mci32"], registry.GetSections());
        Assert.Equal(["wave", "midi"], registry.GetAliases("Drivers32"));
        Assert.Equal("a.so", registry.GetValue("Drivers32", "wave"));

        registry.SetValue("Drivers32", "aux", "x.so");

        Assert.Equal("[drivers32]\nwave=a.so\n[mci32]\ncd=c.so\n[DRIVERS32]\nmidi=b.so\nwave=ignored.so\naux=x.so\n", File.ReadAllText(IniPath));
    }

    [Theory]
    [InlineData("wave=a.so\n", 1, "expected a '[section]' header before the first 'alias=value', found \"wave=a.so\"")]
    [InlineData("[drivers32]\nwave=a.so\n\ngarbage\n", 4, "expected 'alias=value', '[section]' or a ';' comment, found \"garbage\"")]
    [InlineData("; comment\n[drivers32\nwave=a.so\n", 2, "expected ']' to end the section header, found \"[drivers32\"")]
    [InlineData("[drivers32]\n = a.so\n", 2, "expected an alias before '=', found \" = a.so\"")]
    [InlineData("[ ]\n", 1, "expected a section name between '[' and ']', found \"[ ]\"")]
    [InlineData("[drivers32] wave=a.so\n", 1, "expected only a comment after ']', found \"[drivers32] wave=a.so\"")]
    [InlineData("[drivers32]\nwave=a\0.so\n", 2, "expected text without control characters, found \"wave=a\\u0000.so\"")]
    [InlineData("[drivers32]\rwave=a.so\n", 1, "expected text without control characters, found \"[drivers32]\\u000Dwave=a.so\"")]
    public void A_malformed_line_is_reported_with_the_file_and_line(string contents, int line, string problem)
    {
        File.WriteAllText(IniPath, contents);

        var error = Assert.Throws<DriverRegistryFormatException>(() => new IniDriverRegistry(IniPath).GetSections());

        Assert.Equal(IniPath, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.Equal($"{IniPath}({line}): {problem}", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x5B, 0x64, 0x5D, 0x0A, 0x77, 0x3D, 0xE9, 0x0A }, 2)] // "[d]\nw=é\n" in Latin-1
    [InlineData(new byte[] { 0xFF, 0xFE, 0x5B, 0x00, 0x64, 0x00, 0x5D, 0x00 }, 1)] // "[d]" in UTF-16
    public void A_file_that_is_not_UTF8_is_reported_with_the_line(byte[] contents, int line)
    {
        File.WriteAllBytes(IniPath, contents);

        var error = Assert.Throws<DriverRegistryFormatException>(() => new IniDriverRegistry(IniPath).GetSections());

        Assert.Equal($"{IniPath}({line}): the line is not UTF-8 text", error.Message);
    }

    [Fact]
    public void Every_read_of_a_malformed_file_throws()
    {
        File.WriteAllText(IniPath, "[drivers32]\ngarbage\n");
        var registry = new IniDriverRegistry(IniPath);

        Assert.Throws<DriverRegistryFormatException>(() => registry.GetValue("Drivers32", "wave"));
        Assert.Throws<DriverRegistryFormatException>(() => registry.GetAliases("Drivers32"));
        Assert.Throws<DriverRegistryFormatException>(() => registry.GetSections());
    }

    [Theory]
    [InlineData("[drivers32]\nwave=a.so\ngarbage\n")]
    [InlineData("wave=a.so\n[drivers32]\n")]
    [InlineData("[drivers32\n")]
    public void A_write_to_a_malformed_file_throws_and_leaves_it_byte_for_byte(string contents)
    {
        File.WriteAllText(IniPath, contents);
        var registry = new IniDriverRegistry(IniPath);

        Assert.Throws<DriverRegistryFormatException>(() => registry.SetValue("Drivers32", "midi", "b.so"));
        Assert.Throws<DriverRegistryFormatException>(() => registry.DeleteValue("Drivers32", "wave"));

        Assert.Equal(contents, File.ReadAllText(IniPath));
        Assert.Equal(["system.ini", "system.ini.lock"], Entries());
    }

    [Fact]
    public void A_change_by_another_writer_is_seen_by_the_next_read()
    {
        var reader = new IniDriverRegistry(IniPath);
        var writer = new IniDriverRegistry(IniPath);
        Assert.Null(reader.GetValue("Drivers32", "wave"));

        writer.SetValue("Drivers32", "wave", "a.so");
        Assert.Equal("a.so", reader.GetValue("Drivers32", "wave"));

        writer.SetValue("Drivers32", "wave", "b.so");
        Assert.Equal("b.so", reader.GetValue("Drivers32", "wave"));

        File.WriteAllText(IniPath, "[drivers32]\nwave=edited by hand.so\n");
        Assert.Equal("edited by hand.so", reader.GetValue("Drivers32", "wave"));

        File.Delete(IniPath);
        Assert.Null(reader.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Reads_are_served_from_the_cache_while_the_file_s_length_and_time_are_unchanged()
    {
        File.WriteAllText(IniPath, "[drivers32]\nwave=a.so\n");
        var stamp = File.GetLastWriteTimeUtc(IniPath);
        var registry = new IniDriverRegistry(IniPath);
        Assert.Equal("a.so", registry.GetValue("Drivers32", "wave"));

        // Same length and time: indistinguishable by stat, so the parsed copy is still used.
        File.WriteAllText(IniPath, "[drivers32]\nwave=b.so\n");
        File.SetLastWriteTimeUtc(IniPath, stamp);
        Assert.Equal("a.so", registry.GetValue("Drivers32", "wave"));

        File.SetLastWriteTimeUtc(IniPath, stamp + TimeSpan.FromSeconds(1));
        Assert.Equal("b.so", registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void A_write_waits_for_the_lock_and_gives_up_naming_the_lock_file()
    {
        var registry = new IniDriverRegistry(IniPath, TimeSpan.FromMilliseconds(200));
        using (new FileStream(IniPath + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<IOException>(() => registry.SetValue("Drivers32", "wave", "a.so"));

            Assert.Contains($"'{IniPath}.lock'", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(IniPath));
        }

        registry.SetValue("Drivers32", "wave", "a.so");
        Assert.Equal("a.so", registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public async Task A_write_goes_ahead_once_the_lock_is_released()
    {
        var registry = new IniDriverRegistry(IniPath, TimeSpan.FromSeconds(10));
        Task write;
        using (new FileStream(IniPath + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            write = Task.Run(() => registry.SetValue("Drivers32", "wave", "a.so"));
            await Task.Delay(100);
            Assert.False(write.IsCompleted);
        }

        await write;
        Assert.Equal("a.so", registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Temporary_files_left_by_killed_writers_neither_block_nor_outlive_a_write()
    {
        File.WriteAllText(directory.File(".system.ini.0123456789abcdef0123456789abcdef.tmp"), "[torn");
        File.WriteAllText(directory.File(".system.ini.left.tmp"), "");
        File.WriteAllText(directory.File("notes.tmp"), "not ours");

        new IniDriverRegistry(IniPath).SetValue("Drivers32", "wave", "a.so");

        Assert.Equal("a.so", new IniDriverRegistry(IniPath).GetValue("Drivers32", "wave"));
        Assert.Equal(["notes.tmp", "system.ini", "system.ini.lock"], Entries());
    }

    private IEnumerable<string?> Entries() => Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal);
}
