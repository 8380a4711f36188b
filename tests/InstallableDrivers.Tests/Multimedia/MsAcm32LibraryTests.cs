using System.Diagnostics;
using InstallableDrivers.Multimedia.Native;
using InstallableDrivers.Tests.Sdk;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// Loading the msacm32 export library: a missing file or another library is refused with an error that names it; a
/// default registry that cannot be located fails the load, in managed code, before any export runs (a program of its
/// own, InstallableDrivers.NAudioAcmProbe, whose first ACM call through NAudio meets it).
/// </summary>
public sealed class MsAcm32LibraryTests
{
    [Fact]
    public void The_library_is_built_beside_the_Multimedia_assembly()
    {
        Assert.True(File.Exists(MsAcm32Library.Path), MsAcm32Library.Path);
        Assert.Equal("libinstallable_drivers_msacm32.so", Path.GetFileName(MsAcm32Library.Path));
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        using var directory = new TempDirectory();
        var missing = directory.File(MsAcm32Library.FileName);

        var error = Assert.Throws<DllNotFoundException>(() => MsAcm32Library.LoadFrom(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_without_the_attach_function_is_refused_naming_it()
    {
        // A shipped codec: a real shared library, but not the export library.
        var codec = Path.Combine(AppContext.BaseDirectory, "drivers", "g711.so");

        var error = Assert.Throws<DllNotFoundException>(() => MsAcm32Library.LoadFrom(codec));

        Assert.Contains(codec, error.Message, StringComparison.Ordinal);
        Assert.Contains("installable_drivers_msacm32_attach", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_INSTALLABLE_DRIVERS_REGISTRY_fails_NAudios_first_acm_call_with_its_error_before_any_export_runs()
    {
        var output = await RunProbe("relative/system.ini");

        Assert.Contains("System.InvalidOperationException: INSTALLABLE_DRIVERS_REGISTRY must be a fully qualified path, but it is \"relative/system.ini\".", output, StringComparison.Ordinal);
        // Thrown where the import was bound, by the load that creates the ACM first, not inside an export.
        Assert.Contains("MsAcm32Library.Load", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MsAcm32Exports", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_valid_registry_NAudio_lists_its_codecs()
    {
        using var directory = new TempDirectory();
        var registry = directory.File("system.ini");
        File.WriteAllLines(registry, ["[Drivers32]", $"msacm.g711={Path.Combine(AppContext.BaseDirectory, "drivers", "g711.so")}"]);

        var output = await RunProbe(registry);

        Assert.Contains("driver: G.711", output, StringComparison.Ordinal);
        Assert.Contains("driver: MS-PCM", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the probe with <paramref name="registry"/> as $INSTALLABLE_DRIVERS_REGISTRY; it must exit 0.</summary>
    private static async Task<string> RunProbe(string registry)
    {
        var start = BuiltProgram.StartInfo("NAudioAcmProbePath", []);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["INSTALLABLE_DRIVERS_REGISTRY"] = registry;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}\n{await error}");
        return output;
    }
}
