using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Isolation;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// A measured run, not a BenchmarkDotNet one (docs/performance.md, "Isolation"): the SendDriverMessage round trip to
/// benchdrv in process and in a host process, against a bare futex ping-pong between two processes (sleeping at once,
/// and spinning first as the channel does); and the first open
/// of an isolated module (host start included) and its last close (host exit and reap included), against spawning and
/// reaping /bin/true. Each figure is the best of five runs.
/// </summary>
internal static unsafe class IsolationMeasurement
{
    private const int Runs = 5;

    public static void Run(int sends)
    {
        var baselines = NativeLibrary.Load(Path.Combine(BenchDriver.Directory, "isolation_baselines.so"));
        var pingPong = (delegate* unmanaged<long, int, double>)NativeLibrary.GetExport(baselines, "bench_futex_pingpong");
        var spawnReap = (delegate* unmanaged<byte*, long, double>)NativeLibrary.GetExport(baselines, "bench_spawn_reap");

        using var inProcess = BenchDriver.CreateManager();
        var options = new DriverManagerOptions { ModuleLoader = IsolatedModuleLoader.Instance };
        options.DriverDirectories.Add(BenchDriver.Directory);
        using var isolated = new DriverManager(new MemoryDriverRegistry(), options);

        var local = inProcess.OpenDriver(BenchDriver.Name, null, 0);
        var remote = isolated.OpenDriver(BenchDriver.Name, null, 0);
        var sendInProcess = Best(() => PerSend(inProcess, local, sends * 10));
        var sendIsolated = Best(() => PerSend(isolated, remote, sends));
        var futex = Best(() => pingPong(sends, 0));
        var futexSpinning = Best(() => pingPong(sends, 1));
        inProcess.CloseDriver(local, 0, 0);
        isolated.CloseDriver(remote, 0, 0);

        var (open, close) = BestPair(() => OpenClose(isolated, 50));
        var (openInProcess, closeInProcess) = BestPair(() => OpenClose(inProcess, 50));
        var program = "/bin/true"u8.ToArray().Append((byte)0).ToArray();
        double spawn;
        fixed (byte* path = program)
        {
            var at = path;
            spawn = Best(() => spawnReap(at, 50));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | measure | ns | ratio |
            |---|---:|---:|
            | SendDriverMessage, in process | {sendInProcess:0} | |
            | SendDriverMessage, isolated | {sendIsolated:0} | {sendIsolated / sendInProcess:0.0}x in process (+{sendIsolated - sendInProcess:0} ns) |
            | bare futex ping-pong between two processes | {futex:0} | isolated send = {sendIsolated / futex:0.00}x this |
            | the same, spinning 20 µs before sleeping as the channel does | {futexSpinning:0} | isolated send = {sendIsolated / futexSpinning:0.00}x this |
            | first open, isolated (host start, DRV_LOAD, DRV_ENABLE, DRV_OPEN) | {open:0} | {open / spawn:0.00}x spawn and reap |
            | last close, isolated (DRV_CLOSE, DRV_DISABLE, DRV_FREE, host exit and reap) | {close:0} | |
            | first open, in process | {openInProcess:0} | |
            | last close, in process | {closeInProcess:0} | |
            | posix_spawn and reap /bin/true | {spawn:0} | |
            """));
    }

    private static double PerSend(DriverManager manager, HDRVR handle, int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (manager.SendDriverMessage(handle, BenchDriver.Echo, 1, 0) != 2)
            {
                throw new InvalidOperationException("benchdrv did not answer its echo message.");
            }
        }

        return clock.Elapsed.TotalNanoseconds / count;
    }

    private static (double Open, double Close) OpenClose(DriverManager manager, int count)
    {
        double open = 0, close = 0;
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var h = manager.OpenDriver(BenchDriver.Name, null, 0);
            var opened = Stopwatch.GetTimestamp();
            manager.CloseDriver(h, 0, 0);
            var closed = Stopwatch.GetTimestamp();
            open += Stopwatch.GetElapsedTime(start, opened).TotalNanoseconds;
            close += Stopwatch.GetElapsedTime(opened, closed).TotalNanoseconds;
        }

        return (open / count, close / count);
    }

    private static double Best(Func<double> measure) => Enumerable.Range(0, Runs).Select(_ => measure()).Min();

    private static (double, double) BestPair(Func<(double, double)> measure)
    {
        var runs = Enumerable.Range(0, Runs).Select(_ => measure()).ToList();
        return (runs.Min(r => r.Item1), runs.Min(r => r.Item2));
    }
}
