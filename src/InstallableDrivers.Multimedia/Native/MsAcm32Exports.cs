using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// The managed side of the msacm32 export library: each function is what one exported msacm32 function calls, and
/// answers as <see cref="MsAcm"/> does. The W forms pass straight through; the A forms (1-byte strings) go through the
/// W service and convert the structures on the way, as msacm32's own A functions do.
/// </summary>
internal static unsafe class MsAcm32Exports
{
    /// <summary>The entry-point table handed to the library's <c>installable_drivers_msacm32_attach</c>.</summary>
    public static MsAcm32EntryPoints EntryPoints => new()
    {
        GetVersion = &GetVersion,
        Metrics = &Metrics,
        DriverAddA = &DriverAddA,
        DriverAddW = &DriverAddW,
        DriverRemove = &DriverRemove,
        DriverEnum = &DriverEnum,
        DriverDetailsA = &DriverDetailsA,
        DriverDetailsW = &DriverDetailsW,
        DriverOpen = &DriverOpen,
        DriverClose = &DriverClose,
        FormatTagEnumA = &FormatTagEnumA,
        FormatTagEnumW = &FormatTagEnumW,
        FormatEnumA = &FormatEnumA,
        FormatEnumW = &FormatEnumW,
        FormatSuggest = &FormatSuggest,
        FormatChooseW = &FormatChooseW,
        StreamOpen = &StreamOpen,
        StreamSize = &StreamSize,
        StreamPrepareHeader = &StreamPrepareHeader,
        StreamConvert = &StreamConvert,
        StreamUnprepareHeader = &StreamUnprepareHeader,
        StreamReset = &StreamReset,
        StreamClose = &StreamClose,
    };

    [UnmanagedCallersOnly]
    private static uint GetVersion() => MsAcm.acmGetVersion();

    [UnmanagedCallersOnly]
    private static MMRESULT Metrics(nint hao, uint uMetric, void* pMetric) => MsAcm.acmMetrics(hao, uMetric, pMetric);

    /// <summary>acmDriverAddA: as the W form, but an ACM_DRIVERADDF_NAME value name is 1-byte text.</summary>
    [UnmanagedCallersOnly]
    private static MMRESULT DriverAddA(nint* phadid, nint hinstModule, nint lParam, uint dwPriority, uint fdwAdd)
    {
        if ((fdwAdd & AcmDriverFlags.ACM_DRIVERADDF_TYPEMASK) != AcmDriverFlags.ACM_DRIVERADDF_NAME || lParam == 0)
        {
            return MsAcm.acmDriverAdd(phadid, hinstModule, lParam, dwPriority, fdwAdd);
        }

        fixed (char* name = Marshal.PtrToStringUTF8(lParam))
        {
            return MsAcm.acmDriverAdd(phadid, hinstModule, (nint)name, dwPriority, fdwAdd);
        }
    }

    [UnmanagedCallersOnly]
    private static MMRESULT DriverAddW(nint* phadid, nint hinstModule, nint lParam, uint dwPriority, uint fdwAdd) =>
        MsAcm.acmDriverAdd(phadid, hinstModule, lParam, dwPriority, fdwAdd);

    [UnmanagedCallersOnly]
    private static MMRESULT DriverRemove(nint hadid, uint fdwRemove) => MsAcm.acmDriverRemove(hadid, fdwRemove);

    [UnmanagedCallersOnly]
    private static MMRESULT DriverEnum(delegate* unmanaged<nint, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum) =>
        MsAcm.acmDriverEnum(fnCallback, dwInstance, fdwEnum);

    /// <summary>acmDriverDetailsA: the W details with 1-byte strings, cut to the caller's cbStruct as the W form cuts.</summary>
    [UnmanagedCallersOnly]
    private static MMRESULT DriverDetailsA(nint hadid, ACMDRIVERDETAILSA* padd, uint fdwDetails)
    {
        // A null or too-short structure goes to the service as it came, for the service's own answer.
        var wide = new ACMDRIVERDETAILS { cbStruct = padd is null || padd->cbStruct < sizeof(uint) ? 0 : (uint)sizeof(ACMDRIVERDETAILS) };
        var result = MsAcm.acmDriverDetails(hadid, padd is null ? null : &wide, fdwDetails);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            return result;
        }

        var ansi = new ACMDRIVERDETAILSA
        {
            fccType = wide.fccType,
            fccComp = wide.fccComp,
            wMid = wide.wMid,
            wPid = wide.wPid,
            vdwACM = wide.vdwACM,
            vdwDriver = wide.vdwDriver,
            fdwSupport = wide.fdwSupport,
            cFormatTags = wide.cFormatTags,
            cFilterTags = wide.cFilterTags,
            hicon = wide.hicon,
        };
        FixedName.Write(new Span<byte>(ansi.szShortName, ACMDRIVERDETAILS.ACMDRIVERDETAILS_SHORTNAME_CHARS), wide.ShortName);
        FixedName.Write(new Span<byte>(ansi.szLongName, ACMDRIVERDETAILS.ACMDRIVERDETAILS_LONGNAME_CHARS), wide.LongName);
        FixedName.Write(new Span<byte>(ansi.szCopyright, ACMDRIVERDETAILS.ACMDRIVERDETAILS_COPYRIGHT_CHARS),
            FixedName.Read(new ReadOnlySpan<char>(wide.szCopyright, ACMDRIVERDETAILS.ACMDRIVERDETAILS_COPYRIGHT_CHARS)));
        FixedName.Write(new Span<byte>(ansi.szLicensing, ACMDRIVERDETAILS.ACMDRIVERDETAILS_LICENSING_CHARS),
            FixedName.Read(new ReadOnlySpan<char>(wide.szLicensing, ACMDRIVERDETAILS.ACMDRIVERDETAILS_LICENSING_CHARS)));
        FixedName.Write(new Span<byte>(ansi.szFeatures, ACMDRIVERDETAILS.ACMDRIVERDETAILS_FEATURES_CHARS), wide.Features);
        ansi.cbStruct = Math.Min(padd->cbStruct, (uint)sizeof(ACMDRIVERDETAILSA));
        new ReadOnlySpan<byte>(&ansi, (int)ansi.cbStruct).CopyTo(new Span<byte>(padd, (int)ansi.cbStruct));
        return MMRESULT.MMSYSERR_NOERROR;
    }

    [UnmanagedCallersOnly]
    private static MMRESULT DriverDetailsW(nint hadid, ACMDRIVERDETAILS* padd, uint fdwDetails) => MsAcm.acmDriverDetails(hadid, padd, fdwDetails);

    [UnmanagedCallersOnly]
    private static MMRESULT DriverOpen(nint* phad, nint hadid, uint fdwOpen) => MsAcm.acmDriverOpen(phad, hadid, fdwOpen);

    [UnmanagedCallersOnly]
    private static MMRESULT DriverClose(nint had, uint fdwClose) => MsAcm.acmDriverClose(had, fdwClose);

    /// <summary>
    /// acmFormatTagEnumA: enumerates in the W form; each W answer is copied into the caller's A structure, which is what
    /// the caller's callback receives, as from msacm32.
    /// </summary>
    [UnmanagedCallersOnly]
    private static MMRESULT FormatTagEnumA(nint had, ACMFORMATTAGDETAILSA* paftd,
        delegate* unmanaged<nint, ACMFORMATTAGDETAILSA*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum)
    {
        var wide = new ACMFORMATTAGDETAILS();
        if (paftd is not null)
        {
            wide.cbStruct = paftd->cbStruct < sizeof(ACMFORMATTAGDETAILSA) ? paftd->cbStruct : (uint)sizeof(ACMFORMATTAGDETAILS);
            wide.dwFormatTagIndex = paftd->dwFormatTagIndex;
            wide.dwFormatTag = paftd->dwFormatTag;
            wide.cbFormatSize = paftd->cbFormatSize;
            wide.fdwSupport = paftd->fdwSupport;
            wide.cStandardFormats = paftd->cStandardFormats;
        }

        var caller = new AnsiEnumeration { Callback = fnCallback, Instance = dwInstance, Details = paftd };
        return MsAcm.acmFormatTagEnum(had, paftd is null ? null : &wide, fnCallback is null ? null : &FormatTagEnumACallback,
            (nuint)(&caller), fdwEnum);
    }

    [UnmanagedCallersOnly]
    private static int FormatTagEnumACallback(nint hadid, ACMFORMATTAGDETAILS* paftd, nuint dwInstance, uint fdwSupport)
    {
        var caller = (AnsiEnumeration*)dwInstance;
        var ansi = (ACMFORMATTAGDETAILSA*)caller->Details;
        ansi->dwFormatTagIndex = paftd->dwFormatTagIndex;
        ansi->dwFormatTag = paftd->dwFormatTag;
        ansi->cbFormatSize = paftd->cbFormatSize;
        ansi->fdwSupport = paftd->fdwSupport;
        ansi->cStandardFormats = paftd->cStandardFormats;
        FixedName.Write(new Span<byte>(ansi->szFormatTag, ACMFORMATTAGDETAILS.ACMFORMATTAGDETAILS_FORMATTAG_CHARS), paftd->FormatTagName);
        return ((delegate* unmanaged<nint, ACMFORMATTAGDETAILSA*, nuint, uint, int>)caller->Callback)(hadid, ansi, caller->Instance, fdwSupport);
    }

    [UnmanagedCallersOnly]
    private static MMRESULT FormatTagEnumW(nint had, ACMFORMATTAGDETAILS* paftd,
        delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum) =>
        MsAcm.acmFormatTagEnum(had, paftd, fnCallback, dwInstance, fdwEnum);

    /// <summary>
    /// acmFormatEnumA: enumerates in the W form over the caller's own format buffer (pwfx, cbwfx); each W answer's
    /// header and name are copied into the caller's A structure, which is what the caller's callback receives.
    /// </summary>
    [UnmanagedCallersOnly]
    private static MMRESULT FormatEnumA(nint had, ACMFORMATDETAILSA* pafd,
        delegate* unmanaged<nint, ACMFORMATDETAILSA*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum)
    {
        var wide = new ACMFORMATDETAILS();
        if (pafd is not null)
        {
            wide.cbStruct = pafd->cbStruct < sizeof(ACMFORMATDETAILSA) ? pafd->cbStruct : (uint)sizeof(ACMFORMATDETAILS);
            wide.dwFormatIndex = pafd->dwFormatIndex;
            wide.dwFormatTag = pafd->dwFormatTag;
            wide.fdwSupport = pafd->fdwSupport;
            wide.pwfx = pafd->pwfx;
            wide.cbwfx = pafd->cbwfx;
        }

        var caller = new AnsiEnumeration { Callback = fnCallback, Instance = dwInstance, Details = pafd };
        return MsAcm.acmFormatEnum(had, pafd is null ? null : &wide, fnCallback is null ? null : &FormatEnumACallback,
            (nuint)(&caller), fdwEnum);
    }

    [UnmanagedCallersOnly]
    private static int FormatEnumACallback(nint hadid, ACMFORMATDETAILS* pafd, nuint dwInstance, uint fdwSupport)
    {
        var caller = (AnsiEnumeration*)dwInstance;
        var ansi = (ACMFORMATDETAILSA*)caller->Details;
        ansi->dwFormatIndex = pafd->dwFormatIndex;
        ansi->dwFormatTag = pafd->dwFormatTag;
        ansi->fdwSupport = pafd->fdwSupport;
        ansi->pwfx = pafd->pwfx;
        ansi->cbwfx = pafd->cbwfx;
        FixedName.Write(new Span<byte>(ansi->szFormat, ACMFORMATDETAILS.ACMFORMATDETAILS_FORMAT_CHARS), pafd->FormatName);
        return ((delegate* unmanaged<nint, ACMFORMATDETAILSA*, nuint, uint, int>)caller->Callback)(hadid, ansi, caller->Instance, fdwSupport);
    }

    [UnmanagedCallersOnly]
    private static MMRESULT FormatEnumW(nint had, ACMFORMATDETAILS* pafd,
        delegate* unmanaged<nint, ACMFORMATDETAILS*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum) =>
        MsAcm.acmFormatEnum(had, pafd, fnCallback, dwInstance, fdwEnum);

    [UnmanagedCallersOnly]
    private static MMRESULT FormatSuggest(nint had, WAVEFORMATEX* pwfxSrc, WAVEFORMATEX* pwfxDst, uint cbwfxDst, uint fdwSuggest) =>
        MsAcm.acmFormatSuggest(had, pwfxSrc, pwfxDst, cbwfxDst, fdwSuggest);

    [UnmanagedCallersOnly]
    private static MMRESULT FormatChooseW(ACMFORMATCHOOSE* pafmtc) => MsAcm.acmFormatChoose(pafmtc);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamOpen(nint* phas, nint had, WAVEFORMATEX* pwfxSrc, WAVEFORMATEX* pwfxDst, WAVEFILTER* pwfltr,
        nuint dwCallback, nuint dwInstance, uint fdwOpen) =>
        MsAcm.acmStreamOpen(phas, had, pwfxSrc, pwfxDst, pwfltr, dwCallback, dwInstance, fdwOpen);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamSize(nint has, uint cbInput, uint* pdwOutputBytes, uint fdwSize) =>
        MsAcm.acmStreamSize(has, cbInput, pdwOutputBytes, fdwSize);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamPrepareHeader(nint has, ACMSTREAMHEADER* pash, uint fdwPrepare) => MsAcm.acmStreamPrepareHeader(has, pash, fdwPrepare);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamConvert(nint has, ACMSTREAMHEADER* pash, uint fdwConvert) => MsAcm.acmStreamConvert(has, pash, fdwConvert);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamUnprepareHeader(nint has, ACMSTREAMHEADER* pash, uint fdwUnprepare) =>
        MsAcm.acmStreamUnprepareHeader(has, pash, fdwUnprepare);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamReset(nint has, uint fdwReset) => MsAcm.acmStreamReset(has, fdwReset);

    [UnmanagedCallersOnly]
    private static MMRESULT StreamClose(nint has, uint fdwClose) => MsAcm.acmStreamClose(has, fdwClose);

    /// <summary>An A-form enumeration in progress: the caller's callback, its dwInstance and its A structure.</summary>
    private struct AnsiEnumeration
    {
        public void* Callback;
        public nuint Instance;
        public void* Details;
    }
}
