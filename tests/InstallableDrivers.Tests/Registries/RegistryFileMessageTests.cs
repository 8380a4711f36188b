using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Registries;

/// <summary>
/// A registry path that cannot be a registry file says what is wrong with it (issue #9, items 3 and 14), promptly,
/// rather than what a system call said about a file derived from it; and a tab is white space in a registry line.
/// </summary>
public sealed class RegistryFileMessageTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [NotOnWindowsFact]
    public void A_fifo_as_the_registry_is_refused_promptly()
    {
        var fifo = directory.File("system.ini");
        SpecialFiles.MakeFifo(fifo);
        var e = SpecialFiles.FinishesPromptly(fifo, () => Assert.Throws<IOException>(() => new IniDriverRegistry(fifo).GetSections()));

        Assert.Equal($"The registry file '{fifo}' is a FIFO (named pipe), not a regular file.", e.Message);
    }

    [Fact]
    public void A_directory_as_the_registry_says_it_is_a_directory()
    {
        var e = Assert.Throws<IOException>(() => new IniDriverRegistry(directory.Path).GetSections());
        Assert.StartsWith($"The registry file '{directory.Path}' is a directory;", e.Message, StringComparison.Ordinal);
        var write = Assert.Throws<IOException>(() => new IniDriverRegistry(directory.Path).SetValue("Drivers32", "wave", "a.so"));
        Assert.Equal(e.Message, write.Message);
    }

    [NotOnWindowsFact]
    public void A_registry_under_a_device_says_the_parent_is_not_a_directory()
    {
        var e = Assert.Throws<IOException>(() => new IniDriverRegistry("/dev/null/x.ini").SetValue("Drivers32", "wave", "a.so"));
        Assert.Equal("The registry file '/dev/null/x.ini' cannot be created: '/dev/null' is a character device, not a directory.", e.Message);
    }

    [NotOnWindowsFact]
    public void A_registry_in_a_folder_where_no_file_can_be_created_says_it_cannot_be_written()
    {
        var e = Assert.Throws<IOException>(() => new IniDriverRegistry("/proc/installable-drivers-test.ini").SetValue("Drivers32", "wave", "a.so"));
        Assert.StartsWith("The registry file '/proc/installable-drivers-test.ini' cannot be written: no file can be created in its folder '/proc'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".lock", e.Message, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void A_file_whose_size_is_0_but_has_text_is_read_whole()
    {
        // /proc files report a length of 0; the registry reads to the end, so it sees the text and says it is no registry.
        var e = Assert.Throws<DriverRegistryFormatException>(() => new IniDriverRegistry("/proc/version").GetSections());
        Assert.StartsWith("/proc/version(1): expected 'alias=value', '[section]' or a ';' comment, found \"Linux version", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_malformed_line_is_quoted_as_an_excerpt()
    {
        var path = directory.File("system.ini");
        File.WriteAllText(path, "[Drivers32]\n" + new string('x', 10_000_000) + "\n");

        var e = Assert.Throws<DriverRegistryFormatException>(() => new IniDriverRegistry(path).GetSections());

        Assert.Equal($"{path}(2): expected 'alias=value', '[section]' or a ';' comment, found \"{new string('x', 80)}…\" (the first 80 of its 10000000 characters)", e.Message);
    }

    [Fact]
    public void A_registry_file_over_2_GB_is_too_large()
    {
        var path = directory.File("system.ini");
        using (var sparse = new FileStream(path, FileMode.CreateNew))
        {
            sparse.SetLength(3L << 30);
        }

        var e = Assert.Throws<IOException>(() => new IniDriverRegistry(path).GetSections());

        Assert.StartsWith($"The registry file '{path}' is too large:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_between_file_and_args_separates_them_as_a_space_does()
    {
        var path = directory.File("system.ini");
        File.WriteAllText(path, $"[Drivers32]\nctl={TestDrivers.PathOf("ctldrv")}\t \targs here\n");
        var options = new DriverManagerOptions();
        using var manager = new DriverManager(new IniDriverRegistry(path), options);

        var target = manager.Resolve("ctl");

        Assert.Equal((TestDrivers.PathOf("ctldrv"), "args here"), (target.FilePath, target.Args));
    }

    [Theory]
    [InlineData("[Drivers32]\nwa\tve=a.so\n", 2, "expected an alias without a tab, found \"wa\\u0009ve=a.so\"")]
    [InlineData("[Drivers\t32]\nwave=a.so\n", 1, "expected a section name without a tab, found \"[Drivers\\u000932]\"")]
    public void A_tab_inside_a_name_is_refused_by_the_parser(string text, int line, string problem)
    {
        var path = directory.File("system.ini");
        File.WriteAllText(path, text);

        var e = Assert.Throws<DriverRegistryFormatException>(() => new IniDriverRegistry(path).GetSections());

        Assert.Equal($"{path}({line}): {problem}", e.Message);
    }

    [Fact]
    public void A_tab_inside_a_name_is_refused_on_writing_and_allowed_inside_a_value()
    {
        var registry = new IniDriverRegistry(directory.File("system.ini"));
        Assert.Throws<ArgumentException>(() => registry.SetValue("Drivers32", "wa\tve", "a.so"));
        registry.SetValue("Drivers32", "wave", "a.so\targs");
        Assert.Equal("a.so\targs", new IniDriverRegistry(directory.File("system.ini")).GetValue("Drivers32", "wave"));
    }
}
