using System.Buffers.Binary;
using System.Text;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// A WAV file taken apart by the test itself, from the RIFF/WAVE specification (Microsoft's "Multimedia Programming
/// Interface and Data Specifications 1.0" and its 1994 update), so that a file written by the code under test is judged
/// by rules it did not write: the RIFF size is the file's, every chunk fits, odd chunks carry their pad byte, fmt comes
/// before data, and a format other than PCM has an 18 + cbSize fmt and a fact chunk.
/// </summary>
internal sealed record RiffWaveFile(byte[] Format, byte[] Data, uint? FactSamples)
{
    public ushort Tag => BinaryPrimitives.ReadUInt16LittleEndian(Format);

    public int Channels => BinaryPrimitives.ReadUInt16LittleEndian(Format.AsSpan(2));

    public int SampleRate => (int)BinaryPrimitives.ReadUInt32LittleEndian(Format.AsSpan(4));

    public int AverageBytesPerSecond => (int)BinaryPrimitives.ReadUInt32LittleEndian(Format.AsSpan(8));

    public int BlockAlign => BinaryPrimitives.ReadUInt16LittleEndian(Format.AsSpan(12));

    public int BitsPerSample => BinaryPrimitives.ReadUInt16LittleEndian(Format.AsSpan(14));

    /// <summary>The extra bytes after WAVEFORMATEX (none for a 16-byte PCM fmt).</summary>
    public byte[] Extra => Format.Length > 18 ? Format[18..] : [];

    public static RiffWaveFile Read(string path) => Parse(File.ReadAllBytes(path));

    public static RiffWaveFile Parse(byte[] file)
    {
        Assert.True(file.Length >= 12, $"a WAV file has a 12-byte RIFF header; this has {file.Length} bytes");
        Assert.Equal("RIFF", Ascii(file, 0));
        Assert.Equal((uint)file.Length - 8, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal("WAVE", Ascii(file, 8));
        byte[]? format = null, data = null;
        uint? fact = null;
        for (var offset = 12; offset < file.Length;)
        {
            Assert.True(offset + 8 <= file.Length, $"a chunk header at {offset} runs past the end");
            var id = Ascii(file, offset);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            Assert.True(offset + 8 + size <= file.Length, $"chunk '{id}' of {size} bytes runs past the end");
            var body = file.AsSpan(offset + 8, size).ToArray();
            switch (id)
            {
                case "fmt ":
                    format = body;
                    break;
                case "fact":
                    Assert.Equal(4, size);
                    fact = BinaryPrimitives.ReadUInt32LittleEndian(body);
                    break;
                case "data":
                    Assert.NotNull(format); // fmt comes first
                    data = body;
                    break;
            }

            offset += 8 + size + (size % 2);
            Assert.True(offset <= file.Length, $"chunk '{id}' lacks its pad byte");
        }

        Assert.NotNull(format);
        Assert.NotNull(data);
        Assert.True(format.Length >= 16, $"fmt has {format.Length} bytes");
        var wave = new RiffWaveFile(format, data, fact);
        if (wave.Tag != 1)
        {
            Assert.True(format.Length >= 18, "a format other than PCM has cbSize");
            Assert.Equal(18 + BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(16)), format.Length);
            Assert.NotNull(fact); // required for every format but PCM
        }

        Assert.True(wave.BlockAlign > 0, "nBlockAlign is 0");
        return wave;
    }

    /// <summary>The data as 16-bit samples (for a 16-bit PCM file).</summary>
    public short[] Samples16()
    {
        Assert.Equal(1, Tag);
        Assert.Equal(16, BitsPerSample);
        return WaveFormats.Pcm16Samples(Data);
    }

    private static string Ascii(byte[] file, int offset) => Encoding.ASCII.GetString(file, offset, 4);
}
