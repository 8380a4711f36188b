using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// A codec driver that is only a DriverProc function of the test's own, for acmDriverAdd's ACM_DRIVERADDF_FUNCTION. It
/// converts 8 kHz mono 16-bit PCM to and from <see cref="Tag"/>, the same samples with every byte XORed with
/// <see cref="Key"/>, and copies PCM to identical PCM. It records each message it receives, and the driver id each
/// came with.
/// </summary>
internal static unsafe class XorCodecDriverProc
{
    /// <summary>The "format": WAVE_FORMAT_DEVELOPMENT, the tag for codecs without a registered one.</summary>
    public const ushort Tag = WaveFormatTags.WAVE_FORMAT_DEVELOPMENT;

    public const byte Key = 0x5A;

    /// <summary>What DRV_OPEN returns: the id every later message of the instance must carry.</summary>
    public const nuint InstanceId = 0x1234;

    public static ConcurrentQueue<(uint Message, nuint DriverId)> Messages { get; } = new();

    public static delegate* unmanaged<nuint, nint, uint, nint, nint, nint> Function => &DriverProc;

    public static delegate* unmanaged<nuint, nint, uint, nint, nint, nint> RefusingFunction => &RefusingDriverProc;

    public static byte[] Format(ushort tag) => WaveFormats.Make(tag, 1, 8000, 16000, 2, 16);

    [UnmanagedCallersOnly]
    private static nint RefusingDriverProc(nuint driverId, nint hdrvr, uint message, nint lParam1, nint lParam2) =>
        message is DriverMessages.DRV_LOAD or DriverMessages.DRV_ENABLE ? 1 : 0;

    [UnmanagedCallersOnly]
    private static nint DriverProc(nuint driverId, nint hdrvr, uint message, nint lParam1, nint lParam2)
    {
        Messages.Enqueue((message, driverId));
        return message switch
        {
            DriverMessages.DRV_LOAD or DriverMessages.DRV_ENABLE or DriverMessages.DRV_CLOSE or DriverMessages.DRV_DISABLE or DriverMessages.DRV_FREE => 1,
            DriverMessages.DRV_OPEN => ((ACMDRVOPENDESC*)lParam2)->fccType == AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC ? (nint)InstanceId : 0,
            AcmMessages.ACMDM_DRIVER_DETAILS => DriverDetails((ACMDRIVERDETAILS*)lParam1),
            AcmMessages.ACMDM_FORMATTAG_DETAILS => FormatTagDetails((ACMFORMATTAGDETAILS*)lParam1, (uint)lParam2),
            AcmMessages.ACMDM_FORMAT_DETAILS => FormatDetails((ACMFORMATDETAILS*)lParam1),
            AcmMessages.ACMDM_STREAM_OPEN => Convertible((ACMDRVSTREAMINSTANCE*)lParam1) ? 0 : (nint)AcmErrors.ACMERR_NOTPOSSIBLE,
            AcmMessages.ACMDM_STREAM_CLOSE => 0,
            AcmMessages.ACMDM_STREAM_SIZE => Size((ACMDRVSTREAMSIZE*)lParam2),
            AcmMessages.ACMDM_STREAM_CONVERT => Convert((ACMDRVSTREAMINSTANCE*)lParam1, (ACMDRVSTREAMHEADER*)lParam2),
            _ => message >= AcmMessages.ACMDM_USER ? (nint)MMRESULT.MMSYSERR_NOTSUPPORTED : 0,
        };
    }

    private static nint DriverDetails(ACMDRIVERDETAILS* details)
    {
        var room = details->cbStruct;
        var filled = new ACMDRIVERDETAILS
        {
            cbStruct = room, fccType = AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, fdwSupport = AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC,
            cFormatTags = 2,
        };
        "XOR".AsSpan().CopyTo(new Span<char>(filled.szShortName, 32));
        new ReadOnlySpan<byte>(&filled, (int)room).CopyTo(new Span<byte>(details, (int)room));
        return 0;
    }

    private static nint FormatTagDetails(ACMFORMATTAGDETAILS* details, uint query)
    {
        var index = query == AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX ? (int)details->dwFormatTagIndex
            : details->dwFormatTag == WaveFormatTags.WAVE_FORMAT_PCM ? 0 : details->dwFormatTag == Tag ? 1 : -1;
        if (index is < 0 or > 1)
        {
            return (nint)AcmErrors.ACMERR_NOTPOSSIBLE;
        }

        details->dwFormatTagIndex = (uint)index;
        details->dwFormatTag = index == 0 ? WaveFormatTags.WAVE_FORMAT_PCM : Tag;
        details->cbFormatSize = index == 0 ? 16u : 18u;
        details->fdwSupport = AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC;
        details->cStandardFormats = 1;
        return 0;
    }

    private static nint FormatDetails(ACMFORMATDETAILS* details)
    {
        var format = Format((ushort)details->dwFormatTag);
        if (details->cbwfx < format.Length)
        {
            return (nint)MMRESULT.MMSYSERR_INVALPARAM;
        }

        format.CopyTo(new Span<byte>((void*)details->pwfx, format.Length));
        return 0;
    }

    private static bool Convertible(ACMDRVSTREAMINSTANCE* stream)
    {
        static bool Ours(WAVEFORMATEX* f) =>
            f->wFormatTag is WaveFormatTags.WAVE_FORMAT_PCM or Tag && f->nChannels == 1 && f->nSamplesPerSec == 8000 && f->wBitsPerSample == 16;
        return Ours((WAVEFORMATEX*)stream->pwfxSrc) && Ours((WAVEFORMATEX*)stream->pwfxDst) && stream->pwfltr == 0;
    }

    private static nint Size(ACMDRVSTREAMSIZE* size)
    {
        if (size->fdwSize == AcmStreamFlags.ACM_STREAMSIZEF_SOURCE)
        {
            size->cbDstLength = size->cbSrcLength & ~1u;
        }
        else
        {
            size->cbSrcLength = size->cbDstLength & ~1u;
        }

        return 0;
    }

    private static nint Convert(ACMDRVSTREAMINSTANCE* stream, ACMDRVSTREAMHEADER* header)
    {
        var key = ((WAVEFORMATEX*)stream->pwfxSrc)->wFormatTag == ((WAVEFORMATEX*)stream->pwfxDst)->wFormatTag ? (byte)0 : Key;
        var length = (int)Math.Min(header->cbSrcLength, header->cbDstLength) & ~1;
        var source = new ReadOnlySpan<byte>((void*)header->pbSrc, length);
        var destination = new Span<byte>((void*)header->pbDst, length);
        for (var i = 0; i < length; i++)
        {
            destination[i] = (byte)(source[i] ^ key);
        }

        header->cbSrcLengthUsed = (uint)length;
        header->cbDstLengthUsed = (uint)length;
        return 0;
    }
}
