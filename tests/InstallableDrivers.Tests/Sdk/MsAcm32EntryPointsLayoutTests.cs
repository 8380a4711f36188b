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
    public void The_C_struct_and_its_CSharp_twin_have_the_same_size_and_field_offsets() =>
        EntryPointTableLayout.AssertMatches<MsAcm32EntryPoints>("installable_drivers_msacm32.h", "installable_drivers_msacm32", Fields,
            Path.Combine(NativeToolchain.SdkInclude, "win32"), Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers.Multimedia", "Native"));
}
