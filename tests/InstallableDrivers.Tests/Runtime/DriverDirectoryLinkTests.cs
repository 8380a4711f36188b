using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>
/// A file found in a driver directory must really lie inside it (issue #9, item 13): a symbolic link, or a symlinked
/// subdirectory, that leads outside is refused as BadPath; a link that stays inside opens; the directory '/' works.
/// </summary>
public sealed class DriverDirectoryLinkTests : IDisposable
{
    private readonly TemporaryDirectory drivers = new();
    private readonly TemporaryDirectory outside = new();

    public void Dispose()
    {
        drivers.Dispose();
        outside.Dispose();
    }

    private static DriverManager Manager(string directory)
    {
        var options = new DriverManagerOptions();
        options.DriverDirectories.Add(directory);
        return new DriverManager(new MemoryDriverRegistry(), options);
    }

    private static string CopyDriver(string path)
    {
        File.Copy(TestDrivers.PathOf("ctldrv"), path);
        return path;
    }

    [NotOnWindowsFact]
    public void A_link_to_a_file_outside_the_driver_directory_does_not_open()
    {
        var target = CopyDriver(outside.File("ctldrv.so"));
        File.CreateSymbolicLink(drivers.File("link.so"), target);
        using var manager = Manager(drivers.Path);

        Assert.Equal(HDRVR.Null, manager.OpenDriver("link", null, 0));

        Assert.Equal(DriverFailureReason.BadPath, DriverManager.LastError!.Reason);
        Assert.Contains($"is a link to '{target}', outside it", DriverManager.LastError.Message, StringComparison.Ordinal);
    }

    [NotOnWindowsFact]
    public void A_symlinked_subdirectory_that_leads_outside_does_not_open()
    {
        CopyDriver(outside.File("ctldrv.so"));
        Directory.CreateSymbolicLink(drivers.File("sub"), outside.Path);
        using var manager = Manager(drivers.Path);

        var e = Assert.Throws<DriverOpenException>(() => manager.Open("sub/ctldrv.so"));

        Assert.Equal(DriverFailureReason.BadPath, e.Reason);
    }

    [NotOnWindowsFact]
    public void A_link_inside_the_driver_directory_opens_and_so_does_a_driver_directory_reached_through_a_link()
    {
        CopyDriver(drivers.File("real.so"));
        File.CreateSymbolicLink(drivers.File("alias.so"), drivers.File("real.so"));
        var linkedDirectory = outside.File("drivers-link");
        Directory.CreateSymbolicLink(linkedDirectory, drivers.Path);

        using (var manager = Manager(drivers.Path))
        using (var driver = manager.Open("alias"))
        {
            Assert.Equal(drivers.File("alias.so"), driver.FilePath);
        }

        using (var throughLink = Manager(linkedDirectory))
        using (var driver = throughLink.Open("real"))
        {
            Assert.Equal(Path.Combine(linkedDirectory, "real.so"), driver.FilePath);
        }
    }

    [NotOnWindowsFact]
    public void With_the_driver_directory_root_a_bare_relative_name_opens()
    {
        var path = CopyDriver(outside.File("ctldrv.so"));
        using var manager = Manager("/");

        using var driver = manager.Open(path.TrimStart('/'));

        Assert.Equal(path, driver.FilePath);
    }
}
