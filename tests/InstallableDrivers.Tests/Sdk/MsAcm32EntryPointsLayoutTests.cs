using System.Globalization;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Native;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>The msacm32 export library's entry-point struct in C (installable_drivers_msacm32.h) and its C# twin agree field by field.</summary>
public sealed class MsAcm32EntryPointsLayoutTests
{
    private static readonly (string C, string CSharp)[] Fields =
    [
        ("get_version", "GetVersion"), ("metrics", "Metrics"), ("driver_add_a", "DriverAddA"), ("driver_add_w", "DriverAddW"),
        ("driver_remove", "DriverRemove"), ("driver_enum", "DriverEnum"), ("driver_details_a", "DriverDetailsA"),
        ("driver_details_w", "DriverDetailsW"), ("driver_open", "DriverOpen"), ("driver_close", "DriverClose"),
        ("format_tag_enum_a", "FormatTagEnumA"), ("format_tag_enum_w", "FormatTagEnumW"), ("format_enum_a", "FormatEnumA"),
        ("format_enum_w", "FormatEnumW"), ("format_suggest", "FormatSuggest"), ("format_choose_w", "FormatChooseW"),
        ("stream_open", "StreamOpen"), ("stream_size", "StreamSize"), ("stream_prepare_header", "StreamPrepareHeader"),
        ("stream_convert", "StreamConvert"), ("stream_unprepare_header", "StreamUnprepareHeader"), ("stream_reset", "StreamReset"),
        ("stream_close", "StreamClose"),
    ];

    [Fact]
    public void The_C_struct_and_its_CSharp_twin_have_the_same_size_and_field_offsets()
    {
        using var directory = new TempDirectory();
        var source = directory.File("msacm32_probe.c");
        var printed = string.Join("\n    ", Fields.Select(f => $"printf(\"{f.C} %zu\\n\", offsetof(installable_drivers_msacm32, {f.C}));"));
        File.WriteAllText(source, $$"""
            #include <stddef.h>
            #include <stdio.h>
            #include "installable_drivers_msacm32.h"
            int main(void)
            {
                printf("size %zu\n", sizeof(installable_drivers_msacm32));
                {{printed}}
                return 0;
            }
            """);
        var program = directory.File("msacm32_probe");
        var librarySources = Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers.Multimedia", "Native");
        NativeToolchain.CompileCleanly([.. NativeToolchain.StrictFlags("c11"), "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"),
            "-I", librarySources, "-o", program, source]);
        var run = NativeToolchain.Run(program, []);
        Assert.Equal(0, run.ExitCode);
        var c = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));

        Assert.Equal(Marshal.SizeOf<MsAcm32EntryPoints>(), c["size"]);
        foreach (var (cName, csName) in Fields)
        {
            Assert.Equal(Marshal.OffsetOf<MsAcm32EntryPoints>(csName).ToInt64(), c[cName]);
        }

        Assert.Equal(Fields.Length, typeof(MsAcm32EntryPoints).GetFields().Length);
    }
}
