using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// Opening and closing an instance. Cold: the module is loaded, sent DRV_LOAD … DRV_FREE and unloaded each time,
/// against dlopen + dlsym + dlclose of the same file (issue #5 goal: at most 1.5x). Warm: one more instance of a
/// module another instance keeps loaded (goal: at most 0.5 µs, allocating only the instance itself).
/// </summary>
public class OpenCloseBenchmarks
{
    private DriverManager manager = null!;

    /// <summary>A manager with nothing open, so every open loads the driver.</summary>
    [GlobalSetup(Targets = [nameof(LoadLibrary), nameof(ColdOpenClose)])]
    public void SetupCold() => manager = BenchDriver.CreateManager();

    /// <summary>A manager with one instance open, so the module stays loaded.</summary>
    [GlobalSetup(Target = nameof(WarmOpenClose))]
    public void SetupWarm()
    {
        SetupCold();
        manager.OpenDriver(BenchDriver.Name, null, 0);
    }

    /// <summary>Closes what is open.</summary>
    [GlobalCleanup]
    public void Cleanup() => manager.Dispose();

    /// <summary>The baseline: what loading the file costs the platform (dlopen, dlsym, dlclose on Unix).</summary>
    [Benchmark(Baseline = true)]
    public nint LoadLibrary()
    {
        var library = NativeLibrary.Load(BenchDriver.FilePath);
        var proc = NativeLibrary.GetExport(library, "DriverProc");
        NativeLibrary.Free(library);
        return proc;
    }

    /// <summary>OpenDriver by bare name and CloseDriver: resolve, load, DRV_LOAD, DRV_ENABLE, DRV_OPEN, DRV_CLOSE, DRV_DISABLE, DRV_FREE, unload.</summary>
    [Benchmark]
    public nint ColdOpenClose() => OpenClose();

    /// <summary>OpenDriver by bare name and CloseDriver of one more instance: resolve, DRV_OPEN, DRV_CLOSE.</summary>
    [Benchmark]
    public nint WarmOpenClose() => OpenClose();

    private nint OpenClose() => manager.CloseDriver(manager.OpenDriver(BenchDriver.Name, null, 0), 0, 0);
}
