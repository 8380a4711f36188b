using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// The ACM stand-in headers (mmreg.h, msacm.h, msacmdrv.h) and the C# interop types describe the same bytes: sizes,
/// field offsets and constant values, as the C compiler sees the headers; and both agree with the Windows layouts.
/// </summary>
public sealed class AcmLayoutTests(LayoutProbe probe) : IClassFixture<LayoutProbe>
{
    public static TheoryData<string> StructureNames => [.. LayoutProbe.MultimediaStructures.Select(type => type.Name)];

    [Theory]
    [MemberData(nameof(StructureNames))]
    public void Each_structure_has_the_same_size_and_field_offsets_in_C_and_CSharp(string name)
    {
        var structure = LayoutProbe.MultimediaStructures.Single(type => type.Name == name);
        Assert.Equal(Marshal.SizeOf(structure), probe.Fact("size", name));
        foreach (var field in LayoutProbe.FieldsOf(structure))
        {
            Assert.True(
                Marshal.OffsetOf(structure, field) == (nint)probe.Fact("offset", $"{name}.{field}"),
                $"{name}.{field}: C# offset {Marshal.OffsetOf(structure, field)}, C offset {probe.Fact("offset", $"{name}.{field}")}");
        }
    }

    // The Windows sizes, worked out from msacm.h's and msacmdrv.h's declarations under their 1-byte packing (not from
    // our headers): these are what a driver built for 64-bit Windows expects, so the C and C# twins must not merely
    // agree with each other.
    public static TheoryData<string, int> Windows64Sizes => new()
    {
        { nameof(WAVEFORMATEX), 18 },
        { nameof(ACMDRIVERDETAILS), 1804 },   // 36 bytes of DWORDs and WORDs, an 8-byte HICON, 880 WCHARs
        { nameof(ACMFORMATTAGDETAILS), 120 }, // 6 DWORDs, 48 WCHARs
        { nameof(ACMFORMATDETAILS), 284 },    // 4 DWORDs, a pointer, a DWORD, 128 WCHARs
        { nameof(ACMSTREAMHEADER), 124 },     // 0x7C: 64 bytes of fields, 15 reserved DWORDs
        { nameof(ACMDRVSTREAMHEADER), 124 },  // the same memory as ACMSTREAMHEADER
        { nameof(ACMDRVSTREAMINSTANCE), 68 },
        { nameof(ACMDRVSTREAMSIZE), 16 },
        { nameof(ACMDRVFORMATSUGGEST), 32 },
        { nameof(ACMDRVOPENDESC), 44 },
    };

    [Theory]
    [MemberData(nameof(Windows64Sizes))]
    public void Each_structure_has_its_64_bit_Windows_size(string name, int windowsSize)
    {
        Assert.Equal(8, IntPtr.Size); // the runtime supports 64-bit processes; these sizes are theirs
        Assert.Equal(windowsSize, probe.Fact("size", name));
    }

    [Fact]
    public void A_pointer_after_DWORDs_is_not_padded_as_Windows_packs_msacm_h_to_one_byte()
    {
        Assert.Equal(36, probe.Fact("offset", "ACMDRIVERDETAILS.hicon"));
        Assert.Equal(4, probe.Fact("offset", "ACMDRVSTREAMINSTANCE.pwfxSrc"));
        Assert.Equal(68, probe.Fact("offset", "ACMDRVSTREAMHEADER.padshNext"));
        Assert.Equal(24, probe.Fact("offset", "ACMDRVOPENDESC.pszSectionName"));
    }

    public static TheoryData<string> ConstantNames => [.. LayoutProbe.AcmConstants.Select(constant => constant.Name)];

    [Theory]
    [MemberData(nameof(ConstantNames))]
    public void Each_ACM_constant_has_a_C_twin_with_the_same_value(string name)
    {
        Assert.False(probe.IsMissing(name), $"the ACM headers do not define {name}, which the C# interop has.");
        var constant = LayoutProbe.AcmConstants.First(c => c.Name == name);
        var csharpValue = Convert.ToInt64(constant.GetRawConstantValue(), CultureInfo.InvariantCulture);
        Assert.Equal(csharpValue, probe.Fact("const", name));
    }

    [Fact]
    public void The_codec_format_tags_have_their_registered_values()
    {
        // The values registered with Microsoft (RFC 2361 lists them), independent of both twins.
        Assert.Equal(0x0002, probe.Fact("const", "WAVE_FORMAT_ADPCM"));
        Assert.Equal(0x0006, probe.Fact("const", "WAVE_FORMAT_ALAW"));
        Assert.Equal(0x0007, probe.Fact("const", "WAVE_FORMAT_MULAW"));
        Assert.Equal(0x0011, probe.Fact("const", "WAVE_FORMAT_IMA_ADPCM"));
        Assert.Equal(0x0031, probe.Fact("const", "WAVE_FORMAT_GSM610"));
        Assert.Equal(0x0055, probe.Fact("const", "WAVE_FORMAT_MPEGLAYER3"));
        Assert.Equal(0x6000 + 79, probe.Fact("const", "ACMDM_STREAM_CONVERT")); // DRV_USER + 0x2000 + 79
    }
}
