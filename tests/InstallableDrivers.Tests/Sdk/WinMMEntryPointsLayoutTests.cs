using System.Text.RegularExpressions;
using InstallableDrivers.Multimedia.Native;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>The winmm export library's entry-point struct in C (installable_drivers_winmm.h) and its C# twin agree field by field.</summary>
public sealed partial class WinMMEntryPointsLayoutTests
{
    [Fact]
    public void The_C_struct_and_its_CSharp_twin_have_the_same_size_and_field_offsets()
    {
        // The C fields are the C# ones in snake case (OutGetDevCapsA: out_get_dev_caps_a).
        var fields = typeof(WinMMEntryPoints).GetFields()
            .Select(f => (C: SnakeCaseBoundary().Replace(f.Name, "_$1").ToLowerInvariant(), CSharp: f.Name))
            .ToArray();
        EntryPointTableLayout.AssertMatches<WinMMEntryPoints>("installable_drivers_winmm.h", "installable_drivers_winmm", fields,
            Path.Combine(NativeToolchain.SdkInclude, "win32"), Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers.Multimedia", "Native"));
        Assert.Equal(35, fields.Length);
    }

    /// <summary>Each capital after the first letter starts a new word.</summary>
    [GeneratedRegex("(?<=.)([A-Z])")]
    private static partial Regex SnakeCaseBoundary();
}
