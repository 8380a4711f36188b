using System.Runtime.InteropServices;
using System.Text;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Native;
using InstallableDrivers.Tests.Multimedia;
using NAudio.Wave.Compression;

namespace InstallableDrivers.NAudioTests;

/// <summary>The export library's functions called by their C names, as a C program would: the A forms against the W forms.</summary>
[Collection(NAudioAcm.Collection)]
public sealed unsafe class MsAcm32ExportTests
{
    private readonly nint library;

    public MsAcm32ExportTests()
    {
        NAudioAcm.EnsureReady();
        library = MsAcm32Library.Load();
    }

    [Fact]
    public void acmDriverDetails_A_and_W_describe_each_driver_alike_in_1_and_2_byte_text()
    {
        var detailsA = (delegate* unmanaged<nint, ACMDRIVERDETAILSA*, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmDriverDetails");
        var detailsW = (delegate* unmanaged<nint, ACMDRIVERDETAILS*, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmDriverDetailsW");
        foreach (var driver in AcmDriver.EnumerateAcmDrivers())
        {
            var ansi = new ACMDRIVERDETAILSA { cbStruct = (uint)sizeof(ACMDRIVERDETAILSA) };
            var wide = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, detailsA(driver.DriverId, &ansi, 0));
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, detailsW(driver.DriverId, &wide, 0));

            Assert.Equal((uint)sizeof(ACMDRIVERDETAILSA), ansi.cbStruct);
            Assert.Equal((wide.fccType, wide.wMid, wide.wPid, wide.vdwDriver, wide.fdwSupport, wide.cFormatTags),
                (ansi.fccType, ansi.wMid, ansi.wPid, ansi.vdwDriver, ansi.fdwSupport, ansi.cFormatTags));
            Assert.Equal(wide.ShortName, Text(ansi.szShortName, ACMDRIVERDETAILS.ACMDRIVERDETAILS_SHORTNAME_CHARS));
            Assert.Equal(wide.LongName, Text(ansi.szLongName, ACMDRIVERDETAILS.ACMDRIVERDETAILS_LONGNAME_CHARS));
            Assert.Equal(wide.Features, Text(ansi.szFeatures, ACMDRIVERDETAILS.ACMDRIVERDETAILS_FEATURES_CHARS));
        }
    }

    [Fact]
    public void acmDriverDetails_A_fills_no_more_than_cbStruct_and_refuses_what_the_W_form_refuses()
    {
        var detailsA = (delegate* unmanaged<nint, ACMDRIVERDETAILSA*, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmDriverDetailsA");
        var id = AcmDriver.FindByShortName("G.711")!.DriverId;
        var ansi = new ACMDRIVERDETAILSA { cbStruct = 12, wMid = 0x5A5A };

        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, detailsA(id, &ansi, 0));
        Assert.Equal(12u, ansi.cbStruct);
        Assert.NotEqual(0u, ansi.fccType);
        Assert.Equal(0x5A5A, ansi.wMid);

        ansi.cbStruct = 2;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, detailsA(id, &ansi, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, detailsA(id, null, 0));
        ansi.cbStruct = (uint)sizeof(ACMDRIVERDETAILSA);
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, detailsA(id, &ansi, 1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, detailsA(0x4444, &ansi, 0));
    }

    [Fact]
    public void acmDriverAdd_A_takes_a_1_byte_value_name_and_the_W_form_a_UTF16_one()
    {
        var addA = (delegate* unmanaged<nint*, nint, nint, uint, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmDriverAdd");
        var addW = (delegate* unmanaged<nint*, nint, nint, uint, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmDriverAddW");
        var remove = (delegate* unmanaged<nint, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmDriverRemove");

        nint fromAnsi = 0, fromWide = 0;
        fixed (byte* ansiName = "msacm.imaadpcm\0"u8)
        fixed (char* wideName = "msacm.imaadpcm")
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, addA(&fromAnsi, 0, (nint)ansiName, 0, AcmDriverFlags.ACM_DRIVERADDF_NAME));
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, addW(&fromWide, 0, (nint)wideName, 0, AcmDriverFlags.ACM_DRIVERADDF_NAME));
            // A UTF-16 name read as 1-byte text is "m": no such value.
            nint wrong = 0;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, addA(&wrong, 0, (nint)wideName, 0, AcmDriverFlags.ACM_DRIVERADDF_NAME));
        }

        try
        {
            var added = new[] { fromAnsi, fromWide };
            var local = AcmDriver.EnumerateAcmDrivers().Where(d => added.Contains(d.DriverId)).ToList();
            Assert.Equal(2, local.Count);
            Assert.All(local, d => Assert.Equal("IMA ADPCM", d.ShortName));
        }
        finally
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, remove(fromAnsi, 0));
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, remove(fromWide, 0));
        }
    }

    [Fact]
    public void acmGetVersion_and_acmFormatChooseW_answer_as_MsAcm_does()
    {
        var version = (delegate* unmanaged<uint>)NativeLibrary.GetExport(library, "acmGetVersion");
        var choose = (delegate* unmanaged<void*, MMRESULT>)NativeLibrary.GetExport(library, "acmFormatChooseW");

        Assert.Equal(MsAcm.acmGetVersion(), version());
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, choose(null));
    }

    [Fact]
    public void The_A_and_W_enumerations_report_the_same_tags_and_formats()
    {
        var tagEnumA = (delegate* unmanaged<nint, ACMFORMATTAGDETAILSA*, delegate* unmanaged<nint, ACMFORMATTAGDETAILSA*, nuint, uint, int>, nuint, uint, MMRESULT>)
            NativeLibrary.GetExport(library, "acmFormatTagEnumA");
        var tagEnumW = (delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, nuint, uint, int>, nuint, uint, MMRESULT>)
            NativeLibrary.GetExport(library, "acmFormatTagEnumW");
        var formatEnumA = (delegate* unmanaged<nint, ACMFORMATDETAILSA*, delegate* unmanaged<nint, ACMFORMATDETAILSA*, nuint, uint, int>, nuint, uint, MMRESULT>)
            NativeLibrary.GetExport(library, "acmFormatEnumA");
        var formatEnumW = (delegate* unmanaged<nint, ACMFORMATDETAILS*, delegate* unmanaged<nint, ACMFORMATDETAILS*, nuint, uint, int>, nuint, uint, MMRESULT>)
            NativeLibrary.GetExport(library, "acmFormatEnumW");

        var fromA = new List<string>();
        var fromW = new List<string>();
        var listA = GCHandle.Alloc(fromA);
        var listW = GCHandle.Alloc(fromW);
        try
        {
            var tagA = new ACMFORMATTAGDETAILSA { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILSA) };
            var tagW = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS) };
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, tagEnumA(0, &tagA, &TagA, (nuint)GCHandle.ToIntPtr(listA), 0));
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, tagEnumW(0, &tagW, &TagW, (nuint)GCHandle.ToIntPtr(listW), 0));
            // µ is one Latin-1 byte in the A form: the names agree character for character.
            Assert.Contains(fromW, t => t.StartsWith("7 ITU-T G.711 \u00B5-law ", StringComparison.Ordinal));
            Assert.Equal(fromW, fromA);

            fromA.Clear();
            fromW.Clear();
            var buffer = stackalloc byte[64];
            var formatA = new ACMFORMATDETAILSA { cbStruct = (uint)sizeof(ACMFORMATDETAILSA), pwfx = (nint)buffer, cbwfx = 64 };
            var formatW = new ACMFORMATDETAILS { cbStruct = (uint)sizeof(ACMFORMATDETAILS), pwfx = (nint)buffer, cbwfx = 64 };
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, formatEnumA(0, &formatA, &FormatA, (nuint)GCHandle.ToIntPtr(listA), 0));
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, formatEnumW(0, &formatW, &FormatW, (nuint)GCHandle.ToIntPtr(listW), 0));
            Assert.NotEmpty(fromW);
            Assert.Equal(fromW, fromA);
        }
        finally
        {
            listA.Free();
            listW.Free();
        }
    }

    [Fact]
    public void acmStreamReset_resets_an_open_stream_and_checks_its_flags()
    {
        var open = (delegate* unmanaged<nint*, nint, byte*, byte*, void*, nuint, nuint, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmStreamOpen");
        var reset = (delegate* unmanaged<nint, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmStreamReset");
        var close = (delegate* unmanaged<nint, uint, MMRESULT>)NativeLibrary.GetExport(library, "acmStreamClose");
        var pcm = WaveFormats.Pcm(1, 8000);
        var muLaw = WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_MULAW, 1, 8000);

        nint stream = 0;
        fixed (byte* source = pcm)
        fixed (byte* destination = muLaw)
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, open(&stream, 0, source, destination, null, 0, 0, 0));
        }

        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, reset(stream, 1));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, reset(stream, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, close(stream, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, reset(stream, 0));
    }

    [UnmanagedCallersOnly]
    private static int TagA(nint hadid, ACMFORMATTAGDETAILSA* details, nuint instance, uint support) =>
        Add(instance, $"{details->dwFormatTag} {Text(details->szFormatTag, ACMFORMATTAGDETAILS.ACMFORMATTAGDETAILS_FORMATTAG_CHARS)} {details->cStandardFormats}");

    [UnmanagedCallersOnly]
    private static int TagW(nint hadid, ACMFORMATTAGDETAILS* details, nuint instance, uint support) =>
        Add(instance, $"{details->dwFormatTag} {details->FormatTagName} {details->cStandardFormats}");

    [UnmanagedCallersOnly]
    private static int FormatA(nint hadid, ACMFORMATDETAILSA* details, nuint instance, uint support) =>
        Add(instance, $"{details->dwFormatTag} {details->dwFormatIndex} {Text(details->szFormat, ACMFORMATDETAILS.ACMFORMATDETAILS_FORMAT_CHARS)}");

    [UnmanagedCallersOnly]
    private static int FormatW(nint hadid, ACMFORMATDETAILS* details, nuint instance, uint support) =>
        Add(instance, $"{details->dwFormatTag} {details->dwFormatIndex} {details->FormatName}");

    private static int Add(nuint instance, string entry)
    {
        ((List<string>)GCHandle.FromIntPtr((nint)instance).Target!).Add(entry);
        return 1;
    }

    private static string Text(byte* text, int length)
    {
        var span = new ReadOnlySpan<byte>(text, length);
        var end = span.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? span : span[..end]);
    }
}
