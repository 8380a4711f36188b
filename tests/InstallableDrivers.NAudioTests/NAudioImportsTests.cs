using System.Reflection;
using System.Runtime.InteropServices;
using InstallableDrivers.Tests.Sdk;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// Every winmm, msacm32 and kernel32 import of the NAudio assemblies that have them, NAudio.WinMM, NAudio.Midi and
/// NAudio.Core (2.2.1's LoadLibrary, GetProcAddress, FreeLibrary), in the version this project references (3.3.0 here,
/// 2.2.1 in InstallableDrivers.NAudio2Tests, which shares this file), read from their DllImport attributes: each binds
/// in the library WinMM.RedirectImports resolves it to, and docs/naudio.md's import tables name each.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed class NAudioImportsTests
{
    /// <summary>Our library for each library name NAudio imports from (in lower case, without .dll).</summary>
    private static readonly Dictionary<string, string> ExportLibraries = new(StringComparer.Ordinal)
    {
        ["winmm"] = "libinstallable_drivers_winmm.so",
        ["msacm32"] = "libinstallable_drivers_msacm32.so",
        ["kernel32"] = "libinstallable_drivers_host.so",
    };

    [NotOnWindowsFact]
    public void Every_winmm_msacm32_and_kernel32_import_of_NAudio_binds_in_our_libraries()
    {
        var imports = Imports();
        // NAudio 3.3.0 imports 93 distinct functions (all in NAudio.WinMM), 2.2.1 92 (its MIDI ones in NAudio.Midi): a
        // reader that found fewer proves little.
        Assert.True(imports.Count >= 92, $"only {imports.Count} imports found");

        var missing = new List<string>();
        foreach (var group in imports.GroupBy(import => import.Library))
        {
            var library = NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, ExportLibraries[group.Key]));
            try
            {
                missing.AddRange(group.Where(import => !NativeLibrary.TryGetExport(library, import.EntryPoint, out _)).Select(import => $"{import.Library}!{import.EntryPoint}"));
            }
            finally
            {
                NativeLibrary.Free(library);
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void docs_naudio_md_gives_every_import_a_status()
    {
        var documentation = File.ReadAllText(Path.Combine(NativeToolchain.RepositoryRoot, "docs", "naudio.md"));
        var undocumented = Imports().Select(import => import.EntryPoint).Distinct()
            .Where(name => !documentation.Contains($"`{name}`", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(undocumented);
    }

    /// <summary>
    /// The entry points NAudio.WinMM and NAudio.Midi import, with the library's plain name (winmm or msacm32, in any
    /// spelling; any other library they import from fails the test, so that a new one cannot go unnoticed), and NAudio.Core's
    /// kernel32 imports (its others, dsound and user32 for DirectSoundOut, are not redirected: docs/naudio.md).
    /// </summary>
    private static List<(string Library, string EntryPoint)> Imports() =>
        new[] { typeof(WaveFormatConversionStream).Assembly, typeof(global::NAudio.Midi.MidiEvent).Assembly }
            .SelectMany(DllImports)
            .Select(import => ExportLibraries.ContainsKey(import.Library) ? import : throw new InvalidOperationException($"NAudio imports {import.EntryPoint} from {import.Library}"))
            .Concat(DllImports(typeof(WaveFormat).Assembly).Where(import => import.Library == "kernel32"))
            .Distinct()
            .ToList();

    private static IEnumerable<(string Library, string EntryPoint)> DllImports(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (method, import: method.GetCustomAttribute<DllImportAttribute>()))
            .Where(m => m.import is not null)
            .Select(m => (Library: PlainName(m.import!.Value), EntryPoint: m.import.EntryPoint ?? m.method.Name));

    private static string PlainName(string library)
    {
        var name = library.ToLowerInvariant();
        return name.EndsWith(".dll", StringComparison.Ordinal) ? name[..^4] : name;
    }
}
