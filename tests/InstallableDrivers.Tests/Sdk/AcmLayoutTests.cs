using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// The ACM stand-in headers (mmreg.h, msacm.h, msacmdrv.h) and the C# interop types describe the same bytes: sizes,
/// field offsets and constant values, as the C compiler sees the headers; and both agree with the Windows layouts.
/// </summary>
public sealed partial class AcmLayoutTests(LayoutProbe probe) : IClassFixture<LayoutProbe>
{
    private static readonly string[] AcmHeaders = ["mmreg.h", "msacm.h", "msacmdrv.h"];

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

    public static TheoryData<string, int> Windows64SizesOfHeaderOnlyStructures => new()
    {
        { "ACMDRIVERDETAILSA", 924 },     // as the W form, with 880 chars
        { "ACMFILTERTAGDETAILSW", 120 },
        { "ACMFILTERDETAILSW", 284 },
        { "ACMDRVOPENDESCA", 44 },
        { "ADPCMCOEFSET", 4 },
        { "ADPCMWAVEFORMAT", 22 },        // 18 + 2 + 2, the coefficients following
        { "IMAADPCMWAVEFORMAT", 20 },
        { "GSM610WAVEFORMAT", 20 },
        { "MPEGLAYER3WAVEFORMAT", 30 },   // 18 + MPEGLAYER3_WFX_EXTRA_BYTES (12)
        { "WAVEFORMATEXTENSIBLE", 40 },   // 18 + 22
        { "WAVEFILTER", 32 },
    };

    [Theory]
    [MemberData(nameof(Windows64SizesOfHeaderOnlyStructures))]
    public void Each_header_only_structure_has_its_64_bit_Windows_size(string name, int windowsSize)
    {
        Assert.Equal(windowsSize, probe.Fact("size", name));
    }

    // The other direction, by reading the headers: each ACM constant they define has a C# twin, so the C# side cannot
    // silently fall behind.
    [Fact]
    public void Each_ACM_constant_the_headers_define_has_a_CSharp_twin()
    {
        var csharp = LayoutProbe.AcmConstants.Select(constant => constant.Name).ToHashSet();
        var defined = AcmHeaders
            .Select(header => File.ReadAllText(Path.Combine(NativeToolchain.SdkInclude, "win32", header)))
            .SelectMany(text => AcmConstantDefinition().Matches(text).Select(match => match.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.Contains("ACMDM_STREAM_CONVERT", defined); // the pattern still finds the headers' constants

        var unknown = defined.Where(name => !csharp.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"the ACM headers define constants the C# interop lacks: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"^\s*#\s*define\s+((?:ACMDM|ACMERR|ACM|ACMSTREAMHEADER|ACMDRIVERDETAILS|ACMFORMATTAGDETAILS|ACMFORMATDETAILS|ACMFILTERTAGDETAILS|ACMFILTERDETAILS|WAVE_FORMAT)_[A-Z0-9_]+)\s+\S", RegexOptions.Multiline)]
    private static partial Regex AcmConstantDefinition();

    // Codec sources are C and C++ of every age: the headers must build cleanly both ways under the strict flags, in
    // either include order, and with mmsystem.h's WAVEFORMATEX first.
    [Theory]
    [InlineData("c", "c11")]
    [InlineData("c++", "c++11")]
    public void The_ACM_headers_compile_cleanly_as_C_and_CPlusPlus(string language, string standard)
    {
        using var output = new TempDirectory();
        var source = output.File("codec.c");
        File.WriteAllText(source, """
            #include <windows.h>
            #include <mmsystem.h>
            #include <msacmdrv.h>
            #include <mmreg.h>
            #include <msacm.h>

            LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
            {
                if (msg == ACMDM_DRIVER_DETAILS) {
                    LPACMDRIVERDETAILS details = (LPACMDRIVERDETAILS)lParam1;
                    details->fccType = ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC;
                    details->vdwACM = MAKE_ACM_VERSION(3, 50, 0);
                    return MMSYSERR_NOERROR;
                }
                if (msg == ACMDM_STREAM_OPEN) {
                    LPACMDRVSTREAMINSTANCE instance = (LPACMDRVSTREAMINSTANCE)lParam1;
                    return instance->pwfxSrc->wFormatTag == WAVE_FORMAT_IMA_ADPCM ? MMSYSERR_NOERROR : ACMERR_NOTPOSSIBLE;
                }
                return msg >= ACMDM_USER ? MMSYSERR_NOTSUPPORTED : DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
            }

            """);
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            standard, output.File(NativeToolchain.DriverFileName("codec")), "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"),
            "-x", language, source));
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
