using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/InstallableDrivers.Benchmarks [-- --short] [BenchmarkDotNet options]
// Runs every benchmark unless a --filter is given; --short trades precision for a quick look (docs/performance.md).
// Two wave measurements are measured runs rather than BenchmarkDotNet's: -- --wave-callback, -- --wave-cpu; so are the
// isolation ones (a driver in a host process): -- --isolation [sends], -- --isolated-wave [writes]; and acmStreamConvert
// through an isolated codec: -- --isolated-acm [calls].
switch (args)
{
    case ["--isolation", ..]:
        InstallableDrivers.Benchmarks.IsolationMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
        return;
    case ["--isolated-acm", ..]:
        InstallableDrivers.Benchmarks.IsolatedAcmMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
        return;
    case ["--isolated-wave", ..]:
        InstallableDrivers.Benchmarks.IsolatedWaveMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
        return;
    case ["--wave-callback", ..]:
        InstallableDrivers.Benchmarks.WaveCallbackLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
        return;
    case ["--wave-cpu"]:
        InstallableDrivers.Benchmarks.WaveCpuComparison.Run();
        return;
    case ["--wave-cpu-child", var file]:
        InstallableDrivers.Benchmarks.WaveCpuComparison.RunChild(file);
        return;
}

var shortRun = args.Contains("--short");
var rest = args.Where(a => a != "--short").ToList();
if (!rest.Contains("--filter"))
{
    rest.AddRange(["--filter", "*"]);
}

var config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddJob(shortRun ? Job.ShortRun : Job.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
