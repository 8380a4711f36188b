using InstallableDrivers.Multimedia.Native;
using InstallableDrivers.Tests.Sdk;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>Loading the msacm32 export library: a missing file or another library is refused with an error that names it.</summary>
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
}
