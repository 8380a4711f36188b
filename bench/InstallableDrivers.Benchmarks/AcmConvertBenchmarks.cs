using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// acmStreamConvert through the services against ACMDM_STREAM_CONVERT sent to the same driver directly with a header
/// prepared as the ACM prepares it (issue #11 goal: at most 1.05x), 16-bit PCM to µ-law with the shipped G.711 codec,
/// 4 KB and 1 MB source buffers, and 16 bytes (8 samples), where the conversion costs next to nothing and what remains is
/// the fixed cost of each path. G.711 is the cheapest codec per byte, so the ACM's own cost shows the most.
/// </summary>
public unsafe class AcmConvertBenchmarks
{
    private BenchCodec codec = null!;
    private nint stream;
    private byte* source, applicationDestination, driverDestination;
    private ACMSTREAMHEADER* applicationHeader;
    private ACMDRVSTREAMHEADER* driverHeader;

    /// <summary>Source bytes converted by one call.</summary>
    [Params(16, 4 * 1024, 1024 * 1024)]
    public int BufferBytes { get; set; }

    /// <summary>Opens the stream both ways, prepares a header for each, and checks that both convert alike.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var pcm = WaveFormat.Pcm(8000, 16, 1);
        var mulaw = WaveFormat.MuLaw(8000, 1);
        codec = new BenchCodec("g711", pcm, mulaw);
        source = (byte*)NativeMemory.Alloc((nuint)BufferBytes);
        var samples = new Span<short>(source, BufferBytes / 2);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(16384 * Math.Sin(2 * Math.PI * 1000 * i / 8000));
        }

        applicationDestination = (byte*)NativeMemory.Alloc((nuint)(BufferBytes / 2));
        driverDestination = (byte*)NativeMemory.Alloc((nuint)(BufferBytes / 2));

        fixed (byte* src = pcm.ToBytes())
        fixed (byte* dst = mulaw.ToBytes())
        {
            nint opened;
            Check("acmStreamOpen", codec.Acm.acmStreamOpen(&opened, 0, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, default, 0, 0, 0));
            stream = opened;
        }

        applicationHeader = (ACMSTREAMHEADER*)NativeMemory.AllocZeroed((nuint)sizeof(ACMSTREAMHEADER));
        applicationHeader->cbStruct = (uint)sizeof(ACMSTREAMHEADER);
        applicationHeader->pbSrc = (nint)source;
        applicationHeader->cbSrcLength = (uint)BufferBytes;
        applicationHeader->pbDst = (nint)applicationDestination;
        applicationHeader->cbDstLength = (uint)(BufferBytes / 2);
        Check("acmStreamPrepareHeader", codec.Acm.acmStreamPrepareHeader(stream, applicationHeader, 0));

        driverHeader = (ACMDRVSTREAMHEADER*)NativeMemory.AllocZeroed((nuint)sizeof(ACMDRVSTREAMHEADER));
        driverHeader->cbStruct = (uint)sizeof(ACMDRVSTREAMHEADER);
        driverHeader->fdwStatus = AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED;
        driverHeader->pbSrc = (nint)source;
        driverHeader->cbSrcLength = (uint)BufferBytes;
        driverHeader->pbDst = (nint)driverDestination;
        driverHeader->cbDstLength = (uint)(BufferBytes / 2);

        BenchCodec.Check("ACMDM_STREAM_CONVERT", SendDriverMessage());
        Check("acmStreamConvert", AcmStreamConvert());
        if (driverHeader->cbDstLengthUsed != BufferBytes / 2 || applicationHeader->cbDstLengthUsed != BufferBytes / 2
            || !new ReadOnlySpan<byte>(driverDestination, BufferBytes / 2).SequenceEqual(new ReadOnlySpan<byte>(applicationDestination, BufferBytes / 2)))
        {
            throw new InvalidOperationException("The two paths did not convert the buffer alike.");
        }
    }

    /// <summary>Unprepares, closes and frees.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ = codec.Acm.acmStreamUnprepareHeader(stream, applicationHeader, 0);
        _ = codec.Acm.acmStreamClose(stream, 0);
        codec.Dispose();
        NativeMemory.Free(applicationHeader);
        NativeMemory.Free(driverHeader);
        NativeMemory.Free(source);
        NativeMemory.Free(applicationDestination);
        NativeMemory.Free(driverDestination);
    }

    /// <summary>The baseline: the message the ACM would send, sent by hand to the driver instance.</summary>
    [Benchmark(Baseline = true)]
    public long SendDriverMessage() => codec.SendConvert(driverHeader);

    /// <summary>The same conversion as an application asks for it: header checks, status flags, then the same message.</summary>
    [Benchmark]
    public MMRESULT AcmStreamConvert() => codec.Acm.acmStreamConvert(stream, applicationHeader, 0);

    private static void Check(string function, MMRESULT result)
    {
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            throw new InvalidOperationException($"{function} returned {result}.");
        }
    }
}
