using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The ACM's built-in PCM converter, a codec driver like the others (msacm32 has one inside, listed as "Microsoft PCM
/// Converter"): the ACM opens it through the same DriverProc path as a function driver and sends it the same ACMDM_*
/// messages. It converts between integer PCM of 8, 16, 24 and 32 bits and 32-bit IEEE float, mono and stereo, at any
/// rates (<see cref="PcmConversion"/>). Its standard formats (ACMDM_FORMAT_DETAILS by index) are, for each rate of
/// <see cref="StandardRates"/>, each size then mono and stereo.
/// </summary>
internal sealed unsafe class PcmConverterDriver : IDriverProc
{
    /// <summary>The name the converter is opened under (it is in no registry).</summary>
    public const string Alias = "msacm.pcmconverter";

    /// <summary>The rates the standard formats list.</summary>
    private static readonly int[] StandardRates = [8000, 11025, 16000, 22050, 32000, 44100, 48000];

    private static readonly int[] PcmBits = [8, 16, 24, 32];

    /// <summary>The two tags, in ACMDM_FORMATTAG_DETAILS index order.</summary>
    private static readonly (ushort Tag, string Name, int[] Bits)[] Tags =
    [
        (WaveFormatTags.WAVE_FORMAT_PCM, "PCM", PcmBits),
        (WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, "IEEE Float", [32]),
    ];

    /// <inheritdoc />
    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        switch (message)
        {
            case DriverMessages.DRV_LOAD:
            case DriverMessages.DRV_ENABLE:
            case DriverMessages.DRV_DISABLE:
            case DriverMessages.DRV_FREE:
            case DriverMessages.DRV_CLOSE:
                return 1;
            case DriverMessages.DRV_OPEN:
                return Open((ACMDRVOPENDESC*)lParam2);
            case AcmMessages.ACMDM_DRIVER_DETAILS:
                return Result(DriverDetails((ACMDRIVERDETAILS*)lParam1));
            case AcmMessages.ACMDM_FORMATTAG_DETAILS:
                return Result(FormatTagDetails((ACMFORMATTAGDETAILS*)lParam1, (uint)lParam2));
            case AcmMessages.ACMDM_FORMAT_DETAILS:
                return Result(FormatDetails((ACMFORMATDETAILS*)lParam1, (uint)lParam2));
            case AcmMessages.ACMDM_FORMAT_SUGGEST:
                return Result(Suggest((ACMDRVFORMATSUGGEST*)lParam1));
            case AcmMessages.ACMDM_STREAM_OPEN:
                return Result(OpenStream((ACMDRVSTREAMINSTANCE*)lParam1));
            case AcmMessages.ACMDM_STREAM_CLOSE:
                GCHandle.FromIntPtr((nint)((ACMDRVSTREAMINSTANCE*)lParam1)->dwDriver).Free();
                return 0;
            case AcmMessages.ACMDM_STREAM_SIZE:
                return Result(StreamSize((ACMDRVSTREAMINSTANCE*)lParam1, (ACMDRVSTREAMSIZE*)lParam2));
            case AcmMessages.ACMDM_STREAM_CONVERT:
                return Result(Convert((ACMDRVSTREAMINSTANCE*)lParam1, (ACMDRVSTREAMHEADER*)lParam2));
            case AcmMessages.ACMDM_STREAM_RESET:
                return 0;
            default:
                // Everything else, ACMDM_STREAM_PREPARE/UNPREPARE and ACMDM_DRIVER_ABOUT included: the ACM does it or
                // there is nothing to do. Other DRV_* messages get DefDriverProc's answer, 0.
                return message >= AcmMessages.ACMDM_USER ? Result(MMRESULT.MMSYSERR_NOTSUPPORTED) : 0;
        }
    }

    private static nint Result(MMRESULT result) => (nint)(uint)result;

    private static MMRESULT NotPossible => (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE;

    /// <summary>DRV_OPEN: an ACM open ('audc') or a configuration open (no description).</summary>
    private static nint Open(ACMDRVOPENDESC* description)
    {
        if (description is null)
        {
            return 1;
        }

        if (description->fccType != AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC)
        {
            return 0;
        }

        description->dwError = 0;
        return 1;
    }

    private static MMRESULT DriverDetails(ACMDRIVERDETAILS* target)
    {
        var details = new ACMDRIVERDETAILS
        {
            fccType = AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, wMid = 0xFFFF, wPid = 0xFFFF, vdwACM = AcmServices.Version,
            vdwDriver = 0x01000000, fdwSupport = AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CONVERTER, cFormatTags = (uint)Tags.Length,
        };
        FixedName.Write(new Span<char>(details.szShortName, ACMDRIVERDETAILS.ACMDRIVERDETAILS_SHORTNAME_CHARS), "MS-PCM");
        FixedName.Write(new Span<char>(details.szLongName, ACMDRIVERDETAILS.ACMDRIVERDETAILS_LONGNAME_CHARS), "Microsoft PCM Converter");
        FixedName.Write(new Span<char>(details.szFeatures, ACMDRIVERDETAILS.ACMDRIVERDETAILS_FEATURES_CHARS),
            "Converts PCM between 8, 16, 24 and 32-bit integer and 32-bit float, mono and stereo, and sample rates (windowed-sinc resampler).");
        return CopyOut(&details, target, target->cbStruct);
    }

    /// <summary>Copies a filled structure to the caller's, no further than its cbStruct, and sets cbStruct to what was copied.</summary>
    private static MMRESULT CopyOut<T>(T* filled, T* target, uint room)
        where T : unmanaged
    {
        var size = Math.Min(room, (uint)sizeof(T));
        *(uint*)filled = size;
        new ReadOnlySpan<byte>(filled, (int)size).CopyTo(new Span<byte>(target, (int)size));
        return MMRESULT.MMSYSERR_NOERROR;
    }

    private static MMRESULT FormatTagDetails(ACMFORMATTAGDETAILS* target, uint query)
    {
        int index;
        switch (query)
        {
            case AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX:
                index = target->dwFormatTagIndex < Tags.Length ? (int)target->dwFormatTagIndex : -1;
                break;
            case AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG:
                index = Array.FindIndex(Tags, t => t.Tag == target->dwFormatTag);
                break;
            case AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE:
                // Float's 18-byte WAVEFORMATEX is the larger.
                index = target->dwFormatTag == WaveFormatTags.WAVE_FORMAT_UNKNOWN ? 1 : Array.FindIndex(Tags, t => t.Tag == target->dwFormatTag);
                break;
            default:
                return MMRESULT.MMSYSERR_NOTSUPPORTED;
        }

        if (index < 0)
        {
            return NotPossible;
        }

        var (tag, name, bits) = Tags[index];
        var details = new ACMFORMATTAGDETAILS
        {
            dwFormatTagIndex = (uint)index, dwFormatTag = tag, cbFormatSize = new PcmFormat(index == 1, 1, 8000, bits[0]).Size,
            fdwSupport = AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CONVERTER, cStandardFormats = (uint)(StandardRates.Length * bits.Length * 2),
        };
        FixedName.Write(new Span<char>(details.szFormatTag, ACMFORMATTAGDETAILS.ACMFORMATTAGDETAILS_FORMATTAG_CHARS), name);
        return CopyOut(&details, target, target->cbStruct);
    }

    /// <summary>Standard format <paramref name="index"/> of a tag: by rate, then size, then mono and stereo.</summary>
    private static PcmFormat? StandardFormat(uint tag, uint index)
    {
        var entry = Array.FindIndex(Tags, t => t.Tag == tag);
        if (entry < 0)
        {
            return null;
        }

        var bits = Tags[entry].Bits;
        var perRate = bits.Length * 2;
        if (index >= StandardRates.Length * perRate)
        {
            return null;
        }

        var within = (int)index % perRate;
        return new PcmFormat(entry == 1, (within % 2) + 1, StandardRates[index / perRate], bits[within / 2]);
    }

    private static MMRESULT FormatDetails(ACMFORMATDETAILS* details, uint query)
    {
        PcmFormat? format;
        switch (query)
        {
            case AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX:
                format = StandardFormat(details->dwFormatTag, details->dwFormatIndex);
                if (format is null)
                {
                    return NotPossible;
                }

                if (!format.Value.WriteTo((WAVEFORMATEX*)details->pwfx, details->cbwfx))
                {
                    return MMRESULT.MMSYSERR_INVALPARAM;
                }

                break;
            case AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT:
                format = PcmFormat.From((WAVEFORMATEX*)details->pwfx);
                if (format is null)
                {
                    return NotPossible;
                }

                break;
            default:
                return MMRESULT.MMSYSERR_NOTSUPPORTED;
        }

        details->fdwSupport = AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CONVERTER;
        FixedName.Write(new Span<char>(details->szFormat, ACMFORMATDETAILS.ACMFORMATDETAILS_FORMAT_CHARS), format.Value.Description);
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// ACMDM_FORMAT_SUGGEST: the source format with whatever fields the caller fixed. A float source stays float unless
    /// the tag is fixed; a tag fixed to PCM without fixed bits suggests 16 bits from float, the source's bits otherwise.
    /// </summary>
    private static MMRESULT Suggest(ACMDRVFORMATSUGGEST* suggest)
    {
        if (PcmFormat.From((WAVEFORMATEX*)suggest->pwfxSrc) is not { } source)
        {
            return NotPossible;
        }

        var wanted = (WAVEFORMATEX*)suggest->pwfxDst;
        var flags = suggest->fdwSuggest;
        var isFloat = source.IsFloat;
        var bits = source.Bits;
        if ((flags & AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG) != 0)
        {
            if (wanted->wFormatTag is not (WaveFormatTags.WAVE_FORMAT_PCM or WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT))
            {
                return NotPossible;
            }

            isFloat = wanted->wFormatTag == WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT;
            bits = isFloat ? 32 : source.IsFloat ? 16 : source.Bits;
        }

        var channels = (flags & AcmDetailsFlags.ACM_FORMATSUGGESTF_NCHANNELS) != 0 ? wanted->nChannels : source.Channels;
        var rate = (flags & AcmDetailsFlags.ACM_FORMATSUGGESTF_NSAMPLESPERSEC) != 0 ? (int)Math.Min(wanted->nSamplesPerSec, int.MaxValue) : source.Rate;
        bits = (flags & AcmDetailsFlags.ACM_FORMATSUGGESTF_WBITSPERSAMPLE) != 0 ? wanted->wBitsPerSample : bits;
        var suggestion = new PcmFormat(isFloat, channels, rate, bits);
        var valid = (isFloat ? bits == 32 : bits is 8 or 16 or 24 or 32) && channels is 1 or 2 && rate is > 0 and <= PcmFormat.MaxRate;
        return valid && suggestion.WriteTo(wanted, suggest->cbwfxDst) ? MMRESULT.MMSYSERR_NOERROR : NotPossible;
    }

    private static MMRESULT OpenStream(ACMDRVSTREAMINSTANCE* instance)
    {
        var source = PcmFormat.From((WAVEFORMATEX*)instance->pwfxSrc);
        var destination = PcmFormat.From((WAVEFORMATEX*)instance->pwfxDst);
        if (source is null || destination is null || instance->pwfltr != 0 || (instance->fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_ASYNC) != 0)
        {
            return NotPossible;
        }

        if ((instance->fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_QUERY) == 0)
        {
            instance->dwDriver = (nuint)GCHandle.ToIntPtr(GCHandle.Alloc(new PcmConversion(source.Value, destination.Value)));
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    private static PcmConversion Conversion(ACMDRVSTREAMINSTANCE* instance) => (PcmConversion)GCHandle.FromIntPtr((nint)instance->dwDriver).Target!;

    private static MMRESULT StreamSize(ACMDRVSTREAMINSTANCE* instance, ACMDRVSTREAMSIZE* size)
    {
        var conversion = Conversion(instance);
        long answer;
        switch (size->fdwSize & AcmStreamFlags.ACM_STREAMSIZEF_QUERYMASK)
        {
            case AcmStreamFlags.ACM_STREAMSIZEF_SOURCE:
                answer = conversion.DestinationSize(size->cbSrcLength);
                size->cbDstLength = (uint)Math.Min(answer, uint.MaxValue);
                break;
            case AcmStreamFlags.ACM_STREAMSIZEF_DESTINATION:
                answer = conversion.SourceSize(size->cbDstLength);
                size->cbSrcLength = (uint)Math.Min(answer, uint.MaxValue);
                break;
            default:
                return MMRESULT.MMSYSERR_INVALFLAG;
        }

        return answer is > 0 and <= uint.MaxValue ? MMRESULT.MMSYSERR_NOERROR : NotPossible;
    }

    private static MMRESULT Convert(ACMDRVSTREAMINSTANCE* instance, ACMDRVSTREAMHEADER* header)
    {
        var conversion = Conversion(instance);
        if ((header->fdwConvert & AcmStreamFlags.ACM_STREAMCONVERTF_START) != 0)
        {
            conversion.Restart();
        }

        var input = new ReadOnlySpan<byte>((void*)header->pbSrc, (int)header->cbSrcLength);
        var output = new Span<byte>((void*)header->pbDst, (int)header->cbDstLength);
        conversion.Convert(input, output, (header->fdwConvert & AcmStreamFlags.ACM_STREAMCONVERTF_END) != 0, out var used, out var written);
        header->cbSrcLengthUsed = (uint)used;
        header->cbDstLengthUsed = (uint)written;
        return MMRESULT.MMSYSERR_NOERROR;
    }
}
