using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// One SendDriverMessage to an open instance of a native driver, against a raw unmanaged function-pointer call of the
/// same DriverProc with the same arguments (issue #5 goal: at most 1.3x).
/// </summary>
/// <remarks>
/// The .NET-driver goal (SendDriverMessage to a managed driver against a direct interface call, at most 3x) belongs
/// in a class of its own beside this one, as its baseline is a different call.
/// </remarks>
public unsafe class SendBenchmarks
{
    private DriverManager manager = null!;
    private HDRVR handle;
    private nint library;
    private delegate* unmanaged<nuint, nint, uint, nint, nint, nint> driverProc;

    /// <summary>Opens one instance, and loads the same file directly for the raw call.</summary>
    [GlobalSetup]
    public void Setup()
    {
        manager = BenchDriver.CreateManager();
        handle = manager.OpenDriver(BenchDriver.Name, null, 0);
        driverProc = BenchDriver.LoadDriverProc(out library);
        if (SendDriverMessage() != 2 || RawFunctionPointer() != 2)
        {
            throw new InvalidOperationException("benchdrv did not answer its echo message.");
        }
    }

    /// <summary>Closes the instance and releases the direct load.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        manager.Dispose();
        NativeLibrary.Free(library);
    }

    /// <summary>The baseline: DriverProc called through its exported address, as the host could at best.</summary>
    [Benchmark(Baseline = true)]
    public nint RawFunctionPointer() => driverProc(1, handle.Value, BenchDriver.Echo, 1, 0);

    /// <summary>The same call through the runtime: handle lookup, call frame, state check.</summary>
    [Benchmark]
    public nint SendDriverMessage() => manager.SendDriverMessage(handle, BenchDriver.Echo, 1, 0);
}
