using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// One conversion stream of an <see cref="AcmCodecDriver"/>: the ACMDRVSTREAMINSTANCE and both formats in native
/// memory for the stream's life, as the ACM keeps them, and ACMDM_STREAM_SIZE/CONVERT/RESET/CLOSE on it.
/// </summary>
internal sealed unsafe class AcmCodecStream : IDisposable
{
    private readonly AcmCodecDriver _driver;
    private readonly byte* _source;
    private readonly byte* _destination;
    private bool _open = true;

    public AcmCodecStream(AcmCodecDriver driver, byte[] source, byte[] destination, uint fdwOpen, nint filter)
    {
        _driver = driver;
        _source = CopyToNative(source);
        _destination = CopyToNative(destination);
        Instance = (ACMDRVSTREAMINSTANCE*)NativeMemory.AllocZeroed((nuint)sizeof(ACMDRVSTREAMINSTANCE));
        Instance->cbStruct = (uint)sizeof(ACMDRVSTREAMINSTANCE);
        Instance->pwfxSrc = (nint)_source;
        Instance->pwfxDst = (nint)_destination;
        Instance->pwfltr = filter;
        Instance->fdwOpen = fdwOpen;
        Instance->has = 0x5A5A;
    }

    public ACMDRVSTREAMINSTANCE* Instance { get; }

    /// <summary>ACMDM_STREAM_SIZE: the result and the length the driver answered (the other one).</summary>
    public (long Result, uint Answer) Size(uint fdwSize, uint length)
    {
        var given = fdwSize == AcmStreamFlags.ACM_STREAMSIZEF_SOURCE;
        var size = new ACMDRVSTREAMSIZE
        {
            cbStruct = (uint)sizeof(ACMDRVSTREAMSIZE), fdwSize = fdwSize, cbSrcLength = given ? length : 0, cbDstLength = given ? 0 : length,
        };
        var result = _driver.Send(AcmMessages.ACMDM_STREAM_SIZE, (nint)Instance, (nint)(&size));
        return (result, given ? size.cbDstLength : size.cbSrcLength);
    }

    /// <summary>
    /// ACMDM_STREAM_CONVERT of one buffer pair: the result, the source bytes used and the bytes written (none on an
    /// error).
    /// </summary>
    public (long Result, int SourceUsed, byte[] Output) Convert(ReadOnlySpan<byte> source, int destinationLength, uint fdwConvert)
    {
        var destination = new byte[destinationLength];
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            var header = new ACMDRVSTREAMHEADER
            {
                cbStruct = (uint)sizeof(ACMDRVSTREAMHEADER), fdwStatus = AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED,
                pbSrc = (nint)src, cbSrcLength = (uint)source.Length, pbDst = (nint)dst, cbDstLength = (uint)destinationLength,
                cbSrcLengthUsed = uint.MaxValue, cbDstLengthUsed = uint.MaxValue, fdwConvert = fdwConvert,
            };
            var result = _driver.Send(AcmMessages.ACMDM_STREAM_CONVERT, (nint)Instance, (nint)(&header));
            if (result != 0)
            {
                return (result, 0, []);
            }

            Assert.True(header.cbDstLengthUsed <= (uint)destinationLength, $"the driver claims {header.cbDstLengthUsed} bytes of {destinationLength}");
            Assert.True(header.cbSrcLengthUsed <= (uint)source.Length, $"the driver claims {header.cbSrcLengthUsed} source bytes of {source.Length}");
            return (result, (int)header.cbSrcLengthUsed, destination[..(int)header.cbDstLengthUsed]);
        }
    }

    /// <summary>Converts a whole input in one buffer with START and END, into a destination sized by ACMDM_STREAM_SIZE.</summary>
    public byte[] ConvertAll(ReadOnlySpan<byte> source)
    {
        var (sized, room) = Size(AcmStreamFlags.ACM_STREAMSIZEF_SOURCE, (uint)source.Length);
        Assert.Equal(0, sized);
        var (result, used, output) = Convert(source, (int)room, AcmStreamFlags.ACM_STREAMCONVERTF_START | AcmStreamFlags.ACM_STREAMCONVERTF_END);
        Assert.Equal(0, result);
        Assert.Equal(source.Length, used);
        return output;
    }

    public long Reset() => _driver.Send(AcmMessages.ACMDM_STREAM_RESET, (nint)Instance, 0);

    /// <summary>For a stream the driver never opened (refused, or only queried): free without closing.</summary>
    public void Forget()
    {
        _open = false;
        Dispose();
    }

    public void Dispose()
    {
        if (_open)
        {
            _open = false;
            Assert.Equal(0, _driver.Send(AcmMessages.ACMDM_STREAM_CLOSE, (nint)Instance, 0));
        }

        NativeMemory.Free(Instance);
        NativeMemory.Free(_source);
        NativeMemory.Free(_destination);
    }

    private static byte* CopyToNative(byte[] bytes)
    {
        var native = (byte*)NativeMemory.Alloc((nuint)Math.Max(bytes.Length, 1));
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        return native;
    }
}
