using System.Runtime.InteropServices;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>The benchmark driver (NativeDrivers/benchdrv.c, compiled by the build), and managers set up to load it.</summary>
internal static unsafe class BenchDriver
{
    /// <summary>The bare name the benchmarks open it by, as a registry value would name it.</summary>
    public const string Name = "benchdrv";

    /// <summary>The .NET bench driver (bench/ManagedBenchDriver), by the name a registry value would give it.</summary>
    public const string ManagedName = "ManagedBenchDriver.dll";

    /// <summary>The message benchdrv answers with lParam1 + 1.</summary>
    public const uint Echo = DriverMessages.DRV_USER + 1;

    /// <summary>
    /// The folder the build compiled the driver into: drivers/ beside the assembly, also in the project BenchmarkDotNet
    /// generates for each benchmark, whose build passes its output folder on to this project.
    /// </summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "drivers");

    /// <summary>The driver file's full path, spelled as build/NativeDrivers.targets names it on this platform.</summary>
    public static string FilePath { get; } = Path.Combine(Directory,
        OperatingSystem.IsWindows() ? Name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + Name + ".dylib" : Name + ".so");

    /// <summary>A manager that finds <see cref="Name"/> in <see cref="Directory"/>, with no observer or logger.</summary>
    public static DriverManager CreateManager()
    {
        var options = new DriverManagerOptions();
        options.DriverDirectories.Add(Directory);
        return new DriverManager(new MemoryDriverRegistry(), options);
    }

    /// <summary>Loads the driver file directly, bypassing the runtime, and returns its DriverProc.</summary>
    public static delegate* unmanaged<nuint, nint, uint, nint, nint, nint> LoadDriverProc(out nint library)
    {
        library = NativeLibrary.Load(FilePath);
        return (delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)NativeLibrary.GetExport(library, "DriverProc");
    }
}
