using InstallableDrivers.Modules;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>Where driver files come from (docs/contract.md#files and #d8).</summary>
public sealed class FileResolutionTests
{
    private readonly string directory = TestDrivers.CreateTemporaryDirectory();

    private DriverFileResolver Resolver() => new([directory]);

    private string Touch(string relative)
    {
        var path = Path.Combine(directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Theory]
    [InlineData("wave", "wave.so")]
    [InlineData("wave", "libwave.so")]
    [InlineData("wave", "wave.dll")]
    [InlineData("wave", "libwave.dylib")]
    [InlineData("wave.drv", "wave.drv")]
    [InlineData("sub/wave", "sub/libwave.so")]
    public void The_usual_platform_spellings_are_tried(string name, string file)
    {
        var path = Touch(file);
        Assert.Equal(path, Resolver().Resolve(name));
    }

    [Fact]
    public void Directories_are_searched_in_order()
    {
        var second = TestDrivers.CreateTemporaryDirectory();
        File.WriteAllText(Path.Combine(second, "both.so"), "x");
        var first = Touch("both.so");
        Assert.Equal(first, new DriverFileResolver([directory, second]).Resolve("both"));
        Assert.Equal(Path.Combine(second, "both.so"), new DriverFileResolver([second, directory]).Resolve("both"));
    }

    [Fact]
    public void An_absolute_path_is_used_as_it_is()
    {
        var elsewhere = Path.Combine(TestDrivers.CreateTemporaryDirectory(), "abs.so");
        File.WriteAllText(elsewhere, "x");
        Assert.Equal(elsewhere, Resolver().Resolve(elsewhere));
    }

    [Theory]
    [InlineData("../escape.so")]
    [InlineData("sub/../../escape.so")]
    [InlineData("..")]
    public void Dot_dot_cannot_climb_out_of_a_driver_directory(string name)
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(directory)!, "escape.so"), "x");
        var e = Assert.Throws<DriverOpenException>(() => Resolver().Resolve(name));
        Assert.Equal(DriverFailureReason.BadPath, e.Reason);
    }

    [Fact]
    public void Dot_dot_that_stays_inside_is_allowed()
    {
        var path = Touch("inside.so");
        Assert.Equal(path, Resolver().Resolve("sub/../inside.so"));
    }

    [Fact]
    public void A_relative_driver_directory_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new DriverFileResolver(["drivers"]));
        var options = new DriverManagerOptions();
        options.DriverDirectories.Add(".");
        Assert.Throws<ArgumentException>(() => new DriverManager(new InstallableDrivers.Registries.MemoryDriverRegistry(), options));
    }

    [Fact]
    public void Without_driver_directories_a_bare_name_is_not_found_and_says_why()
    {
        var e = Assert.Throws<DriverOpenException>(() => new DriverFileResolver([]).Resolve("wave"));
        Assert.Equal(DriverFailureReason.FileNotFound, e.Reason);
        Assert.Contains("current directory is never searched", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public void Empty_and_control_character_file_names_are_refused(string name)
    {
        var e = Assert.Throws<DriverOpenException>(() => Resolver().Resolve(name));
        Assert.Equal(DriverFailureReason.InvalidName, e.Reason);
    }

    [Fact]
    public void A_name_whose_file_is_loaded_resolves_to_it_again_without_a_look_at_the_disk()
    {
        var path = Touch("wave.so");
        var loaded = new HashSet<string>();
        var resolver = new DriverFileResolver([directory], loaded.Contains);
        Assert.Equal(path, resolver.Resolve("wave"));
        loaded.Add(path);

        // Deleted, or shadowed by a file found earlier in the search: the loaded file is still what the name means.
        File.Delete(path);
        Assert.Equal(path, resolver.Resolve("wave"));
        Assert.Equal(path, resolver.Resolve("wave"));

        // Once unloaded, the disk decides again.
        loaded.Remove(path);
        var e = Assert.Throws<DriverOpenException>(() => resolver.Resolve("wave"));
        Assert.Equal(DriverFailureReason.FileNotFound, e.Reason);
    }

    [Fact]
    public void A_file_that_shadows_a_loaded_one_is_found_once_that_one_is_unloaded()
    {
        var second = TestDrivers.CreateTemporaryDirectory();
        var shadowed = Path.Combine(second, "both.so");
        File.WriteAllText(shadowed, "x");
        var loaded = new HashSet<string>();
        var resolver = new DriverFileResolver([directory, second], loaded.Contains);
        Assert.Equal(shadowed, resolver.Resolve("both"));
        loaded.Add(shadowed);

        var first = Touch("both.so");
        Assert.Equal(shadowed, resolver.Resolve("both"));
        loaded.Remove(shadowed);
        Assert.Equal(first, resolver.Resolve("both"));
    }

    [Theory]
    [InlineData("tracedrv.so  some args", "tracedrv.so", "some args")]
    [InlineData("tracedrv.so", "tracedrv.so", null)]
    [InlineData("tracedrv.so   ", "tracedrv.so", null)]
    [InlineData("a.so b  c", "a.so", "b  c")]
    public void A_registry_value_splits_at_the_first_space(string value, string file, string? args)
    {
        var parsed = InstallableDrivers.Registries.DriverRegistryValue.Parse(value);
        Assert.Equal(file, parsed.File);
        Assert.Equal(args, parsed.Args);
    }
}
