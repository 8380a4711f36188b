using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// How long a WOM_DONE takes from the driver's DriverCallback call to the application's CALLBACK_FUNCTION (issue #10
/// goal: at most 2 µs median). Measured, not a BenchmarkDotNet run: a mean would hide the distribution, and the
/// quantity is a latency between two clocks reads, not a call's duration. benchwave.c writes CLOCK_MONOTONIC
/// nanoseconds into the buffer's <c>reserved</c> field just before it calls DriverCallback; the application's callback
/// reads the same clock (<see cref="Stopwatch.GetTimestamp"/> is CLOCK_MONOTONIC in nanoseconds on Linux, checked
/// first). The baseline, in the same run: the driver opened by calling wodMessage(WODM_OPEN) directly with the same
/// CALLBACK_FUNCTION, so that DriverCallback calls the application at once, with no service in between.
/// </summary>
internal static unsafe class WaveCallbackLatency
{
    private static long[] latencies = [];
    private static int count;

    /// <summary>Runs both paths twice (the first round warms up) and prints the distributions and the ratio of medians.</summary>
    public static void Run(int writes)
    {
        if (Stopwatch.Frequency != 1_000_000_000 || !OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The callback latency is measured against CLOCK_MONOTONIC in nanoseconds, which Stopwatch is on Linux only.");
        }

        using var wave = new BenchWaveDriver();
        var callback = (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&OnMessage;
        var header = (WAVEHDR*)NativeMemory.AllocZeroed((nuint)sizeof(WAVEHDR));
        header->lpData = (nint)NativeMemory.AllocZeroed(4096);
        header->dwBufferLength = 4096;
        try
        {
            (long[] Direct, long[] Services) last = ([], []);
            for (var round = 0; round < 2; round++)
            {
                last = (Direct(wave, callback, header, writes), ThroughServices(wave, callback, header, writes));
            }

            var direct = Median(last.Direct);
            var services = Median(last.Services);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WOM_DONE, DriverCallback to CALLBACK_FUNCTION, {writes} callbacks each:"));
            Print("driver -> application (baseline)", last.Direct);
            Print("driver -> services -> application", last.Services);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio of medians {(double)services / direct:0.00}x; the services add {(services - direct) / 1000.0:0.000} µs"));
        }
        finally
        {
            NativeMemory.Free((void*)header->lpData);
            NativeMemory.Free(header);
        }
    }

    private static long[] Direct(BenchWaveDriver wave, nuint callback, WAVEHDR* header, int writes)
    {
        var user = wave.OpenDirect(callback, 0);
        Start(writes);
        for (var i = 0; i < writes; i++)
        {
            header->dwFlags = WaveHeaderFlags.WHDR_PREPARED;
            wave.WodMessage(0, WaveMessages.WODM_WRITE, user, (nuint)header, (nuint)sizeof(WAVEHDR));
        }

        wave.CloseDirect(user);
        return latencies[..count];
    }

    private static long[] ThroughServices(BenchWaveDriver wave, nuint callback, WAVEHDR* header, int writes)
    {
        var handle = wave.OpenThroughServices(callback, 0);
        BenchWaveDriver.Check(wave.Services.waveOutPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveOutPrepareHeader");
        Start(writes);
        for (var i = 0; i < writes; i++)
        {
            BenchWaveDriver.Check(wave.Services.waveOutWrite(handle, header, (uint)sizeof(WAVEHDR)), "waveOutWrite");
        }

        BenchWaveDriver.Check(wave.Services.waveOutUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveOutUnprepareHeader");
        BenchWaveDriver.Check(wave.Services.waveOutClose(handle), "waveOutClose");
        return latencies[..count];
    }

    private static void Start(int writes)
    {
        latencies = new long[writes];
        count = 0;
    }

    // The application's CALLBACK_FUNCTION: the latency of each WOM_DONE, from the stamp the driver wrote.
    [UnmanagedCallersOnly]
    private static void OnMessage(nint device, uint message, nuint instance, nuint param1, nuint param2)
    {
        var now = Stopwatch.GetTimestamp();
        if (message == WaveMessages.WOM_DONE && count < latencies.Length)
        {
            latencies[count++] = now - (long)((WAVEHDR*)param1)->reserved;
        }
    }

    private static long Median(long[] values) => Percentile(values, 0.5);

    private static long Percentile(long[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, fraction * sorted.Length)];
    }

    private static void Print(string path, long[] values) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {path,-36} median {Median(values) / 1000.0:0.000} µs, p90 {Percentile(values, 0.9) / 1000.0:0.000} µs, p99 {Percentile(values, 0.99) / 1000.0:0.000} µs ({values.Length} callbacks)"));
}
