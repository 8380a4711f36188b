using System.Reflection;
using System.Runtime.InteropServices;
using WinMM = InstallableDrivers.Multimedia.WinMM;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>WinMM.RedirectImports: which imports it redirects, how often it may be called, and when it must refuse.</summary>
[Collection(NAudioCollection.Name)]
public sealed class RedirectImportsTests(WaveFileDevices devices)
{
    [Fact]
    public void Calling_it_again_for_an_assembly_already_redirected_is_harmless()
    {
        WinMM.RedirectImports(typeof(WaveOut).Assembly);
        WinMM.RedirectImports(typeof(WaveOut).Assembly);

        using var reader = new WaveFileReader(devices.InputFile);
        using var output = new WaveOut();
        output.Init(reader);
    }

    [Theory]
    [InlineData("winmm")]
    [InlineData("WINMM")]
    [InlineData("WinMM.dll")]
    [InlineData("winmm.DLL")]
    public void The_library_name_matches_in_any_case_with_or_without_dll(string libraryName)
    {
        var importer = new ImportingAssembly(libraryName);
        WinMM.RedirectImports(importer.Assembly);

        // The resolver is the assembly's own (a second one is refused), and it answers what only our services know:
        // the test registry's two devices.
        Assert.Throws<InvalidOperationException>(() => NativeLibrary.SetDllImportResolver(importer.Assembly, (_, _, _) => 0));
        Assert.Equal(2u, importer.WaveOutGetNumDevs());
    }

    [NotOnWindowsFact]
    public void Libraries_whose_name_only_resembles_winmm_are_left_to_the_runtime()
    {
        foreach (var name in new[] { "winmm32", "libwinmm", "winmm.so" })
        {
            var importer = new ImportingAssembly(name);
            WinMM.RedirectImports(importer.Assembly);
            Assert.Throws<DllNotFoundException>(() => importer.WaveOutGetNumDevs());
        }
    }

    [NotOnWindowsFact]
    public void RedirectImportsEverywhere_serves_an_assembly_that_never_asked()
    {
        var importer = new ImportingAssembly("winmm.dll");
        WinMM.RedirectImportsEverywhere();
        WinMM.RedirectImportsEverywhere();

        // No resolver of its own, and Linux and macOS have no winmm: only the process-wide fallback can bind it.
        Assert.Equal(2u, importer.WaveOutGetNumDevs());
        NativeLibrary.SetDllImportResolver(importer.Assembly, (_, _, _) => 0);
    }

    [Fact]
    public void An_assembly_with_a_resolver_set_elsewhere_is_refused_with_its_name()
    {
        var assembly = typeof(Assert).Assembly;
        NativeLibrary.SetDllImportResolver(assembly, (_, _, _) => 0);

        var e = Assert.Throws<InvalidOperationException>(() => WinMM.RedirectImports(assembly));
        Assert.Contains(assembly.FullName!, e.Message, StringComparison.Ordinal);
    }
}
