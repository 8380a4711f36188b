using BenchmarkDotNet.Attributes;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// One SendDriverMessage to an open instance of a .NET driver (ManagedBenchDriver, loaded by the runtime into its own
/// collectible context), against a direct interface call of the same driver code (issue #5 goal: at most 3x).
/// </summary>
public class ManagedSendBenchmarks
{
    // Typed as the interface on purpose: the baseline is an interface call, as a host holding any driver would make.
#pragma warning disable CA1859
    private readonly IDriverProc direct = new EchoDriver();
#pragma warning restore CA1859
    private DriverManager manager = null!;
    private HDRVR handle;

    /// <summary>Opens one instance of the .NET driver through the runtime.</summary>
    [GlobalSetup]
    public void Setup()
    {
        manager = BenchDriver.CreateManager();
        handle = manager.OpenDriver(BenchDriver.ManagedName, null, 0);
        if (SendDriverMessage() != 2 || DirectInterfaceCall() != 2)
        {
            throw new InvalidOperationException($"the .NET bench driver did not answer its echo message ({DriverManager.LastError}).");
        }
    }

    /// <summary>Closes the instance.</summary>
    [GlobalCleanup]
    public void Cleanup() => manager.Dispose();

    /// <summary>The baseline: the driver's DriverProc called through the interface, as a host that trusted it blindly could.</summary>
    [Benchmark(Baseline = true)]
    public nint DirectInterfaceCall() => direct.DriverProc(1, handle, BenchDriver.Echo, 1, 0);

    /// <summary>The same message through the runtime: handle lookup, call frame, state check, exception guard.</summary>
    [Benchmark]
    public nint SendDriverMessage() => manager.SendDriverMessage(handle, BenchDriver.Echo, 1, 0);
}
