using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// A measured run (docs/performance.md, "Isolated codecs"): acmStreamConvert of one second of 16-bit PCM to µ-law with
/// the shipped G.711 codec, in process and in a host process (<see cref="DriverIsolation.All"/>), through the same
/// services with a header prepared once; at 8 kHz mono (16,000 source bytes a call) and 44.1 kHz stereo (176,400), and
/// 4 KB; and acmStreamSize, a message with a 16-byte structure and next to no work, for the fixed cost of a call.
/// Each figure is the best of five runs of many calls.
/// </summary>
internal static unsafe class IsolatedAcmMeasurement
{
    private const int Runs = 5;

    public static void Run(int calls)
    {
        Console.WriteLine("| source a call | in process | isolated | ratio | overhead |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var sizeInProcess = Measure(isolated: false, 8000, 1, 4096, calls, size: true);
        var sizeIsolated = Measure(isolated: true, 8000, 1, 4096, calls, size: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| acmStreamSize (no conversion) | {sizeInProcess / 1000:0.00} µs | {sizeIsolated / 1000:0.00} µs | {sizeIsolated / sizeInProcess:0.0}x | +{(sizeIsolated - sizeInProcess) / 1000:0.0} µs |"));
        foreach (var (label, rate, channels, bytes) in new[] { ("4 KB, 8 kHz mono", 8000, 1, 4096), ("1 s, 8 kHz mono", 8000, 1, 16000), ("1 s, 44.1 kHz stereo", 44100, 2, 176400) })
        {
            var inProcess = Measure(isolated: false, rate, channels, bytes, calls);
            var isolated = Measure(isolated: true, rate, channels, bytes, calls);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} ({bytes:N0} B) | {inProcess / 1000:0.0} µs | {isolated / 1000:0.0} µs | {isolated / inProcess:0.00}x | +{(isolated - inProcess) / 1000:0.0} µs |"));
        }
    }

    /// <summary>Nanoseconds per acmStreamConvert, the best of <see cref="Runs"/>.</summary>
    private static double Measure(bool isolated, int rate, int channels, int bytes, int calls, bool size = false)
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue(DriverRegistryLocation.DefaultSection, "msacm.g711", "g711");
        var options = new DriverManagerOptions { Isolation = isolated ? DriverIsolation.All : DriverIsolation.None };
        options.DriverDirectories.Add(BenchDriver.Directory);
        using var manager = new DriverManager(registry, options);
        using var acm = new AcmServices(manager);

        var source = (byte*)NativeMemory.AllocZeroed((nuint)bytes);
        var destination = (byte*)NativeMemory.AllocZeroed((nuint)(bytes / 2));
        var header = (ACMSTREAMHEADER*)NativeMemory.AllocZeroed((nuint)sizeof(ACMSTREAMHEADER));
        try
        {
            var samples = new Span<short>(source, bytes / 2);
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)(16384 * Math.Sin(2 * Math.PI * 1000 * (i / channels) / rate));
            }

            nint stream;
            fixed (byte* src = WaveFormat.Pcm(rate, 16, channels).ToBytes())
            fixed (byte* dst = WaveFormat.MuLaw(rate, channels).ToBytes())
            {
                Check(acm.acmStreamOpen(&stream, 0, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, default, 0, 0, 0));
            }

            header->cbStruct = (uint)sizeof(ACMSTREAMHEADER);
            header->pbSrc = (nint)source;
            header->cbSrcLength = (uint)bytes;
            header->pbDst = (nint)destination;
            header->cbDstLength = (uint)(bytes / 2);
            Check(acm.acmStreamPrepareHeader(stream, header, 0));
            var n = Math.Max(calls * 4096 / bytes, 20);
            var best = double.MaxValue;
            for (var run = 0; run < Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    uint room;
                    Check(size ? acm.acmStreamSize(stream, (uint)bytes, &room, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE)
                        : acm.acmStreamConvert(stream, header, AcmStreamFlags.ACM_STREAMCONVERTF_BLOCKALIGN));
                }

                best = Math.Min(best, watch.Elapsed.TotalNanoseconds / n);
            }

            if (!size && header->cbDstLengthUsed != bytes / 2)
            {
                throw new InvalidOperationException($"The codec wrote {header->cbDstLengthUsed} bytes, not {bytes / 2}.");
            }

            Check(acm.acmStreamUnprepareHeader(stream, header, 0));
            Check(acm.acmStreamClose(stream, 0));
            return best;
        }
        finally
        {
            NativeMemory.Free(source);
            NativeMemory.Free(destination);
            NativeMemory.Free(header);
        }
    }

    private static void Check(MMRESULT result)
    {
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            throw new InvalidOperationException($"An ACM call failed: {result}.");
        }
    }
}
