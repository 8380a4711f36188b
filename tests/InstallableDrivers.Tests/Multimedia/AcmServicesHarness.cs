using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// An <see cref="AcmServices"/> over the codec drivers we ship, listed as Windows lists them (<c>[Drivers32]
/// msacm.g711=g711</c>, …) in a memory registry, with helpers that call it as a C program would: structures and
/// buffers in native memory, callbacks as [UnmanagedCallersOnly] functions.
/// </summary>
internal sealed unsafe class AcmServicesHarness : IDisposable
{
    /// <summary>The codecs, in registry (so initial priority) order.</summary>
    public static readonly string[] Codecs = ["g711", "imaadpcm", "msadpcm"];

    public AcmServicesHarness(params string[] codecs)
    {
        var registry = new MemoryDriverRegistry();
        foreach (var codec in codecs.Length == 0 ? Codecs : codecs)
        {
            registry.SetValue("Drivers32", "msacm." + codec, codec);
        }

        // Something that is not a codec, which the ACM must leave alone.
        registry.SetValue("Drivers32", "wave1", "wavefile");
        Manager = TestDrivers.CreateManager(registry);
        Acm = new AcmServices(Manager);
    }

    public DriverManager Manager { get; }

    public AcmServices Acm { get; }

    /// <summary>acmDriverEnum's answer: each driver id with the support bits the callback received, in order.</summary>
    public List<(nint Id, uint Support)> Drivers(uint flags = 0)
    {
        var found = new List<(nint, uint)>();
        var handle = GCHandle.Alloc(found);
        try
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmDriverEnum(&CollectDriver, (nuint)GCHandle.ToIntPtr(handle), flags));
        }
        finally
        {
            handle.Free();
        }

        return found;
    }

    [UnmanagedCallersOnly]
    private static int CollectDriver(nint hadid, nuint instance, uint support)
    {
        ((List<(nint, uint)>)GCHandle.FromIntPtr((nint)instance).Target!).Add((hadid, support));
        return 1;
    }

    public ACMDRIVERDETAILS Details(nint hadid)
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmDriverDetails(hadid, &details, 0));
        return details;
    }

    /// <summary>The driver id whose short name contains <paramref name="text"/>.</summary>
    public nint DriverNamed(string text) => Drivers(AcmDriverFlags.ACM_DRIVERENUMF_DISABLED)
        .Select(d => d.Id).Single(id => Details(id).ShortName.Contains(text, StringComparison.OrdinalIgnoreCase));

    public nint OpenDriver(nint hadid)
    {
        nint had;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmDriverOpen(&had, hadid, 0));
        return had;
    }

    /// <summary>acmStreamOpen with formats given as bytes; the stream is 0 unless it opened.</summary>
    public MMRESULT OpenStream(out nint stream, nint had, byte[] source, byte[] destination, uint flags = 0)
    {
        nint has = 0;
        MMRESULT result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            result = (flags & AcmStreamFlags.ACM_STREAMOPENF_QUERY) != 0
                ? Acm.acmStreamOpen(null, had, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, null, 0, 0, flags)
                : Acm.acmStreamOpen(&has, had, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, null, 0, 0, flags);
        }

        stream = has;
        return result;
    }

    public nint Stream(byte[] source, byte[] destination, nint had = 0)
    {
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, OpenStream(out var stream, had, source, destination));
        return stream;
    }

    public uint Size(nint stream, uint length, uint flags)
    {
        uint answer;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmStreamSize(stream, length, &answer, flags));
        return answer;
    }

    /// <summary>
    /// Converts all of <paramref name="input"/> through a stream as an application does: one prepared header, the
    /// source fed in chunks of <paramref name="chunk"/> bytes (what a chunk leaves unconverted goes again with the
    /// next), START on the first and END on the last conversion.
    /// </summary>
    public byte[] ConvertAll(nint stream, byte[] input, int chunk)
    {
        var output = new List<byte>();
        var room = (int)Size(stream, (uint)chunk, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE);
        using var header = new AcmHeader(chunk, room);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        var offset = 0;
        var first = true;
        while (true)
        {
            var length = Math.Min(chunk, input.Length - offset);
            var last = offset + length == input.Length;
            header.SetSource(input.AsSpan(offset, length));
            var flags = (first ? AcmStreamFlags.ACM_STREAMCONVERTF_START : 0)
                | (last ? AcmStreamFlags.ACM_STREAMCONVERTF_END : AcmStreamFlags.ACM_STREAMCONVERTF_BLOCKALIGN);
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmStreamConvert(stream, header.Header, flags));
            Assert.Equal(AcmHeader.Prepared | AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE, header.Header->fdwStatus);
            output.AddRange(header.Output);
            offset += (int)header.Header->cbSrcLengthUsed;
            first = false;
            // Done when the last source went in and the destination was not filled (a filled one may have more to come).
            if (last && (header.Header->cbDstLengthUsed == 0 || (header.Header->cbSrcLengthUsed == length && header.Header->cbDstLengthUsed < room)))
            {
                break;
            }
        }

        header.RestoreLengths();
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
        return [.. output];
    }

    public void Dispose()
    {
        Acm.Dispose();
        Manager.Dispose();
    }
}
