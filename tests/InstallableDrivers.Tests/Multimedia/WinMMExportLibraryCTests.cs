using InstallableDrivers.Tests.Sdk;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The winmm export library linked by a C program, as a C caller would: winmm's names and signatures resolve, and with
/// no runtime to attach it there are no devices and every call answers MMSYSERR_NODRIVER.
/// </summary>
public sealed class WinMMExportLibraryCTests
{
    [NotOnWindowsFact]
    public void A_C_program_links_against_winmms_names_and_without_the_runtime_finds_no_driver()
    {
        using var directory = new TempDirectory();
        var source = directory.File("winmm_caller.c");
        File.WriteAllText(source, """
            #include <stdio.h>
            #include <windows.h>
            #include <mmsystem.h>

            /* winmm's prototypes, as mmeapi.h declares them (the SDK's stand-in headers declare none). */
            UINT WINAPI waveOutGetNumDevs(void);
            UINT WINAPI waveInGetNumDevs(void);
            MMRESULT WINAPI waveOutOpen(LPHWAVEOUT phwo, UINT uDeviceID, LPCWAVEFORMATEX pwfx, DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen);
            MMRESULT WINAPI waveInOpen(LPHWAVEIN phwi, UINT uDeviceID, LPCWAVEFORMATEX pwfx, DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen);
            MMRESULT WINAPI waveOutGetDevCapsW(UINT_PTR uDeviceID, LPWAVEOUTCAPSW pwoc, UINT cbwoc);
            MMRESULT WINAPI waveOutGetDevCapsA(UINT_PTR uDeviceID, LPWAVEOUTCAPSA pwoc, UINT cbwoc);
            MMRESULT WINAPI waveOutGetErrorTextA(MMRESULT mmrError, LPSTR pszText, UINT cchText);
            MMRESULT WINAPI waveInClose(HWAVEIN hwi);

            int main(void)
            {
                WAVEFORMATEX format = { WAVE_FORMAT_PCM, 1, 8000, 16000, 2, 16, 0 };
                HWAVEOUT out = NULL;
                HWAVEIN in = NULL;
                WAVEOUTCAPSW capsW;
                WAVEOUTCAPSA capsA;
                char text[64];
                printf("%u %u %u %u %u %u %u %u\n", waveOutGetNumDevs(), waveInGetNumDevs(),
                       waveOutOpen(&out, WAVE_MAPPER, &format, 0, 0, CALLBACK_NULL),
                       waveInOpen(&in, WAVE_MAPPER, &format, 0, 0, CALLBACK_NULL),
                       waveOutGetDevCapsW(0, &capsW, sizeof capsW), waveOutGetDevCapsA(0, &capsA, sizeof capsA),
                       waveOutGetErrorTextA(MMSYSERR_NODRIVER, text, sizeof text), waveInClose(in));
                return 0;
            }
            """);
        var program = directory.File("winmm_caller");
        var libraryFolder = AppContext.BaseDirectory;
        NativeToolchain.CompileCleanly(
        [
            .. NativeToolchain.StrictFlags("c11"), "-I", Path.Combine(NativeToolchain.SdkInclude, "win32"), "-o", program, source,
            "-L", libraryFolder, "-l:libinstallable_drivers_winmm.so", $"-Wl,-rpath,{libraryFolder}",
        ]);

        var run = NativeToolchain.Run(program, []);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0 0 6 6 6 6 6 6", run.Output.Trim()); // MMSYSERR_NODRIVER is 6
    }
}
