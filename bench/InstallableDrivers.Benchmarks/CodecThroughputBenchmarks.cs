using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// Encoding and decoding throughput of the shipped G.711 (µ-law) and IMA ADPCM codecs: each invocation converts one
/// second of audio (a half-scale 1 kHz sine, per channel) in one ACMDM_STREAM_CONVERT with START and END, sent to the
/// driver directly so that only the codec is measured. One second divided by the mean time is the multiple of real time
/// (docs/performance.md).
/// </summary>
public unsafe class CodecThroughputBenchmarks
{
    private BenchCodec encoder = null!, decoder = null!;
    private byte* pcm, encoded, decoded;
    private ACMDRVSTREAMHEADER* encodeHeader, decodeHeader;

    /// <summary>The codec: "mulaw" (g711.c) or "ima-adpcm" (imaadpcm.c).</summary>
    [Params("mulaw", "ima-adpcm")]
    public string Codec { get; set; } = "";

    /// <summary>RATE/CHANNELS of the audio.</summary>
    [Params("8000/1", "44100/2")]
    public string Shape { get; set; } = "";

    /// <summary>Opens an encoding and a decoding stream and makes one second of audio and its encoding.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('/');
        var (rate, channels) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        var linear = WaveFormat.Pcm(rate, 16, channels);
        var compressed = Codec == "mulaw" ? WaveFormat.MuLaw(rate, channels) : WaveFormat.ImaAdpcm(rate, channels);
        var driver = Codec == "mulaw" ? "g711" : "imaadpcm";
        encoder = new BenchCodec(driver, linear, compressed);
        decoder = new BenchCodec(driver, compressed, linear);

        var pcmBytes = rate * channels * 2;
        pcm = (byte*)NativeMemory.Alloc((nuint)pcmBytes);
        var samples = new Span<short>(pcm, pcmBytes / 2);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(16384 * Math.Sin(2 * Math.PI * 1000 * (i / channels) / rate));
        }

        // Room for the last partial block completed with silence, in both directions.
        var room = pcmBytes * 2;
        encoded = (byte*)NativeMemory.Alloc((nuint)room);
        decoded = (byte*)NativeMemory.Alloc((nuint)room);
        encodeHeader = Header(pcm, pcmBytes, encoded, room);
        BenchCodec.Check("encode", Encode());
        decodeHeader = Header(encoded, (int)encodeHeader->cbDstLengthUsed, decoded, room);
        BenchCodec.Check("decode", Decode());
        if (decodeHeader->cbDstLengthUsed < pcmBytes)
        {
            throw new InvalidOperationException($"One second decoded to {decodeHeader->cbDstLengthUsed} bytes, not {pcmBytes}.");
        }
    }

    /// <summary>Closes the streams and frees the buffers.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        encoder.Dispose();
        decoder.Dispose();
        NativeMemory.Free(encodeHeader);
        NativeMemory.Free(decodeHeader);
        NativeMemory.Free(pcm);
        NativeMemory.Free(encoded);
        NativeMemory.Free(decoded);
    }

    /// <summary>One second of 16-bit PCM to the codec's format.</summary>
    [Benchmark]
    public long Encode() => encoder.SendConvert(encodeHeader);

    /// <summary>One second of the codec's format back to 16-bit PCM.</summary>
    [Benchmark]
    public long Decode() => decoder.SendConvert(decodeHeader);

    private static ACMDRVSTREAMHEADER* Header(byte* source, int sourceBytes, byte* destination, int destinationBytes)
    {
        var header = (ACMDRVSTREAMHEADER*)NativeMemory.AllocZeroed((nuint)sizeof(ACMDRVSTREAMHEADER));
        header->cbStruct = (uint)sizeof(ACMDRVSTREAMHEADER);
        header->fdwStatus = AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED;
        header->pbSrc = (nint)source;
        header->cbSrcLength = (uint)sourceBytes;
        header->pbDst = (nint)destination;
        header->cbDstLength = (uint)destinationBytes;
        header->fdwConvert = AcmStreamFlags.ACM_STREAMCONVERTF_START | AcmStreamFlags.ACM_STREAMCONVERTF_END;
        return header;
    }
}
