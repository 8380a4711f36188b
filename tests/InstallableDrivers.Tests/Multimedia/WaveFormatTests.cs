using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>WaveFormat's fields and arithmetic, and WaveVolume's DWORD form, against values worked out by hand.</summary>
public sealed class WaveFormatTests
{
    [Fact]
    public void Pcm_fills_the_header_as_WAVEFORMATEX_defines_it()
    {
        var format = WaveFormat.Pcm(48000, 24, 2);
        Assert.Equal(WavFileBytes.Pcm(48000, 24, 2), format.Header);
        Assert.Equal((6, 288000), (format.BlockAlign, format.AverageBytesPerSecond));
        Assert.Equal("48000 Hz, 24-bit, 2 channels, PCM", format.ToString());
    }

    [Fact]
    public void ToBytes_lays_out_the_header_then_cbSize_extra_bytes()
    {
        var format = new WaveFormat(WavFileBytes.Pcm(8000, 4, 1) with { wFormatTag = 0x11, nBlockAlign = 256, nAvgBytesPerSec = 4000 }, [0xF9, 0x01]);
        Assert.Equal(WaveFormats.Make(0x11, 1, 8000, 4000, 256, 4, [0xF9, 0x01]), format.ToBytes());
        Assert.Equal(2, format.Header.cbSize);
    }

    [Fact]
    public void BytesFor_and_DurationOf_count_whole_blocks_of_the_average_rate()
    {
        var format = WaveFormat.Pcm(44100, 16, 2);
        Assert.Equal(176400, format.BytesFor(TimeSpan.FromSeconds(1)));
        Assert.Equal(4408, format.BytesFor(TimeSpan.FromMilliseconds(25))); // 4410 bytes, rounded down to whole 4-byte frames
        Assert.Equal(TimeSpan.FromSeconds(0.5), format.DurationOf(88200));
    }

    [Fact]
    public void An_extensible_format_whose_sub_format_is_not_a_registered_tag_keeps_its_own_tag()
    {
        var extra = new byte[22];
        Guid.NewGuid().TryWriteBytes(extra.AsSpan(6));
        var format = new WaveFormat(WavFileBytes.Pcm(8000, 16, 1) with { wFormatTag = WaveFormatTags.WAVE_FORMAT_EXTENSIBLE }, extra);
        Assert.Equal(WaveFormatTags.WAVE_FORMAT_EXTENSIBLE, format.EncodingTag);
    }

    [Theory]
    [InlineData(1.0, 1.0, 0xFFFFFFFFu)]
    [InlineData(0.0, 1.0, 0xFFFF0000u)]
    [InlineData(1.0, 0.0, 0x0000FFFFu)]
    [InlineData(0.5, 2.0, 0xFFFF8000u)] // 0.5 × 65535 = 32767.5 rounds to even, 32768; 2 is clamped to full
    public void WaveVolume_is_left_in_the_low_word_and_right_in_the_high_word(double left, double right, uint dword)
    {
        Assert.Equal(dword, new WaveVolume(left, right).ToDword());
        Assert.Equal(Math.Clamp(right, 0, 1), WaveVolume.FromDword(dword).Right, 1.0 / 65535);
    }
}
