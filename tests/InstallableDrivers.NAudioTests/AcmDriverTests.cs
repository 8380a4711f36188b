using NAudio.Wave;
using NAudio.Wave.Compression;

namespace InstallableDrivers.NAudioTests;

/// <summary>NAudio's AcmDriver, unchanged, over the shipped codecs: enumeration, details and format enumeration through its delegate callbacks.</summary>
[Collection(NAudioAcm.Collection)]
public sealed class AcmDriverTests
{
    public AcmDriverTests() => NAudioAcm.EnsureReady();

    [Fact]
    public void EnumerateAcmDrivers_lists_the_registered_codecs_with_their_details()
    {
        var drivers = AcmDriver.EnumerateAcmDrivers().ToList();

        // The short names the codecs declare in their ACMDM_DRIVER_DETAILS answers (drivers/acm/*.c).
        var names = drivers.Select(d => d.ShortName).ToList();
        Assert.Contains("G.711", names);
        Assert.Contains("IMA ADPCM", names);
        Assert.Equal("IMA ADPCM (DVI) CODEC", drivers.Single(d => d.ShortName == "IMA ADPCM").LongName);
    }

    [Fact]
    public void IsCodecInstalled_finds_a_codec_by_its_short_name_and_not_an_absent_one()
    {
        Assert.True(AcmDriver.IsCodecInstalled("IMA ADPCM"));
        Assert.False(AcmDriver.IsCodecInstalled("no such codec"));
    }

    [Fact]
    public void A_drivers_format_tags_and_formats_come_through_the_enumeration_callbacks()
    {
        var g711 = AcmDriver.FindByShortName("G.711") ?? throw new InvalidOperationException("G.711 is not registered");
        g711.Open();
        try
        {
            // acmMetrics(ACM_METRIC_MAX_SIZE_FORMAT): G.711's formats are plain 18-byte WAVEFORMATEX.
            Assert.Equal(18, g711.MaxFormatSize);
            var tags = g711.FormatTags.ToList();
            Assert.Contains(tags, t => t.FormatTag == WaveFormatEncoding.ALaw);
            var muLaw = tags.Single(t => t.FormatTag == WaveFormatEncoding.MuLaw);
            Assert.False(string.IsNullOrEmpty(muLaw.FormatDescription));
            Assert.True(muLaw.StandardFormatsCount > 0);

            // NAudio passes the tag without ACM_FORMATENUMF_WFORMATTAG, which restricts nothing: the driver's formats of every tag.
            var formats = g711.GetFormats(muLaw).ToList();
            var muLawFormats = formats.Where(f => f.FormatTag == WaveFormatEncoding.MuLaw).ToList();
            Assert.Equal(muLaw.StandardFormatsCount, muLawFormats.Count);
            Assert.Contains(formats, f => f.FormatTag == WaveFormatEncoding.ALaw);
            Assert.All(muLawFormats, f =>
            {
                Assert.Equal(WaveFormatEncoding.MuLaw, f.WaveFormat.Encoding);
                Assert.Equal(8, f.WaveFormat.BitsPerSample);
                Assert.False(string.IsNullOrEmpty(f.FormatDescription));
            });
            Assert.Contains(muLawFormats, f => f.WaveFormat.SampleRate == 8000 && f.WaveFormat.Channels == 1);
        }
        finally
        {
            g711.Dispose();
        }
    }
}
