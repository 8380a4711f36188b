using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The idiomatic ACM layer (<see cref="AcmConverter"/>, <see cref="AcmConversionStream"/>, <see cref="AcmCodec"/>,
/// the <see cref="WaveFormat"/> factories) over <see cref="AcmServices"/> with the codecs we ship installed as
/// <c>msacm.*</c> entries of a memory registry.
/// </summary>
public sealed class AcmConverterTests : IDisposable
{
    private readonly AcmServicesHarness harness = new();

    private AcmServices acm => harness.Acm;

    public static TheoryData<string> Targets => ["mulaw", "alaw", "ima-adpcm", "ms-adpcm"];

    /// <summary>The factories build exactly the standard formats the codec drivers list (ACMDM_FORMAT_DETAILS by index).</summary>
    [Theory]
    [InlineData("g711", WaveFormatTags.WAVE_FORMAT_ALAW)]
    [InlineData("g711", WaveFormatTags.WAVE_FORMAT_MULAW)]
    [InlineData("imaadpcm", WaveFormatTags.WAVE_FORMAT_IMA_ADPCM)]
    [InlineData("msadpcm", WaveFormatTags.WAVE_FORMAT_ADPCM)]
    public void The_format_factories_build_the_standard_formats_the_codecs_list(string codec, ushort tag)
    {
        using var driver = new AcmCodecDriver(codec);
        var listed = 0;
        for (var index = 0u; ; index++)
        {
            var (result, details, bytes) = driver.FormatDetailsByIndex(tag, index);
            if (result != 0)
            {
                break;
            }

            var format = WaveFormat.Parse(bytes.AsSpan(0, (int)details.cbwfx));
            var built = tag switch
            {
                WaveFormatTags.WAVE_FORMAT_MULAW => WaveFormat.MuLaw(format.SampleRate, format.Channels),
                WaveFormatTags.WAVE_FORMAT_ALAW => WaveFormat.ALaw(format.SampleRate, format.Channels),
                WaveFormatTags.WAVE_FORMAT_IMA_ADPCM => WaveFormat.ImaAdpcm(format.SampleRate, format.Channels),
                _ => WaveFormat.MsAdpcm(format.SampleRate, format.Channels),
            };
            Assert.Equal(format.ToBytes(), built.ToBytes());
            listed++;
        }

        Assert.Equal(8, listed); // 8000, 11025, 22050 and 44100 Hz, mono and stereo
    }

    /// <summary>Each codec appears with the names and tags its driver gives, in the driver's order.</summary>
    [Fact]
    public void Codecs_are_listed_with_their_format_tags()
    {
        var codecs = AcmCodec.GetAll(acm).ToDictionary(codec => codec.ShortName);
        Assert.Equal([WaveFormatTags.WAVE_FORMAT_PCM, WaveFormatTags.WAVE_FORMAT_ALAW, WaveFormatTags.WAVE_FORMAT_MULAW],
            codecs["G.711"].FormatTags.Select(tag => tag.Tag));
        Assert.Equal("ITU-T G.711 µ-law", codecs["G.711"].FormatTags[2].Name);
        Assert.Equal([WaveFormatTags.WAVE_FORMAT_PCM, WaveFormatTags.WAVE_FORMAT_IMA_ADPCM], codecs["IMA ADPCM"].FormatTags.Select(tag => tag.Tag));
        Assert.Equal([WaveFormatTags.WAVE_FORMAT_PCM, WaveFormatTags.WAVE_FORMAT_ADPCM], codecs["MS-ADPCM"].FormatTags.Select(tag => tag.Tag));
        Assert.Equal("8.000 kHz, 4 Bit, Mono", codecs["IMA ADPCM"].FormatTags[1].Formats[0].Name);
    }

    /// <summary>
    /// Buffers of any length give the same bytes as one buffer holding everything: partial blocks wait for the next
    /// buffer (the IMA encoder carries its state from block to block, so a block converted twice or split would show),
    /// and the last buffer completes the last block (the MS ADPCM encoder as a short block, the others whole).
    /// </summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void Any_buffer_sizes_convert_as_one_buffer(string target)
    {
        var source = WaveFormat.Pcm(8000, 16, 1);
        var destination = Format(target, 8000, 1);
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(4321, 8000, 16384, 440));
        var whole = ConvertInPieces(source, destination, pcm, [pcm.Length]);
        var random = new Random(11);
        var pieces = new List<int>();
        for (var left = pcm.Length; left > 0;)
        {
            var piece = Math.Min(left, random.Next(1, 700));
            pieces.Add(piece);
            left -= piece;
        }

        Assert.Equal(whole, ConvertInPieces(source, destination, pcm, [.. pieces]));
        Assert.Equal(whole, ConvertInPieces(source, destination, pcm, [.. Enumerable.Repeat(1, pcm.Length)]));
        Assert.True(whole.Length >= destination.AverageBytesPerSecond * 4321L / 8000 - destination.BlockAlign, $"{whole.Length} bytes");
    }

    /// <summary>
    /// A stream converts to the same bytes as the buffers did, and a seekable input reports progress that only grows
    /// and ends at 1.
    /// </summary>
    [Fact]
    public void A_stream_converts_as_its_buffers_and_reports_progress_to_the_end()
    {
        var source = WaveFormat.Pcm(8000, 16, 1);
        var destination = WaveFormat.ImaAdpcm(8000, 1);
        var pcm = WaveFormats.Pcm16Bytes(Signals.Sine(100_003, 8000, 16384, 440));
        var expected = ConvertInPieces(source, destination, pcm, [pcm.Length]);
        using var converter = new AcmConverter(acm, source, destination);
        using var output = new MemoryStream();
        var reports = new List<double>();
        var written = converter.Convert(new MemoryStream(pcm), output, new SynchronousReports(reports));
        Assert.Equal(expected, output.ToArray());
        Assert.Equal(expected.Length, written);
        Assert.True(reports.Count > 1, $"{reports.Count} progress reports");
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(1.0, reports[^1]);
    }

    /// <summary>µ-law at 8 kHz to PCM at 44.1 kHz: no driver does it, so the converter decodes first, then resamples.</summary>
    [Fact]
    public void A_conversion_no_driver_does_goes_through_pcm()
    {
        var mulaw = WaveFormat.MuLaw(8000, 1);
        var target = WaveFormat.Pcm(44100, 16, 1);
        Assert.False(AcmConversionStream.CanConvert(acm, mulaw, target));
        using var converter = new AcmConverter(acm, mulaw, target);
        Assert.Equal(3, converter.Formats.Count);
        Assert.Equal((WaveFormatTags.WAVE_FORMAT_PCM, 8000), (converter.Formats[1].FormatTag, converter.Formats[1].SampleRate));
        var output = converter.Convert(new byte[8000], isLast: true).ToArray();
        Assert.InRange(output.Length / 2, 44100 - 64, 44100 + 64);
    }

    /// <summary>A pair nothing converts fails at construction with the function and result named.</summary>
    [Fact]
    public void A_conversion_nothing_does_names_acmStreamOpen_and_ACMERR_NOTPOSSIBLE()
    {
        var gsm = WaveFormat.Parse([0x31, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x59, 0x06, 0, 0, 65, 0, 0, 0, 2, 0, 0x40, 0x01]);
        var error = Assert.Throws<MmException>(() => new AcmConverter(acm, WaveFormat.Pcm(8000, 16, 1), gsm));
        Assert.Equal(nameof(AcmServices.acmStreamOpen), error.Function);
        Assert.Equal(AcmErrors.ACMERR_NOTPOSSIBLE, (uint)error.Result);
        Assert.Contains("acmStreamOpen failed: ACMERR_NOTPOSSIBLE (512): no installed driver converts", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A conversion stream refuses use after Dispose rather than passing a closed handle on.</summary>
    [Fact]
    public void A_disposed_stream_refuses_to_convert()
    {
        var stream = new AcmConversionStream(acm, WaveFormat.Pcm(8000, 16, 1), WaveFormat.MuLaw(8000, 1));
        Assert.True(stream.TryGetDestinationSize(2000, out var room));
        Assert.Equal(1000, room);
        stream.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.Convert(new byte[2], new byte[1], AcmConvertFlags.None));
    }

    public void Dispose() => harness.Dispose();

    private static WaveFormat Format(string name, int rate, int channels) => name switch
    {
        "mulaw" => WaveFormat.MuLaw(rate, channels),
        "alaw" => WaveFormat.ALaw(rate, channels),
        "ima-adpcm" => WaveFormat.ImaAdpcm(rate, channels),
        _ => WaveFormat.MsAdpcm(rate, channels),
    };

    private byte[] ConvertInPieces(WaveFormat source, WaveFormat destination, byte[] data, int[] pieces)
    {
        using var converter = new AcmConverter(acm, source, destination);
        var output = new List<byte>();
        var offset = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            output.AddRange(converter.Convert(data.AsSpan(offset, pieces[i]), isLast: i == pieces.Length - 1).ToArray());
            offset += pieces[i];
        }

        return [.. output];
    }
}
