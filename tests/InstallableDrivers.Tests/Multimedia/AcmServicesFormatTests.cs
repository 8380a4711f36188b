using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>The ACM's format and filter functions over the shipped codecs and the PCM converter.</summary>
public sealed unsafe class AcmServicesFormatTests : IDisposable
{
    private static readonly byte[] Pcm8k = WaveFormats.Pcm(1, 8000);

    private readonly AcmServicesHarness acm = new();

    public void Dispose() => acm.Dispose();

    // ---- Collecting what a callback receives --------------------------------------------------------------------------

    private List<(nint Id, ACMFORMATTAGDETAILS Details)> FormatTags(nint had)
    {
        var found = new List<(nint, ACMFORMATTAGDETAILS)>();
        var handle = GCHandle.Alloc(found);
        try
        {
            var details = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS) };
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatTagEnum(had, &details, &CollectTag, (nuint)GCHandle.ToIntPtr(handle), 0));
        }
        finally
        {
            handle.Free();
        }

        return found;
    }

    [UnmanagedCallersOnly]
    private static int CollectTag(nint hadid, ACMFORMATTAGDETAILS* details, nuint instance, uint support)
    {
        ((List<(nint, ACMFORMATTAGDETAILS)>)GCHandle.FromIntPtr((nint)instance).Target!).Add((hadid, *details));
        return 1;
    }

    /// <summary>acmFormatEnum's result and the formats (as bytes) with their descriptions.</summary>
    private (MMRESULT Result, List<(nint Id, byte[] Format, string Name)> Formats) Formats(nint had, byte[] given, uint tag, uint flags)
    {
        var found = new List<(nint, byte[], string)>();
        var handle = GCHandle.Alloc(found);
        var buffer = new byte[64];
        given.CopyTo(buffer, 0);
        try
        {
            fixed (byte* format = buffer)
            {
                var details = new ACMFORMATDETAILS { cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = tag, pwfx = (nint)format, cbwfx = 64 };
                var result = acm.Acm.acmFormatEnum(had, &details, &CollectFormat, (nuint)GCHandle.ToIntPtr(handle), flags);
                return (result, found);
            }
        }
        finally
        {
            handle.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static int CollectFormat(nint hadid, ACMFORMATDETAILS* details, nuint instance, uint support)
    {
        var format = (WAVEFORMATEX*)details->pwfx;
        var size = format->wFormatTag == WaveFormatTags.WAVE_FORMAT_PCM ? 16 : 18 + format->cbSize;
        ((List<(nint, byte[], string)>)GCHandle.FromIntPtr((nint)instance).Target!).Add(
            (hadid, new ReadOnlySpan<byte>(format, size).ToArray(), details->FormatName));
        return 1;
    }

    [UnmanagedCallersOnly]
    private static int CountOnly(nint hadid, ACMFORMATDETAILS* details, nuint instance, uint support) => 1;

    // ---- Format tags ----------------------------------------------------------------------------------------------

    [Fact]
    public void Tag_enumeration_over_all_drivers_lists_each_tag_with_its_driver_and_pcm_once()
    {
        var tags = FormatTags(0);
        Assert.Equal(
            [WaveFormatTags.WAVE_FORMAT_PCM, WaveFormatTags.WAVE_FORMAT_ALAW, WaveFormatTags.WAVE_FORMAT_MULAW, WaveFormatTags.WAVE_FORMAT_IMA_ADPCM,
             WaveFormatTags.WAVE_FORMAT_ADPCM, WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT],
            tags.Select(t => (ushort)t.Details.dwFormatTag));
        Assert.Equal(acm.DriverNamed("711"), tags.Single(t => t.Details.dwFormatTag == WaveFormatTags.WAVE_FORMAT_MULAW).Id);
        Assert.Equal(acm.DriverNamed("MS-PCM"), tags.Single(t => t.Details.dwFormatTag == WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT).Id);
        Assert.Equal("IEEE Float", tags.Last().Details.FormatTagName);

        // One driver: all its tags, PCM included.
        var had = acm.OpenDriver(acm.DriverNamed("IMA"));
        Assert.Equal([WaveFormatTags.WAVE_FORMAT_PCM, WaveFormatTags.WAVE_FORMAT_IMA_ADPCM], FormatTags(had).Select(t => (ushort)t.Details.dwFormatTag));
        Assert.Equal(2, FormatTags(acm.DriverNamed("IMA")).Count);
    }

    [Fact]
    public void Tag_details_by_tag_index_and_largest_size()
    {
        var details = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS), dwFormatTag = WaveFormatTags.WAVE_FORMAT_MULAW };
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatTagDetails(0, &details, AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG));
        Assert.Equal(8u, details.cStandardFormats); // four rates, mono and stereo (docs/acm-codecs.md)

        details = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS), dwFormatTag = WaveFormatTags.WAVE_FORMAT_UNKNOWN };
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatTagDetails(0, &details, AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE));
        Assert.Equal(WaveFormatTags.WAVE_FORMAT_ADPCM, details.dwFormatTag);
        Assert.Equal(50u, details.cbFormatSize);

        details = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS), dwFormatTagIndex = 1 };
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmFormatTagDetails(0, &details, AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatTagDetails(acm.DriverNamed("711"), &details, AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX));
        Assert.Equal(WaveFormatTags.WAVE_FORMAT_ALAW, details.dwFormatTag);
    }

    [Fact]
    public void Tag_details_errors()
    {
        var details = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS), dwFormatTag = 0x1234 };
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmFormatTagDetails(0, &details, AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE,
            acm.Acm.acmFormatTagDetails(acm.DriverNamed("711"), &details, AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmFormatTagDetails(0, &details, 3));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmFormatTagDetails(0, &details, 0x100));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatTagDetails(0, null, 1));
        details.cbStruct = 20;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatTagDetails(0, &details, 1));

        // A disabled driver's id is not allowed.
        details.cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS);
        var g711 = acm.DriverNamed("711");
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(g711, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_DISABLE));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmFormatTagDetails(g711, &details, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatTagEnum(0, &details, null, 0, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmFormatTagEnum(0, &details, &CollectTag, 0, 1));
    }

    // ---- Formats --------------------------------------------------------------------------------------------------

    [Fact]
    public void Format_details_by_index_and_by_format()
    {
        var format = new byte[64];
        fixed (byte* buffer = format)
        {
            var details = new ACMFORMATDETAILS
            {
                cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = WaveFormatTags.WAVE_FORMAT_IMA_ADPCM, dwFormatIndex = 1, pwfx = (nint)buffer, cbwfx = 64,
            };
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatDetails(acm.DriverNamed("IMA"), &details, AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX));
            Assert.Equal(WaveFormatTags.WAVE_FORMAT_IMA_ADPCM, WaveFormats.Tag(format));
            Assert.Equal(2, WaveFormats.Channels(format)); // index 1: 8 kHz stereo
            Assert.Equal("8.000 kHz, 4 Bit, Stereo", details.FormatName);
            details.fdwSupport = 0; // the driver filled it; a caller must clear it again
            Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmFormatDetails(0, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX));

            // Past the tag's eight standard formats, WAVE_FORMAT_UNKNOWN, or fdwSupport set: bad parameters.
            var ima = acm.DriverNamed("IMA");
            details.dwFormatIndex = 8;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatDetails(ima, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX));
            details.dwFormatIndex = 0;
            details.dwFormatTag = WaveFormatTags.WAVE_FORMAT_UNKNOWN;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatDetails(ima, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX));
            details.dwFormatTag = WaveFormatTags.WAVE_FORMAT_IMA_ADPCM;
            details.fdwSupport = 1;
            details.dwFormatIndex = 1;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatDetails(ima, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX));
        }

        // By format with no driver named: the first driver that knows the tag describes it; PCM too (the PCM converter
        // is not the first that lists PCM, but G.711 describes 16-bit PCM).
        var float48k = WaveFormats.Float(2, 48000);
        fixed (byte* buffer = float48k)
        {
            var details = new ACMFORMATDETAILS { cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = 3, pwfx = (nint)buffer, cbwfx = 18 };
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatDetails(0, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT));
            Assert.Equal("48.000 kHz, 32 Bit, Stereo", details.FormatName);
            details.dwFormatTag = 1;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatDetails(0, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT));
            details.dwFormatTag = 3;
            Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmFormatDetails(0, &details, 2));
            details.cbStruct = 8;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatDetails(0, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT));
        }
    }

    [Fact]
    public void Format_enumeration_keeps_the_restricted_fields()
    {
        var mulaw = WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_MULAW, 2, 8000);
        var (result, all) = Formats(0, mulaw, WaveFormatTags.WAVE_FORMAT_MULAW, AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, result);
        Assert.Equal(8, all.Count);
        Assert.All(all, f => Assert.Equal(WaveFormatTags.WAVE_FORMAT_MULAW, WaveFormats.Tag(f.Format)));
        Assert.Equal([8000, 8000, 11025, 11025, 22050, 22050, 44100, 44100], all.Select(f => WaveFormats.Rate(f.Format)));

        var (_, stereo) = Formats(0, mulaw, WaveFormatTags.WAVE_FORMAT_MULAW,
            AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG | AcmDetailsFlags.ACM_FORMATENUMF_NCHANNELS);
        Assert.Equal(4, stereo.Count);
        Assert.All(stereo, f => Assert.Equal(2, WaveFormats.Channels(f.Format)));

        // PCM over all drivers: each format once, from the first driver that lists it; G.711 lists 16-bit at its four
        // rates, MS ADPCM adds 8-bit ones, the converter the rest of its 56.
        var (_, pcm) = Formats(0, Pcm8k, WaveFormatTags.WAVE_FORMAT_PCM, AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG);
        Assert.Equal(56, pcm.Count);
        Assert.Equal(56, pcm.Select(f => Convert.ToHexString(f.Format)).Distinct().Count());
        Assert.Equal(8, pcm.Count(f => f.Id == acm.DriverNamed("711")));
        Assert.All(pcm.Where(f => f.Id == acm.DriverNamed("711")), f => Assert.Equal(16, WaveFormats.Bits(f.Format)));

        // The PCM converter's own list: seven rates, four sizes, mono and stereo.
        var (_, converter) = Formats(acm.DriverNamed("MS-PCM"), Pcm8k, WaveFormatTags.WAVE_FORMAT_PCM, AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG);
        Assert.Equal(56, converter.Count);
        Assert.Equal("8.000 kHz, 8 Bit, Mono", converter[0].Name);
        Assert.Equal("48.000 kHz, 32 Bit, Stereo", converter[^1].Name);
    }

    [Fact]
    public void Convert_enumeration_lists_only_formats_a_stream_can_reach()
    {
        var (result, reachable) = Formats(0, Pcm8k, WaveFormatTags.WAVE_FORMAT_UNKNOWN, AcmDetailsFlags.ACM_FORMATENUMF_CONVERT);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, result);
        var tags = reachable.Select(f => WaveFormats.Tag(f.Format)).Distinct().Order().ToList();
        Assert.Equal([1, 2, 3, 6, 7, 0x11], tags.Select(t => (int)t));

        // Each listed format opens from 8 kHz mono 16-bit PCM; the codecs' stereo and other rates are not listed.
        Assert.All(reachable, f => Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.OpenStream(out _, 0, Pcm8k, f.Format, AcmStreamFlags.ACM_STREAMOPENF_QUERY)));
        Assert.DoesNotContain(reachable, f => WaveFormats.Tag(f.Format) == WaveFormatTags.WAVE_FORMAT_MULAW && WaveFormats.Channels(f.Format) == 2);
        Assert.DoesNotContain(reachable, f => WaveFormats.Tag(f.Format) == WaveFormatTags.WAVE_FORMAT_IMA_ADPCM && WaveFormats.Rate(f.Format) != 8000);
    }

    [Fact]
    public void Suggest_enumeration_lists_each_drivers_suggestion()
    {
        var (_, suggestions) = Formats(0, Pcm8k, WaveFormatTags.WAVE_FORMAT_UNKNOWN, AcmDetailsFlags.ACM_FORMATENUMF_SUGGEST);
        Assert.Equal(
            [WaveFormatTags.WAVE_FORMAT_MULAW, WaveFormatTags.WAVE_FORMAT_IMA_ADPCM, WaveFormatTags.WAVE_FORMAT_ADPCM, WaveFormatTags.WAVE_FORMAT_PCM],
            suggestions.Select(s => WaveFormats.Tag(s.Format)));
        Assert.All(suggestions, s => Assert.Equal(8000, WaveFormats.Rate(s.Format)));
    }

    [Fact]
    public void Format_enumeration_errors_and_hardware()
    {
        // Without WFORMATTAG a tag is allowed (WAVE_FORMAT_UNKNOWN "or a valid format tag") and restricts nothing.
        var (tagged, taggedFormats) = Formats(0, Pcm8k, WaveFormatTags.WAVE_FORMAT_MULAW, 0);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, tagged);
        Assert.Equal(Formats(0, Pcm8k, WaveFormatTags.WAVE_FORMAT_UNKNOWN, 0).Formats.Select(f => f.Format), taggedFormats.Select(f => f.Format));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, Formats(0, Pcm8k, WaveFormatTags.WAVE_FORMAT_MULAW, AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG).Result);
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM,
            Formats(0, Pcm8k, 0, AcmDetailsFlags.ACM_FORMATENUMF_CONVERT | AcmDetailsFlags.ACM_FORMATENUMF_SUGGEST).Result);
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, Formats(0, Pcm8k, 0, 0x2).Result);
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, Formats(0x4444, Pcm8k, 0, 0).Result);

        // The room must hold the largest format of the drivers asked: MS ADPCM's 50 bytes.
        fixed (byte* buffer = new byte[64])
        {
            var details = new ACMFORMATDETAILS { cbStruct = (uint)sizeof(ACMFORMATDETAILS), pwfx = (nint)buffer, cbwfx = 49 };
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatEnum(0, &details, &CollectFormat, 0, 0));
            details.cbwfx = 20;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFormatEnum(acm.DriverNamed("IMA"), &details, &CountOnly, 0, 0));
            details.fdwSupport = 2;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatEnum(acm.DriverNamed("IMA"), &details, &CountOnly, 0, 0));
        }

        var (result, none) = Formats(0, Pcm8k, 0, AcmDetailsFlags.ACM_FORMATENUMF_HARDWARE | AcmDetailsFlags.ACM_FORMATENUMF_OUTPUT);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, result);
        Assert.Empty(none);
    }

    // ---- Suggest --------------------------------------------------------------------------------------------------

    private (MMRESULT Result, byte[] Suggestion) Suggest(nint had, byte[] source, byte[] fixedFields, uint flags, uint room = 64)
    {
        var destination = new byte[64];
        fixedFields.CopyTo(destination, 0);
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return (acm.Acm.acmFormatSuggest(had, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, room, flags), destination);
        }
    }

    [Fact]
    public void Suggest_asks_drivers_in_search_order_and_keeps_fixed_fields()
    {
        var (result, first) = Suggest(0, Pcm8k, [], 0);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormatTags.WAVE_FORMAT_MULAW, WaveFormats.Tag(first)); // G.711 comes first

        var (_, ima) = Suggest(0, Pcm8k, WaveFormats.Ima(1, 8000, 256), AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG);
        Assert.Equal(WaveFormatTags.WAVE_FORMAT_IMA_ADPCM, WaveFormats.Tag(ima));
        Assert.Equal(256, WaveFormats.BlockAlign(ima));

        // PCM to 8-bit PCM: no codec offers it, the converter does.
        var (converted, eightBit) = Suggest(0, Pcm8k, WaveFormats.Pcm(2, 8000, 8),
            AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG | AcmDetailsFlags.ACM_FORMATSUGGESTF_WBITSPERSAMPLE);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, converted);
        Assert.Equal(WaveFormats.Pcm(1, 8000, 8).AsSpan(0, 16).ToArray(), eightBit.AsSpan(0, 16).ToArray());

        // A named driver answers for itself only.
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE,
            Suggest(acm.DriverNamed("711"), Pcm8k, WaveFormats.Ima(1, 8000, 256), AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG).Result);
    }

    [Fact]
    public void Suggest_errors()
    {
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, Suggest(0, Pcm8k, [], 0x1).Result);
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, Suggest(0, Pcm8k, [], 0, room: 15).Result);
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, Suggest(0x4444, Pcm8k, [], 0).Result);
        var unknown = WaveFormats.Make(0x1234, 1, 8000, 8000, 1, 8);
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, Suggest(0, unknown, [], 0).Result);
        fixed (byte* src = Pcm8k)
        {
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatSuggest(0, (WAVEFORMATEX*)src, null, 64, 0));
        }
    }

    // ---- Filters and choosers -------------------------------------------------------------------------------------

    [UnmanagedCallersOnly]
    private static int CountFilterTag(nint hadid, ACMFILTERTAGDETAILS* details, nuint instance, uint support)
    {
        (*(int*)instance)++;
        return 1;
    }

    [UnmanagedCallersOnly]
    private static int CountFilter(nint hadid, ACMFILTERDETAILS* details, nuint instance, uint support)
    {
        (*(int*)instance)++;
        return 1;
    }

    [Fact]
    public void No_driver_has_filters()
    {
        var count = 0;
        var tag = new ACMFILTERTAGDETAILS { cbStruct = (uint)sizeof(ACMFILTERTAGDETAILS), dwFilterTag = 1 };
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFilterTagEnum(0, &tag, &CountFilterTag, (nuint)(&count), 0));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmFilterTagDetails(0, &tag, AcmDetailsFlags.ACM_FILTERTAGDETAILSF_FILTERTAG));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmFilterTagDetails(0, &tag, AcmDetailsFlags.ACM_FILTERTAGDETAILSF_INDEX));
        // A codec asked for a filter tag answers that it has none.
        Assert.NotEqual(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFilterTagDetails(acm.DriverNamed("711"), &tag, AcmDetailsFlags.ACM_FILTERTAGDETAILSF_INDEX));

        var filter = new WAVEFILTER { cbStruct = (uint)sizeof(WAVEFILTER), dwFilterTag = 1 };
        var details = new ACMFILTERDETAILS { cbStruct = (uint)sizeof(ACMFILTERDETAILS), dwFilterTag = 1, pwfltr = (nint)(&filter), cbwfltr = (uint)sizeof(WAVEFILTER) };
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmFilterEnum(0, &details, &CountFilter, (nuint)(&count), 0));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmFilterDetails(0, &details, AcmDetailsFlags.ACM_FILTERDETAILSF_FILTER));
        Assert.Equal(0, count);

        // A stream with a filter finds no driver.
        nint has;
        fixed (byte* pcm = Pcm8k)
        {
            Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmStreamOpen(&has, 0, (WAVEFORMATEX*)pcm, (WAVEFORMATEX*)pcm, &filter, 0, 0, 0));
            fixed (byte* mulaw = WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_MULAW, 1, 8000))
            {
                // A filter keeps the format: source and destination of different tags are a bad parameter.
                Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamOpen(&has, 0, (WAVEFORMATEX*)pcm, (WAVEFORMATEX*)mulaw, &filter, 0, 0, 0));
            }
        }
    }

    [Fact]
    public void The_choosers_answer_as_a_user_closing_the_dialog()
    {
        var format = new byte[64];
        fixed (byte* buffer = format)
        {
            var choose = new ACMFORMATCHOOSE { cbStruct = (uint)sizeof(ACMFORMATCHOOSE), pwfx = (nint)buffer, cbwfx = 64 };
            Assert.Equal((MMRESULT)AcmErrors.ACMERR_CANCELED, acm.Acm.acmFormatChoose(&choose));
            Assert.All(format, b => Assert.Equal(0, b));
            choose.pwfx = 0;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatChoose(&choose));
        }

        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFormatChoose(null));
        var filter = new WAVEFILTER();
        var chooseFilter = new ACMFILTERCHOOSE { cbStruct = (uint)sizeof(ACMFILTERCHOOSE), pwfltr = (nint)(&filter), cbwfltr = (uint)sizeof(WAVEFILTER) };
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_CANCELED, acm.Acm.acmFilterChoose(&chooseFilter));
        chooseFilter.cbStruct = 4;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmFilterChoose(&chooseFilter));
    }
}
