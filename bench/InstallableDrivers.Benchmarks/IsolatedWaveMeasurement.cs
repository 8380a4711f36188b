using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Isolation;
using InstallableDrivers.Modules;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// A measured run (docs/performance.md, "Isolated wave drivers"): waveOutWrite of a prepared 4 KiB buffer through the
/// services to benchwave (which finishes it inside WODM_WRITE and calls the services' callback there) in process, and to
/// the same file in a host process, where each write copies the header and its data into the arena, crosses to the host,
/// and the WOM_DONE comes back as a request inside the call. Each figure is the best of five runs.
/// </summary>
internal static unsafe class IsolatedWaveMeasurement
{
    private const int Runs = 5;
    private const int BufferBytes = 4096;

    public static void Run(int writes)
    {
        var inProcess = Best(() => PerWrite(null, writes * 10));
        var isolated = Best(() => PerWrite(IsolatedModuleLoader.Instance, writes));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | measure | ns | ratio |
            |---|---:|---:|
            | waveOutWrite (4 KiB, WOM_DONE inside the call), in process | {inProcess:0} | |
            | the same, isolated | {isolated:0} | {isolated / inProcess:0.0}x in process (+{isolated - inProcess:0} ns) |
            """));
    }

    /// <summary>Nanoseconds per waveOutWrite to benchwave loaded by <paramref name="loader"/> (null: in process).</summary>
    private static double PerWrite(IDriverModuleLoader? loader, int writes)
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", Path.Combine(BenchDriver.Directory, "benchwave.so"));
        var options = new DriverManagerOptions();
        if (loader is not null)
        {
            options.ModuleLoader = loader;
        }

        using var manager = new DriverManager(registry, options);
        using var services = new WaveServices(manager);
        var format = BenchWaveDriver.Format;
        var header = (WAVEHDR*)NativeMemory.AllocZeroed((nuint)sizeof(WAVEHDR));
        header->lpData = (nint)NativeMemory.AllocZeroed(BufferBytes);
        header->dwBufferLength = BufferBytes;
        try
        {
            nint handle;
            BenchWaveDriver.Check(services.waveOutOpen(&handle, 0, &format, 0, 0, 0), "waveOutOpen");
            BenchWaveDriver.Check(services.waveOutPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveOutPrepareHeader");
            for (var i = 0; i < 1000; i++)
            {
                BenchWaveDriver.Check(services.waveOutWrite(handle, header, (uint)sizeof(WAVEHDR)), "waveOutWrite");
            }

            var clock = Stopwatch.StartNew();
            for (var i = 0; i < writes; i++)
            {
                services.waveOutWrite(handle, header, (uint)sizeof(WAVEHDR));
            }

            var perWrite = clock.Elapsed.TotalNanoseconds / writes;
            BenchWaveDriver.Check(services.waveOutUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveOutUnprepareHeader");
            BenchWaveDriver.Check(services.waveOutClose(handle), "waveOutClose");
            return perWrite;
        }
        finally
        {
            NativeMemory.Free((void*)header->lpData);
            NativeMemory.Free(header);
        }
    }

    private static double Best(Func<double> measure) => Enumerable.Range(0, Runs).Select(_ => measure()).Min();
}
