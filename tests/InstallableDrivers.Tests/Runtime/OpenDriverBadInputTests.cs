using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// The Win32-shaped API never throws (issue #9, item 4): OpenDriver returns a null handle with the reason in LastError
/// for every bad input, and Open throws DriverOpenException with that reason, never another exception.
/// </summary>
public sealed class OpenDriverBadInputTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();
    private readonly MemoryDriverRegistry registry = new();

    public void Dispose() => directory.Dispose();

    private static DriverFailure Fails(DriverManager manager, string name, string? section = null)
    {
        Assert.Equal(HDRVR.Null, manager.OpenDriver(name, section, 0));
        var failure = DriverManager.LastError!;
        Assert.Equal(failure, Assert.Throws<DriverOpenException>(() => manager.Open(name, section)).ToFailure());
        return failure;
    }

    private string CopyDriver(string fileName)
    {
        var path = directory.File(fileName);
        File.Copy(TestDrivers.PathOf("ctldrv"), path);
        return path;
    }

    [Theory]
    [InlineData("a=b.so")]
    [InlineData("#hash.so")]
    [InlineData(";semicolon.so")]
    [InlineData("[bracket.so")]
    [InlineData(" leading-space.so")]
    [InlineData("trailing-space.so ")]
    public void A_file_whose_name_cannot_be_an_alias_opens_as_a_file(string fileName)
    {
        var path = CopyDriver(fileName);
        using var manager = TestDrivers.CreateManager(registry, null, directory.Path);

        using (var byPath = manager.Open(path))
        {
            Assert.Equal(path, byPath.FilePath);
        }

        using var byName = manager.Open(fileName);
        Assert.Equal(path, byName.FilePath);
    }

    [Fact]
    public void A_name_that_cannot_be_an_alias_in_a_named_section_is_an_invalid_name()
    {
        using var manager = TestDrivers.CreateManager(registry);

        var failure = Fails(manager, "a=b", "Drivers32");

        Assert.Equal(DriverFailureReason.InvalidName, failure.Reason);
        Assert.Contains("cannot be an alias", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Drivers]32")]
    [InlineData(@"Drivers32\sub")]
    [InlineData(" Drivers32")]
    public void A_section_name_a_registry_cannot_hold_is_an_invalid_name(string section)
    {
        using var manager = TestDrivers.CreateManager(registry);

        var failure = Fails(manager, "wave", section);

        Assert.Equal(DriverFailureReason.InvalidName, failure.Reason);
        Assert.Contains("cannot be a section name", failure.Message, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void A_dangling_symlink_in_a_driver_directory_is_not_found_and_says_where_it_points()
    {
        var link = directory.File("dangling.so");
        File.CreateSymbolicLink(link, directory.File("gone.so"));
        using var manager = TestDrivers.CreateManager(registry, null, directory.Path);

        var failure = Fails(manager, "dangling");

        Assert.Equal(new DriverFailure(DriverFailureReason.FileNotFound,
            $"The driver file '{link}' is a symbolic link to '{directory.File("gone.so")}', which does not exist."), failure);
        Assert.Equal(failure, Fails(manager, link));
    }

    [Fact]
    public void A_registry_file_over_2_GB_is_a_registry_error_that_says_it_is_too_large()
    {
        var path = directory.File("system.ini");
        using (var sparse = new FileStream(path, FileMode.CreateNew))
        {
            sparse.SetLength(3L << 30);
        }

        using var manager = new DriverManager(new IniDriverRegistry(path), new DriverManagerOptions());

        var failure = Fails(manager, "wave");

        Assert.Equal(DriverFailureReason.RegistryError, failure.Reason);
        Assert.Contains($"The registry file '{path}' is too large", failure.Message, StringComparison.Ordinal);
    }
}
