using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using InstallableDrivers.Multimedia.Native;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>The winmm export library's entry-point struct in C (winmm_exports.h) and its C# twin agree field by field.</summary>
public sealed partial class WinMMEntryPointsLayoutTests
{
    [NotOnWindowsFact]
    public void The_C_struct_and_its_CSharp_twin_have_the_same_size_and_field_offsets_in_the_same_order()
    {
        // The C# fields are the C ones in PascalCase (out_get_dev_caps_a: OutGetDevCapsA), in declaration order.
        var csharp = typeof(WinMMEntryPoints).GetFields().Select(f => f.Name).ToList();
        var c = csharp.Select(name => SnakeCase().Replace(name, "_$1").ToLowerInvariant()).ToList();
        var sources = Path.Combine(NativeToolchain.RepositoryRoot, "src", "InstallableDrivers.Multimedia", "Native");
        var layout = CStructLayout.Measure("winmm_exports.h", "installable_drivers_winmm", c, sources, Path.Combine(NativeToolchain.SdkInclude, "win32"));

        Assert.Equal(Marshal.SizeOf<WinMMEntryPoints>(), layout["size"]);
        for (var i = 0; i < c.Count; i++)
        {
            Assert.Equal(Marshal.OffsetOf<WinMMEntryPoints>(csharp[i]).ToInt64(), layout[c[i]]);
        }

        Assert.Equal(layout["size"], c.Count * IntPtr.Size);
    }

    /// <summary>Each capital after the first letter starts a new word; "Id" is one word.</summary>
    [GeneratedRegex("(?<=.)([A-Z])")]
    private static partial Regex SnakeCase();
}
