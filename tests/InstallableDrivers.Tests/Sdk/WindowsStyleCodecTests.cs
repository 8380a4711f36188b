using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Multimedia;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// NativeDrivers/WindowsStyle/pcmbits.c, an ACM codec written as Windows codecs are (windows.h, mmreg.h, msacmdrv.h,
/// L"" strings, HeapAlloc, lstrcpyW, MultiByteToWideChar, MessageBoxA, LOWORD/HIWORD/min, an entry point exported by
/// .def), built unchanged with -fshort-wchar, the stand-in headers and an alias, then driven through a DriverManager.
/// </summary>
public sealed unsafe class WindowsStyleCodecTests : IDisposable
{
    private readonly AcmCodecDriver _driver = new("pcmbits");

    public void Dispose() => _driver.Dispose();

    [NotOnWindowsFact]
    public void The_entry_point_is_exported_as_DriverProc_by_the_alias_the_def_file_made()
    {
        var library = NativeLibrary.Load(TestDrivers.PathOf("pcmbits"));
        try
        {
            Assert.Equal(NativeLibrary.GetExport(library, "PcmBitsDriverProc"), NativeLibrary.GetExport(library, "DriverProc"));
        }
        finally
        {
            NativeLibrary.Free(library);
        }

        Assert.False(_driver.Handle.IsNull);
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.OpenError);
    }

    [NotOnWindowsFact]
    public void L_strings_lstrcpyW_and_MultiByteToWideChar_arrive_as_UTF_16()
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));

        Assert.Equal((uint)sizeof(ACMDRIVERDETAILS), details.cbStruct);
        Assert.Equal("PCM Bits", details.ShortName);
        Assert.Equal("PCM Bits Converter – 8 ↔ 16 bit 🎵", details.LongName); // a surrogate pair from L"\U0001F3B5"
        Assert.Equal("Copyright © InstallableDrivers tests", FixedName.Read(new ReadOnlySpan<char>(details.szCopyright, ACMDRIVERDETAILS.ACMDRIVERDETAILS_COPYRIGHT_CHARS)));
        Assert.Equal("Test driver; no licence needed. This sentence is cut short by lstrcpynW"[..29],
            FixedName.Read(new ReadOnlySpan<char>(details.szLicensing, ACMDRIVERDETAILS.ACMDRIVERDETAILS_LICENSING_CHARS)));
        Assert.Equal("Converts 8-bit PCM to 16-bit PCM and back.", details.Features);
        Assert.Equal((AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CONVERTER, 1u), (details.fdwSupport, details.cFormatTags));
    }

    [NotOnWindowsFact]
    public void The_details_copy_stops_at_the_callers_cbStruct_as_min_says()
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)Marshal.OffsetOf<ACMDRIVERDETAILS>(nameof(ACMDRIVERDETAILS.szShortName)) };
        details.szShortName[0] = 'x';
        Assert.Equal((long)MMSYSERR_NOERROR, _driver.DriverDetails(&details));
        Assert.Equal((uint)Marshal.OffsetOf<ACMDRIVERDETAILS>(nameof(ACMDRIVERDETAILS.szShortName)), details.cbStruct);
        Assert.Equal(1u, details.cFormatTags);
        Assert.Equal('x', details.szShortName[0]);
    }

    [NotOnWindowsFact]
    public void Formats_packed_with_MAKELONG_come_back_through_LOWORD_and_HIWORD()
    {
        var (result, _, format) = _driver.FormatDetailsByIndex(WaveFormatTags.WAVE_FORMAT_PCM, 15);
        Assert.Equal((long)MMSYSERR_NOERROR, result);
        Assert.Equal(WaveFormats.Pcm(2, 44100, 16)[..16], format[..16]);
        Assert.Equal(AcmErrors.ACMERR_NOTPOSSIBLE, _driver.FormatDetailsByIndex(WaveFormatTags.WAVE_FORMAT_PCM, 16).Result);
    }

    [NotOnWindowsFact]
    public void It_converts_16_bit_PCM_to_8_bit_and_back_in_a_stream_it_keeps_in_HeapAlloc_memory()
    {
        short[] samples = [0, 255, 256, -1, -256, -257, short.MaxValue, short.MinValue, 12345, -12345];
        using (var narrowing = _driver.Stream(WaveFormats.Pcm(2, 22050, 16), WaveFormats.Pcm(2, 22050, 8)))
        {
            Assert.NotEqual(0u, narrowing.Instance->dwDriver);
            var (result, used, output) = narrowing.Convert(WaveFormats.Pcm16Bytes(samples), 64, 0);
            Assert.Equal(((long)MMSYSERR_NOERROR, 20), (result, used));
            Assert.Equal(samples.Select(s => (byte)((s >> 8) + 128)), output); // 8-bit PCM is unsigned, 128 for silence
        }

        byte[] bytes = [0, 1, 127, 128, 129, 255];
        using var widening = _driver.Stream(WaveFormats.Pcm(1, 8000, 8), WaveFormats.Pcm(1, 8000, 16));
        var (wideResult, wideUsed, wide) = widening.Convert(bytes, 9, 0); // room for 4 samples only: min() of the two
        Assert.Equal(((long)MMSYSERR_NOERROR, 4), (wideResult, wideUsed));
        Assert.Equal(bytes[..4].Select(b => (short)((b - 128) << 8)), WaveFormats.Pcm16Samples(wide));
    }

    [NotOnWindowsFact]
    public void The_About_box_is_a_MessageBoxA_that_logs_its_text_and_is_answered_OK()
    {
        var logged = StandardErrorCapture.During(() =>
        {
            Assert.Equal((long)MMSYSERR_NOERROR, _driver.Send(AcmMessages.ACMDM_DRIVER_ABOUT, -1, 0)); // "is there one?": no box
            Assert.Equal((long)MMSYSERR_NOERROR, _driver.Send(AcmMessages.ACMDM_DRIVER_ABOUT, 0, 0));
        });
        Assert.Contains("MessageBoxA (no display, answered IDOK): About PCM Bits: PCM Bits Converter 1.2\nConverts 8-bit PCM", logged, StringComparison.Ordinal);
        Assert.Equal(1, CountOf("About PCM Bits", logged));
    }

    [NotOnWindowsFact]
    public void Configure_asks_with_MB_OKCANCEL_and_the_OK_answer_makes_DRVCNF_OK()
    {
        Assert.Equal(1, _driver.Send(DRV_QUERYCONFIGURE, 0, 0));
        long result = 0;
        var logged = StandardErrorCapture.During(() => result = _driver.Send(DRV_CONFIGURE, 0, 0));
        Assert.Equal(DRVCNF_OK, result);
        Assert.Contains("answered IDOK): Configure PCM Bits: Restore the default settings of PCM Bits?", logged, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string within) => within.Split(text).Length - 1;
}
