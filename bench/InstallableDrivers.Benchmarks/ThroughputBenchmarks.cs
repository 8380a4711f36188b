using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// Sends from two threads at once, to two instances and to one shared instance, against one thread doing the same
/// number of sends alone (issue #5 goal: at least 1.8x the throughput, so a ratio of at most 0.56). Every benchmark
/// here makes <see cref="Sends"/> calls in all and reports the time of one: the ratio is one thread's throughput over
/// two threads'. The raw category does the same with the raw function-pointer call: the most two threads can gain on
/// this machine.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public unsafe class ThroughputBenchmarks
{
    /// <summary>Calls per benchmark invocation, half on each thread when two run: long enough that the hand-over is noise.</summary>
    public const int Sends = 1 << 18;

    private DriverManager manager = null!;
    private HDRVR first, second;
    private nint library;
    private delegate* unmanaged<nuint, nint, uint, nint, nint, nint> driverProc;
    private PartnerThread partnerToSecond = null!, partnerToFirst = null!, partnerRaw = null!;
    private Action halfToFirst = null!, halfRaw = null!;

    /// <summary>Opens two instances and starts the partner threads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        manager = BenchDriver.CreateManager();
        first = manager.OpenDriver(BenchDriver.Name, null, 0);
        second = manager.OpenDriver(BenchDriver.Name, null, 0);
        driverProc = BenchDriver.LoadDriverProc(out library);
        // Delegates made once, so the benchmarks allocate nothing of their own.
        halfToFirst = () => Send(first, Sends / 2);
        halfRaw = () => CallRaw(Sends / 2);
        partnerToSecond = new PartnerThread(() => Send(second, Sends / 2));
        partnerToFirst = new PartnerThread(halfToFirst);
        partnerRaw = new PartnerThread(halfRaw);
    }

    /// <summary>Stops the partners and closes the instances.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        partnerToSecond.Dispose();
        partnerToFirst.Dispose();
        partnerRaw.Dispose();
        manager.Dispose();
        NativeLibrary.Free(library);
    }

    /// <summary>The baseline: one thread sends every message.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sends)]
    [BenchmarkCategory("SendDriverMessage")]
    public void OneThread() => Send(first, Sends);

    /// <summary>Two threads, each sending half the messages to an instance of its own.</summary>
    [Benchmark(OperationsPerInvoke = Sends)]
    [BenchmarkCategory("SendDriverMessage")]
    public void TwoThreadsTwoInstances() => partnerToSecond.RunWith(halfToFirst);

    /// <summary>Two threads, each sending half the messages to the same instance.</summary>
    [Benchmark(OperationsPerInvoke = Sends)]
    [BenchmarkCategory("SendDriverMessage")]
    public void TwoThreadsSharedInstance() => partnerToFirst.RunWith(halfToFirst);

    /// <summary>The machine's ceiling, baseline: one thread makes every raw call.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sends)]
    [BenchmarkCategory("RawFunctionPointer")]
    public void OneThreadRaw() => CallRaw(Sends);

    /// <summary>The machine's ceiling: two threads, each making half the raw calls.</summary>
    [Benchmark(OperationsPerInvoke = Sends)]
    [BenchmarkCategory("RawFunctionPointer")]
    public void TwoThreadsRaw() => partnerRaw.RunWith(halfRaw);

    private void Send(HDRVR handle, int count)
    {
        for (var i = 0; i < count; i++)
        {
            manager.SendDriverMessage(handle, BenchDriver.Echo, i, 0);
        }
    }

    private void CallRaw(int count)
    {
        for (var i = 0; i < count; i++)
        {
            driverProc(1, first.Value, BenchDriver.Echo, i, 0);
        }
    }
}
