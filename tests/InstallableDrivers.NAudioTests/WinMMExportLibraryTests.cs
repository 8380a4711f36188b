using System.Runtime.InteropServices;
using System.Text;
using WinMM = InstallableDrivers.Multimedia.WinMM;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// The export library's string and capability functions as C callers see them: the W forms give UTF-16, the A forms
/// and the undecorated names (what .NET binds off Windows) 1-byte text, all the services' own answers.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed unsafe class WinMMExportLibraryTests : IDisposable
{
    private readonly nint library;

    public WinMMExportLibraryTests(WaveFileDevices devices)
    {
        // Binding one redirected import attaches the library to the services, whichever test runs first.
        var importer = new ImportingAssembly("winmm");
        WinMM.RedirectImports(importer.Assembly);
        Assert.Equal(2u, importer.WaveOutGetNumDevs());
        Assert.NotNull(devices);
        library = NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "libinstallable_drivers_winmm.so"));
    }

    public void Dispose() => NativeLibrary.Free(library);

    [Theory]
    [InlineData("waveOutGetErrorText")]
    [InlineData("waveInGetErrorText")]
    public void GetErrorText_in_its_W_A_and_undecorated_forms_gives_the_services_text(string function)
    {
        var expected = stackalloc char[256];
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, WinMM.waveOutGetErrorText(MMRESULT.WAVERR_BADFORMAT, expected, 256));
        var text = new string(expected);
        Assert.NotEmpty(text);

        var wide = stackalloc char[256];
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Export<char>(function + "W")(MMRESULT.WAVERR_BADFORMAT, wide, 256));
        Assert.Equal(text, new string(wide));

        var narrow = stackalloc byte[256];
        foreach (var name in new[] { function + "A", function })
        {
            new Span<byte>(narrow, 256).Clear();
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Export<byte>(name)(MMRESULT.WAVERR_BADFORMAT, narrow, 256));
            Assert.Equal(text, Encoding.Latin1.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(narrow)));
        }
    }

    [Fact]
    public void GetDevCaps_in_its_W_A_and_undecorated_forms_describes_the_same_device()
    {
        WAVEOUTCAPSW expectedOut;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, WinMM.waveOutGetDevCaps(1, &expectedOut, (uint)sizeof(WAVEOUTCAPSW)));
        WAVEOUTCAPSW outW;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Caps<WAVEOUTCAPSW>("waveOutGetDevCapsW")(1, &outW, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal(expectedOut.ProductName, outW.ProductName);
        foreach (var name in new[] { "waveOutGetDevCapsA", "waveOutGetDevCaps" })
        {
            WAVEOUTCAPSA outA;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Caps<WAVEOUTCAPSA>(name)(1, &outA, (uint)sizeof(WAVEOUTCAPSA)));
            Assert.Equal(expectedOut.ProductName, outA.ProductName);
        }

        WAVEINCAPSW expectedIn;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, WinMM.waveInGetDevCaps(1, &expectedIn, (uint)sizeof(WAVEINCAPSW)));
        WAVEINCAPSW inW;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Caps<WAVEINCAPSW>("waveInGetDevCapsW")(1, &inW, (uint)sizeof(WAVEINCAPSW)));
        Assert.Equal(expectedIn.ProductName, inW.ProductName);
        foreach (var name in new[] { "waveInGetDevCapsA", "waveInGetDevCaps" })
        {
            WAVEINCAPSA inA;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, Caps<WAVEINCAPSA>(name)(1, &inA, (uint)sizeof(WAVEINCAPSA)));
            Assert.Equal(expectedIn.ProductName, inA.ProductName);
        }

        WAVEOUTCAPSA none;
        Assert.Equal(MMRESULT.MMSYSERR_BADDEVICEID, Caps<WAVEOUTCAPSA>("waveOutGetDevCaps")(2, &none, (uint)sizeof(WAVEOUTCAPSA)));
    }

    private delegate* unmanaged<MMRESULT, T*, uint, MMRESULT> Export<T>(string name)
        where T : unmanaged => (delegate* unmanaged<MMRESULT, T*, uint, MMRESULT>)NativeLibrary.GetExport(library, name);

    private delegate* unmanaged<nuint, T*, uint, MMRESULT> Caps<T>(string name)
        where T : unmanaged => (delegate* unmanaged<nuint, T*, uint, MMRESULT>)NativeLibrary.GetExport(library, name);
}
