using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Multimedia;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// The ACM over codec drivers that run in host processes (docs/acm.md, "Isolated codecs"): the ACMDM_* structures and
/// buffers cross the boundary (AcmMessageCopier), so every shipped codec converts to exactly the bytes it gives in
/// process and answers every question the same; and a codec that crashes in the middle of a conversion fails that
/// stream with MMSYSERR_NODRIVER and the crash's reason, frees what it held, and leaves no host behind.
/// </summary>
[Collection(IsolationCollection.Name)]
public sealed unsafe class IsolatedAcmTests : IDisposable
{
    private static readonly string[] Codecs = ["g711", "imaadpcm", "msadpcm"];

    public void Dispose() => HostProcesses.AssertNoneLeft();

    public static TheoryData<string, int, int> Conversions => new()
    {
        { "mulaw", 8000, 1 }, { "alaw", 8000, 1 }, { "ima-adpcm", 22050, 2 }, { "ms-adpcm", 11025, 1 }, { "mulaw", 44100, 2 },
    };

    private static WaveFormat Codec(string name, int rate, int channels) => name switch
    {
        "mulaw" => WaveFormat.MuLaw(rate, channels),
        "alaw" => WaveFormat.ALaw(rate, channels),
        "ima-adpcm" => WaveFormat.ImaAdpcm(rate, channels),
        _ => WaveFormat.MsAdpcm(rate, channels),
    };

    /// <summary>
    /// Encoding and decoding through a codec in a host process gives the in-process bytes, in buffers of odd sizes (so
    /// partial blocks wait, and the prepared headers are reused with changing lengths); and a host runs meanwhile.
    /// </summary>
    [Theory]
    [MemberData(nameof(Conversions))]
    public void Each_codec_converts_in_a_host_process_to_the_bytes_it_gives_in_process(string codec, int rate, int channels)
    {
        var pcm = WaveFormat.Pcm(rate, 16, channels);
        var compressed = Codec(codec, rate, channels);
        var input = WaveFormats.Pcm16Bytes(Signals.Sine(rate / 2 * channels, rate, 12000, 440, 1250));

        using var inProcess = new IsolatedAcm(isolated: false, Codecs);
        using var isolated = new IsolatedAcm(isolated: true, Codecs);
        var expected = inProcess.Convert(pcm, compressed, input, chunk: 3001 * channels * 2);
        Assert.Empty(HostProcesses.Children());

        byte[] encoded;
        using (var converter = new AcmConverter(isolated.Acm, pcm, compressed))
        {
            Assert.Single(HostProcesses.Children());
            encoded = isolated.Convert(pcm, compressed, input, chunk: 3001 * channels * 2);
        }

        Assert.Equal(expected, encoded);
        Assert.Equal(inProcess.Convert(compressed, pcm, expected, chunk: 1000), isolated.Convert(compressed, pcm, encoded, chunk: 1000));
    }

    /// <summary>The MP3 decoder (when libmpg123 is installed) decodes in a host process to the in-process samples.</summary>
    [Fact]
    public void The_mp3_decoder_decodes_in_a_host_process_to_the_samples_it_gives_in_process()
    {
        var mp3 = LameEncoder.Encode(Signals.Sine(22050, 22050, 12000, 440), 1, 22050, 64);
        var format = WaveFormat.Parse(WaveFormats.Mp3(1, 22050, 64));
        using var inProcess = new IsolatedAcm(isolated: false, "mp3");
        using var isolated = new IsolatedAcm(isolated: true, "mp3");
        if (!AcmConversionStream.CanConvert(inProcess.Acm, format, WaveFormat.Pcm(22050, 16, 1)))
        {
            Assert.False(AcmConversionStream.CanConvert(isolated.Acm, format, WaveFormat.Pcm(22050, 16, 1)));
            return; // no libmpg123 on this machine: the driver refuses MP3 streams both ways
        }

        var expected = inProcess.Convert(format, WaveFormat.Pcm(22050, 16, 1), mp3, chunk: 1777);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, isolated.Convert(format, WaveFormat.Pcm(22050, 16, 1), mp3, chunk: 1777));
    }

    /// <summary>
    /// acmDriverEnum, acmDriverDetails, acmFormatTagEnum and acmFormatEnum (AcmCodec.GetAll), acmFormatDetails of a
    /// format, acmFormatSuggest and acmStreamSize answer the same through host processes as in process.
    /// </summary>
    [Fact]
    public void Enumeration_details_suggest_and_sizes_answer_as_in_process()
    {
        using var inProcess = new IsolatedAcm(isolated: false, Codecs);
        using var isolated = new IsolatedAcm(isolated: true, Codecs);

        var expected = AcmCodec.GetAll(inProcess.Acm);
        var codecs = AcmCodec.GetAll(isolated.Acm);
        Assert.Equal(4, codecs.Count); // three codecs and the PCM converter
        Assert.Equal(Describe(expected), Describe(codecs));

        foreach (var (source, tag) in new[] { (WaveFormat.Pcm(8000, 16, 1), WaveFormatTags.WAVE_FORMAT_MULAW), (WaveFormat.Pcm(22050, 16, 2), WaveFormatTags.WAVE_FORMAT_IMA_ADPCM),
            (WaveFormat.Pcm(11025, 16, 1), WaveFormatTags.WAVE_FORMAT_ADPCM), (WaveFormat.MsAdpcm(11025, 1), WaveFormatTags.WAVE_FORMAT_PCM) })
        {
            Assert.Equal(Suggest(inProcess.Acm, source, tag), Suggest(isolated.Acm, source, tag));
            Assert.Equal(FormatName(inProcess.Acm, source), FormatName(isolated.Acm, source));
        }

        var ima = WaveFormat.ImaAdpcm(22050, 2);
        using var inProcessStream = new AcmConversionStream(inProcess.Acm, WaveFormat.Pcm(22050, 16, 2), ima);
        using var isolatedStream = new AcmConversionStream(isolated.Acm, WaveFormat.Pcm(22050, 16, 2), ima);
        foreach (var length in new[] { 4, 4000, 65536 })
        {
            Assert.True(inProcessStream.TryGetDestinationSize(length, out var size));
            Assert.True(isolatedStream.TryGetDestinationSize(length, out var isolatedSize));
            Assert.Equal(size, isolatedSize);
        }
    }

    /// <summary>
    /// A caller's size past what the copier copies (64 KiB: cbStruct, cbwfx) is refused with MMSYSERR_INVALPARAM before
    /// anything is copied or the driver called; the driver goes on answering, and the same call with a sane size
    /// succeeds.
    /// </summary>
    [Fact]
    public void A_size_out_of_range_is_refused_with_MMSYSERR_INVALPARAM_without_calling_the_driver()
    {
        using var isolated = new IsolatedAcm(isolated: true, "g711");
        var format = WaveFormat.MuLaw(8000, 1).ToBytes();
        var room = new byte[1 << 20];
        format.CopyTo(room, 0);
        nint had;
        var g711 = AcmCodec.GetAll(isolated.Acm).Single(codec => codec.ShortName == "G.711").DriverId;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, isolated.Acm.acmDriverOpen(&had, g711, 0));
        fixed (byte* pwfx = room)
        {
            var details = new ACMFORMATDETAILS
            {
                cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = WaveFormatTags.WAVE_FORMAT_MULAW, pwfx = (nint)pwfx, cbwfx = (uint)room.Length,
            };
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, isolated.Acm.acmFormatDetails(had, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT));
            Assert.Equal("", details.FormatName);

            details.cbwfx = (uint)format.Length;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, isolated.Acm.acmFormatDetails(had, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT));
            Assert.Equal("8.000 kHz, 8 Bit, Mono", details.FormatName);
        }

        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, isolated.Acm.acmDriverClose(had, 0));
    }

    /// <summary>
    /// A header whose buffers do not fit the host's arena (4 MiB) cannot be prepared: MMSYSERR_NOMEM, which
    /// acmStreamPrepareHeader documents, and nothing is left prepared; a header that fits then prepares and converts.
    /// </summary>
    [Fact]
    public void A_header_too_large_for_the_arena_is_MMSYSERR_NOMEM_and_a_smaller_one_converts()
    {
        using var isolated = new IsolatedAcm(isolated: true, "g711");
        using var stream = new AcmConversionStream(isolated.Acm, WaveFormat.Pcm(8000, 16, 1), WaveFormat.MuLaw(8000, 1));
        using (var large = new AcmHeader(3 << 20, 3 << 19))
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOMEM, isolated.Acm.acmStreamPrepareHeader(stream.Handle, large.Header, 0));
            Assert.Equal(0u, large.Header->fdwStatus & AcmHeader.Prepared);
        }

        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(4000, 8000, 12000, 440));
        var encoded = new byte[2000];
        Assert.Equal(new AcmConversionResult(4000, 2000), stream.Convert(pcm, encoded, AcmConvertFlags.Start));
    }

    private static string[] Describe(IReadOnlyList<AcmCodec> codecs) =>
        [.. codecs.Select(codec => $"{codec.ShortName}|{codec.LongName}|{codec.Features}|{codec.Support}|"
            + string.Join(";", codec.FormatTags.Select(tag => $"{tag.Tag}:{tag.Name}:" + string.Join(",", tag.Formats.Select(f => $"{f.Name}={System.Convert.ToHexString(f.Format.ToBytes())}")))))];

    private static string Suggest(AcmServices acm, WaveFormat source, ushort tag)
    {
        var suggested = new byte[256];
        BitConverter.TryWriteBytes(suggested, tag);
        fixed (byte* src = source.ToBytes())
        fixed (byte* dst = suggested)
        {
            var result = acm.acmFormatSuggest(0, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, (uint)suggested.Length, AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG);
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, result);
            return System.Convert.ToHexString(suggested);
        }
    }

    private static string FormatName(AcmServices acm, WaveFormat format)
    {
        var bytes = format.ToBytes();
        fixed (byte* pwfx = bytes)
        {
            var details = new ACMFORMATDETAILS
            {
                cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = format.FormatTag, pwfx = (nint)pwfx, cbwfx = (uint)bytes.Length,
            };
            var result = acm.acmFormatDetails(0, &details, AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT);
            return $"{result} {details.FormatName} {details.fdwSupport}";
        }
    }
}
