using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>The string helpers of the capability structures' fixed-size product names.</summary>
public sealed unsafe class WaveInteropTests
{
    [Fact]
    public void A_UTF16_product_name_round_trips_and_is_cut_to_fit_with_its_null()
    {
        var caps = new WAVEOUTCAPSW { ProductName = "Speakers ✓" };
        Assert.Equal("Speakers ✓", caps.ProductName);

        caps.ProductName = new string('x', 40);
        Assert.Equal(new string('x', MultimediaLimits.MAXPNAMELEN - 1), caps.ProductName);
        Assert.Equal('\0', caps.szPname[MultimediaLimits.MAXPNAMELEN - 1]);
    }

    [Fact]
    public void A_one_byte_product_name_keeps_Latin1_and_replaces_other_characters()
    {
        var caps = new WAVEINCAPSA { ProductName = "Micro é ✓" };
        Assert.Equal("Micro é ?", caps.ProductName);
        Assert.Equal(0xE9, caps.szPname[6]);

        caps.ProductName = "ab"; // a shorter name leaves nothing of the longer one behind
        Assert.Equal("ab", caps.ProductName);
        Assert.Equal(0, caps.szPname[3]);
    }
}
