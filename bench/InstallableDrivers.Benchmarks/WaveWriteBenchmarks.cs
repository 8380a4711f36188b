using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// One waveOutWrite of a prepared buffer through the services, against the driver's wodMessage(WODM_WRITE) called
/// directly with the same buffer (issue #10 goal: at most 1.5x). The bench driver finishes the buffer inside the call,
/// with CALLBACK_NULL on both paths, so the figures are the services' own cost: handle lookup, header checks, queue
/// bookkeeping and the interposed callback that keeps it.
/// </summary>
public unsafe class WaveWriteBenchmarks
{
    private BenchWaveDriver wave = null!;
    private WAVEHDR* header;
    private nint handle;
    private nuint directUser;

    [GlobalSetup]
    public void Setup()
    {
        wave = new BenchWaveDriver();
        header = (WAVEHDR*)NativeMemory.AllocZeroed((nuint)sizeof(WAVEHDR));
        header->lpData = (nint)NativeMemory.AllocZeroed(4096);
        header->dwBufferLength = 4096;
        handle = wave.OpenThroughServices(0, 0);
        BenchWaveDriver.Check(wave.Services.waveOutPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveOutPrepareHeader");
        directUser = wave.OpenDirect(0, 0);
        BenchWaveDriver.Check(WaveOutWrite(), "waveOutWrite");
        BenchWaveDriver.Check((MMRESULT)DirectWodMessage(), "WODM_WRITE");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        wave.Services.waveOutUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR));
        wave.Services.waveOutClose(handle);
        wave.CloseDirect(directUser);
        wave.Dispose();
        NativeMemory.Free((void*)header->lpData);
        NativeMemory.Free(header);
    }

    /// <summary>The baseline: the driver's export called with the stream's dwUser, as the services call it at best.</summary>
    [Benchmark(Baseline = true)]
    public uint DirectWodMessage()
    {
        header->dwFlags = WaveHeaderFlags.WHDR_PREPARED; // what the service hands the driver: prepared, not done
        return wave.WodMessage(0, WaveMessages.WODM_WRITE, directUser, (nuint)header, (nuint)sizeof(WAVEHDR));
    }

    /// <summary>The same write through the services.</summary>
    [Benchmark]
    public MMRESULT WaveOutWrite() => wave.Services.waveOutWrite(handle, header, (uint)sizeof(WAVEHDR));
}
