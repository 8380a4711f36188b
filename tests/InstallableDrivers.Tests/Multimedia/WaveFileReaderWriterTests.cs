using System.Buffers.Binary;
using System.Text;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// WaveFileReader and WaveFileWriter against WAV files built byte by byte in the test from the RIFF/WAVE layout
/// (WavFileBytes, and <see cref="Riff"/> for files with other chunks), and in round trips through each other.
/// </summary>
public sealed class WaveFileReaderWriterTests
{
    private static readonly byte[] Samples = [.. Enumerable.Range(0, 40).Select(i => (byte)(i * 7))];

    // ---- reading ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(44100, 16, 2)]
    [InlineData(8000, 8, 1)]
    [InlineData(48000, 24, 2)]
    public void It_reads_a_canonical_PCM_file(int rate, int bits, int channels)
    {
        var header = WavFileBytes.Pcm((uint)rate, (ushort)bits, (ushort)channels);
        using var reader = new WaveFileReader(new MemoryStream(WavFileBytes.Of(header, Samples)));

        Assert.Equal(header, reader.Format.Header);
        Assert.Equal(0, reader.Format.Extra.Length);
        Assert.Null(reader.SampleCount);
        Assert.Equal(Samples.Length, reader.Data.Length);
        Assert.Equal(Samples, ReadAll(reader.Data));
    }

    [Fact]
    public void It_reads_a_float_file_with_its_fact_chunk_and_pad_byte()
    {
        var header = WavFileBytes.Float(22050, 1);
        var odd = Samples[..13]; // not whole frames, but the pad byte must not become data
        using var reader = new WaveFileReader(new MemoryStream(WavFileBytes.Of(header, odd)));

        Assert.Equal(WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, reader.Format.EncodingTag);
        Assert.Equal(13 / 4, reader.SampleCount);
        Assert.Equal(odd, ReadAll(reader.Data));
    }

    [Fact]
    public void It_skips_unknown_chunks_with_their_pad_bytes_before_and_between_fmt_and_data()
    {
        var file = Riff(("JUNK", [1, 2, 3]), ("fmt ", Fmt16(1, 2, 8000, 32000, 4, 16)), ("LIST", Encoding.ASCII.GetBytes("INFOISFT\x05\0\0\0drv!\0")), ("data", Samples));
        using var reader = new WaveFileReader(new MemoryStream(file));

        Assert.Equal(8000, reader.Format.SampleRate);
        Assert.Equal(Samples, ReadAll(reader.Data));
    }

    [Fact]
    public void It_keeps_the_extra_bytes_of_a_compressed_format()
    {
        // IMA ADPCM, mono 8 kHz, 256-byte blocks of 505 samples: cbSize 2 and wSamplesPerBlock.
        var fmt = Fmt18(0x11, 1, 8000, 4055, 256, 4, [0xF9, 0x01]);
        var file = Riff(("fmt ", fmt), ("fact", U32(1010)), ("data", new byte[512]));
        using var reader = new WaveFileReader(new MemoryStream(file));

        Assert.Equal(0x11, reader.Format.FormatTag);
        Assert.Equal(2, reader.Format.Header.cbSize);
        Assert.Equal([0xF9, 0x01], reader.Format.Extra.ToArray());
        Assert.Equal(1010, reader.SampleCount);
        Assert.Equal(fmt, reader.Format.ToBytes());
    }

    [Fact]
    public void It_reads_WAVE_FORMAT_EXTENSIBLE_and_names_its_sub_format()
    {
        var extra = new byte[22];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 24); // wValidBitsPerSample
        BinaryPrimitives.WriteUInt32LittleEndian(extra.AsSpan(2), 0x3); // front left and right
        new Guid("00000003-0000-0010-8000-00aa00389b71").TryWriteBytes(extra.AsSpan(6)); // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT
        var file = Riff(("fmt ", Fmt18(0xFFFE, 2, 48000, 384000, 8, 32, extra)), ("fact", U32(0)), ("data", []));
        using var reader = new WaveFileReader(new MemoryStream(file));

        Assert.Equal(WaveFormatTags.WAVE_FORMAT_EXTENSIBLE, reader.Format.FormatTag);
        Assert.Equal(WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, reader.Format.EncodingTag);
        Assert.Equal(extra, reader.Format.Extra.ToArray());
        Assert.Equal(0, reader.Data.Length);
    }

    [Fact]
    public void It_reads_from_a_stream_that_cannot_seek()
    {
        var file = Riff(("LIST", new byte[5]), ("fmt ", Fmt16(1, 1, 8000, 16000, 2, 16)), ("data", Samples));
        using var reader = new WaveFileReader(new ForwardOnlyStream(file));

        Assert.False(reader.Data.CanSeek);
        Assert.Equal(Samples, ReadAll(reader.Data));
    }

    [Fact]
    public void Its_data_stream_seeks_within_the_data_chunk()
    {
        using var reader = new WaveFileReader(new MemoryStream(WavFileBytes.Of(WavFileBytes.Pcm(8000, 8, 1), Samples)));
        reader.Data.Position = 30;

        Assert.Equal(Samples[30..], ReadAll(reader.Data));
    }

    public static TheoryData<string, byte[]> MalformedFiles => new()
    {
        { "shorter than a RIFF header", Encoding.ASCII.GetBytes("RIFF\0\0") },
        { "does not start with 'RIFF'", Encoding.ASCII.GetBytes("OggS\0\0\0\0WAVE") },
        { "RF64", Encoding.ASCII.GetBytes("RF64\xFF\xFF\xFF\xFFWAVE") },
        { "not 'WAVE'", Encoding.ASCII.GetBytes("RIFF\x04\0\0\0AVI ") },
        { "no 'fmt ' chunk", Riff() },
        { "no 'data' chunk", Riff(("fmt ", Fmt16(1, 1, 8000, 16000, 2, 16))) },
        { "comes before its 'fmt ' chunk", Riff(("data", Samples), ("fmt ", Fmt16(1, 1, 8000, 16000, 2, 16))) },
        { "a format needs at least 16", Riff(("fmt ", new byte[14]), ("data", Samples)) },
        { "cbSize says 9 extra bytes follow, but only 2 do", Riff(("fmt ", Fmt18(2, 1, 8000, 4096, 256, 4, [0xF4, 0x01]).Select((b, i) => i == 16 ? (byte)9 : b).ToArray()), ("data", [])) },
        { "impossible: 0 channels", Riff(("fmt ", Fmt16(1, 0, 8000, 16000, 2, 16)), ("data", Samples)) },
        { "cut short: its 'data' chunk says 40 bytes, but only 39", WavFileBytes.Of(WavFileBytes.Pcm(8000, 8, 1), Samples)[..^1] },
        { "cut short inside its 'LIST' chunk", Riff(("fmt ", Fmt16(1, 1, 8000, 16000, 2, 16)), ("LIST", new byte[10]))[..^4] },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void A_malformed_file_is_refused_with_what_is_wrong(string problem, byte[] file)
    {
        var error = Assert.Throws<InvalidDataException>(() => new WaveFileReader(new MemoryStream(file)));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(40)]
    [InlineData(13)]
    [InlineData(0)]
    public void It_writes_PCM_as_the_canonical_44_byte_header_then_the_padded_data(int length)
    {
        var header = WavFileBytes.Pcm(44100, 16, 2);
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, new WaveFormat(header), leaveOpen: true))
        {
            writer.Write(Samples.AsSpan(0, length / 2));
            writer.Write(Samples.AsSpan(length / 2, length - (length / 2)));
        }

        Assert.Equal(WavFileBytes.Of(header, Samples.AsSpan(0, length)), stream.ToArray());
    }

    [Fact]
    public void It_writes_float_with_an_18_byte_fmt_chunk_and_a_fact_chunk()
    {
        var header = WavFileBytes.Float(8000, 2);
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, new WaveFormat(header), leaveOpen: true))
        {
            writer.Write(Samples);
        }

        Assert.Equal(WavFileBytes.Of(header, Samples), stream.ToArray());
    }

    [Fact]
    public void It_writes_a_compressed_format_with_its_extra_bytes_and_samples_per_block_in_fact()
    {
        byte[] extra = [0xF9, 0x01]; // 505 samples per block
        var fmt = Fmt18(0x11, 1, 8000, 4055, 256, 4, extra);
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, WaveFormat.Parse(fmt), leaveOpen: true))
        {
            writer.Write(new byte[512]);
        }

        Assert.Equal(Riff(("fmt ", fmt), ("fact", U32(1010)), ("data", new byte[512])), stream.ToArray());
    }

    [Fact]
    public void A_sample_count_given_to_the_writer_goes_into_fact()
    {
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, WaveFormat.Parse(Fmt18(0x11, 1, 8000, 4055, 256, 4, [0xF9, 0x01])), leaveOpen: true))
        {
            writer.Write(new byte[256]);
            writer.SampleCount = 300; // a last block only partly used
        }

        stream.Position = 0;
        Assert.Equal(300, new WaveFileReader(stream).SampleCount);
    }

    [Fact]
    public void It_refuses_a_stream_it_cannot_go_back_in_to_write_the_sizes()
    {
        Assert.Throws<ArgumentException>(() => new WaveFileWriter(new ForwardOnlyStream([]), WaveFormat.Pcm(8000, 8, 1)));
    }

    [Fact]
    public void Written_files_read_back_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.wav");
        try
        {
            var format = WaveFormat.Pcm(48000, 24, 2);
            using (var writer = WaveFileWriter.Create(path, format))
            {
                new MemoryStream(Samples, 0, 36).CopyTo(writer); // the writer is a stream of samples
                Assert.Equal(36, writer.DataLength);
            }

            using var reader = WaveFileReader.Open(path);
            Assert.Equal(format.ToBytes(), reader.Format.ToBytes());
            Assert.Equal(Samples[..36], ReadAll(reader.Data));
            Assert.Equal(TimeSpan.FromSeconds(6.0 / 48000), reader.Duration);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // ---- helpers: RIFF built by hand --------------------------------------------------------------------------------

    private static byte[] ReadAll(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A RIFF/WAVE file of the given chunks, each padded to an even size.</summary>
    private static byte[] Riff(params (string Id, byte[] Body)[] chunks)
    {
        var body = new MemoryStream();
        body.Write("WAVE"u8);
        foreach (var (id, bytes) in chunks)
        {
            body.Write(Encoding.ASCII.GetBytes(id));
            body.Write(U32((uint)bytes.Length));
            body.Write(bytes);
            if (bytes.Length % 2 == 1)
            {
                body.WriteByte(0);
            }
        }

        return [.. "RIFF"u8, .. U32((uint)body.Length), .. body.ToArray()];
    }

    private static byte[] Fmt16(ushort tag, ushort channels, uint rate, uint avg, ushort align, ushort bits) =>
        [.. U16(tag), .. U16(channels), .. U32(rate), .. U32(avg), .. U16(align), .. U16(bits)];

    private static byte[] Fmt18(ushort tag, ushort channels, uint rate, uint avg, ushort align, ushort bits, byte[] extra) =>
        [.. Fmt16(tag, channels, rate, avg, align, bits), .. U16((ushort)extra.Length), .. extra];

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>A stream that only reads forward, as a pipe does.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
