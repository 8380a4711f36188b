using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Support;

/// <summary>Where the C test drivers the build compiled are, and managers set up to load them.</summary>
internal static class TestDrivers
{
    /// <summary>The folder the build compiles NativeDrivers/*.c into.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "drivers");

    /// <summary>The full path of a compiled test driver, by its C file's name.</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name + ".so");

    /// <summary>A manager over a memory registry that finds bare names in the test driver folder.</summary>
    public static DriverManager CreateManager(MemoryDriverRegistry? registry = null, IDriverMessageObserver? observer = null, params string[] extraDirectories)
    {
        var options = new DriverManagerOptions { MessageObserver = observer };
        options.DriverDirectories.Add(Directory);
        foreach (var extra in extraDirectories)
        {
            options.DriverDirectories.Add(extra);
        }

        return new DriverManager(registry ?? new MemoryDriverRegistry(), options);
    }

    /// <summary>Copies a driver to a new temporary folder, so the test owns a mapping of the library no other test shares.</summary>
    public static string CopyToTemporaryDirectory(string name, string? newFileName = null)
    {
        var directory = CreateTemporaryDirectory();
        var target = Path.Combine(directory, newFileName ?? name + ".so");
        File.Copy(PathOf(name), target);
        return target;
    }

    public static string CreateTemporaryDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "idrv-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>True if the process has a file mapped (Linux: /proc/self/maps), i.e. the library is still loaded.</summary>
    public static bool IsMapped(string path) => File.ReadAllText("/proc/self/maps").Contains(path, StringComparison.Ordinal);
}
