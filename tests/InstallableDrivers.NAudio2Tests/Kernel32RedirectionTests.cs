using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// WinMM.RedirectImports resolves an assembly's kernel32 imports (this one's, as NAudio.Core's) to the host library: a
/// function of its Win32 subset binds, and one it lacks fails naming the function rather than the library.
/// </summary>
public sealed partial class Kernel32RedirectionTests
{
    [NotOnWindowsFact]
    public void A_kernel32_import_binds_in_the_Win32_subset_and_one_outside_it_fails_naming_the_function()
    {
        WinMM.RedirectImports(typeof(Kernel32RedirectionTests).Assembly);

        Assert.NotEqual(0, GetProcessHeap());
        var missing = Assert.Throws<EntryPointNotFoundException>(() => GetTickCount());
        Assert.Contains("GetTickCount", missing.Message, StringComparison.Ordinal);
    }

    [LibraryImport("kernel32.dll")]
    private static partial nint GetProcessHeap();

    [LibraryImport("kernel32.dll")]
    private static partial uint GetTickCount();
}
