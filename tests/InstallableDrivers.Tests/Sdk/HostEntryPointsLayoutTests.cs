using InstallableDrivers.Native;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>The host library's entry-point struct in C (installable_drivers_host.h) and its C# twin agree field by field.</summary>
public sealed class HostEntryPointsLayoutTests
{
    private static readonly (string C, string CSharp)[] Fields =
        [("open", "Open"), ("close", "Close"), ("send", "Send"), ("module_handle", "ModuleHandle"), ("callback", "Callback")];

    [Fact]
    public void The_C_struct_and_its_CSharp_twin_have_the_same_size_and_field_offsets() =>
        EntryPointTableLayout.AssertMatches<HostEntryPoints>("installable_drivers_host.h", "installable_drivers_host", Fields,
            Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers", "Native"));
}
