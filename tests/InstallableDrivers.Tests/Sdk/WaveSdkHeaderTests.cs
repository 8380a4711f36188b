using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// The wave part of the SDK (win32/mmsystem.h, win32/mmddk.h) against the C# interop types of
/// InstallableDrivers.Multimedia: the same sizes, offsets and constant values, which are Windows' own.
/// </summary>
public sealed partial class WaveSdkHeaderTests(LayoutProbe probe) : IClassFixture<LayoutProbe>
{
    public static TheoryData<Type> Structures =>
    [
        typeof(WAVEFORMATEX), typeof(WAVEHDR), typeof(WAVEOPENDESC), typeof(MMTIME),
        typeof(WAVEOUTCAPSA), typeof(WAVEOUTCAPSW), typeof(WAVEINCAPSA), typeof(WAVEINCAPSW),
    ];

    // The drivers we ship are unchanged Win32 sources: they compile against the stand-ins under the strict flags.
    [Fact]
    public void The_WAV_file_driver_compiles_cleanly_under_the_strict_flags()
    {
        using var output = new TempDirectory();
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            "c11", output.File(NativeToolchain.DriverFileName("wavefile")), "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"),
            Path.Combine(NativeToolchain.RepositoryRoot, "drivers", "wave", "wavefile.c")));
    }

    // The headers in every language and standard a driver author may use, in the order Win32 sources include them.
    [Theory]
    [InlineData("c", "c99")]
    [InlineData("c", "c11")]
    [InlineData("c++", "c++11")]
    public void The_wave_headers_compile_cleanly(string language, string standard)
    {
        using var output = new TempDirectory();
        var source = output.File("uses_wave_headers.c");
        File.WriteAllText(source, """
            #include <windows.h>
            #include <mmsystem.h>
            #include <mmddk.h>

            DRIVER_EXPORT DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2);

            DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
            {
                (void)uDeviceID;
                (void)dwUser;
                switch (uMsg) {
                case WODM_GETNUMDEVS:
                    return 1;
                case WODM_OPEN: {
                    const WAVEOPENDESC *desc = (const WAVEOPENDESC *)dwParam1;
                    DriverCallback(desc->dwCallback, HIWORD(dwParam2), (HDRVR)desc->hWave, WOM_OPEN, desc->dwInstance, 0, 0);
                    return desc->lpFormat->wFormatTag == WAVE_FORMAT_PCM ? MMSYSERR_NOERROR : WAVERR_BADFORMAT;
                }
                case WODM_WRITE:
                    ((LPWAVEHDR)dwParam1)->dwFlags |= WHDR_INQUEUE;
                    return MMSYSERR_NOERROR;
                default:
                    return MMSYSERR_NOTSUPPORTED;
                }
            }

            """);
        NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild(
            standard, output.File(NativeToolchain.DriverFileName("uses_wave_headers")), "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"),
            "-x", language, source));
    }

    [Theory]
    [MemberData(nameof(Structures))]
    public void Each_structure_has_the_same_size_and_field_offsets_in_C_and_CSharp(Type structure)
    {
        Assert.Equal(Marshal.SizeOf(structure), probe.Fact("size", structure.Name));
        foreach (var field in structure.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.Equal((long)Marshal.OffsetOf(structure, field.Name), probe.Fact("offset", $"{structure.Name}.{field.Name}"));
        }
    }

    // The Windows sizes, packed to 1 byte as mmsystem.h and mmddk.h pack them (64-bit: the sizes the tests run at).
    public static TheoryData<string, int> WindowsSizes => new()
    {
        { "WAVEFORMATEX", 18 },
        { "WAVEHDR", 16 + (4 * IntPtr.Size) },
        { "WAVEOPENDESC", 4 + (5 * IntPtr.Size) },
        { "MMTIME", 12 },
        { "WAVEOUTCAPSA", 52 },
        { "WAVEOUTCAPSW", 84 },
        { "WAVEINCAPSA", 48 },
        { "WAVEINCAPSW", 80 },
        { "WAVEOUTCAPS", 84 },
        { "WAVEINCAPS", 80 },
        { "MMRESULT", 4 },
        { "HWAVEOUT", IntPtr.Size },
        { "HWAVEIN", IntPtr.Size },
    };

    [Theory]
    [MemberData(nameof(WindowsSizes))]
    public void Each_type_has_its_Windows_size(string type, int size)
    {
        Assert.Equal(size, probe.Fact("size", type));
    }

    private static readonly string[] WaveHeaders = ["mmsystem.h", "mmddk.h"];

    // mmreg.h's names, which the probe sees only once that header exists.
    private static readonly string[] MmregNames = ["WAVE_FORMAT_IEEE_FLOAT"];

    public static TheoryData<string, string> WaveConstants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var source in LayoutProbe.ConstantSources.Where(source => source != typeof(DriverMessages)))
            {
                foreach (var constant in LayoutProbe.ConstantsOf(source))
                {
                    data.Add(source.Name, constant.Name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(WaveConstants))]
    public void Each_wave_constant_has_a_C_twin_with_the_same_value(string source, string name)
    {
        var value = LayoutProbe.ConstantsOf(LayoutProbe.ConstantSources.Single(type => type.Name == source)).Single(c => c.Name == name).Value;
        if (probe.IsMissing(name))
        {
            Assert.True(MmregNames.Contains(name), $"mmsystem.h/mmddk.h do not define {name}, which {source} has.");
            return;
        }

        Assert.Equal(value, probe.Fact("const", name));
    }

    // The other direction: a wave constant the headers gained must be added to the C# side, except the ones a client
    // of the services has no use for, listed here.
    [Fact]
    public void Each_wave_constant_the_headers_define_is_on_the_CSharp_side()
    {
        string[] headerOnly =
        [
            "MMSYSERR_BASE", "WAVERR_BASE", "MMSYSERR_LASTERROR", "WAVERR_LASTERROR", // range markers
            "WODM_INIT", "WIDM_INIT", "WODM_INIT_EX", "WIDM_INIT_EX", "WODM_USER", "WIDM_USER", "WODM_MAPPER", "WIDM_MAPPER", // DRVM_* aliases
            "DRVM_MAPPER_STATUS", "DRVM_MAPPER_RECONFIGURE", "DRVM_MAPPER_PREFERRED_GET", "DRVM_MAPPER_CONSOLEVOICECOM_GET",
            "WODM_MAPPER_STATUS", "WIDM_MAPPER_STATUS", "WODM_PREFERRED", "WIDM_PREFERRED", "WODM_BUSY", // the mapper's own
            "WAVEOUT_MAPPER_STATUS_DEVICE", "WAVEOUT_MAPPER_STATUS_MAPPED", "WAVEOUT_MAPPER_STATUS_FORMAT",
            "WAVEIN_MAPPER_STATUS_DEVICE", "WAVEIN_MAPPER_STATUS_MAPPED", "WAVEIN_MAPPER_STATUS_FORMAT",
            "MAXWAVEDRIVERS", // a limit of winmm's, not of a driver or client
        ];
        var csharp = LayoutProbe.ConstantSources.SelectMany(LayoutProbe.ConstantsOf).Select(constant => constant.Name).ToHashSet();
        var defined = WaveHeaders
            .SelectMany(header => ConstantDefinition().Matches(File.ReadAllText(Path.Combine(NativeToolchain.SdkInclude, "win32", header))))
            .Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.Contains("WODM_WRITE", defined); // the pattern still finds the headers' constants

        var unknown = defined.Where(name => !csharp.Contains(name) && !headerOnly.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"the headers define constants the C# side lacks: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"^\s*#\s*define\s+((?:MM_WOM|MM_WIM|WOM|WIM|WODM|WIDM|DRVM|WHDR|WAVECAPS|MMSYSERR|WAVERR|WAVE|TIME|MAX)_?[A-Z0-9_]+)\b", RegexOptions.Multiline)]
    private static partial Regex ConstantDefinition();
}
