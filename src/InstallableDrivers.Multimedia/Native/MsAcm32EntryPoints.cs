using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// The C# twin of the msacm32 export library's <c>installable_drivers_msacm32</c> struct (installable_drivers_msacm32.h):
/// the managed functions its exported msacm32 functions forward to, in the header's order. MsAcm32EntryPointsLayoutTests
/// checks the two agree.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsAcm32EntryPoints
{
    /// <summary>acmGetVersion().</summary>
    public delegate* unmanaged<uint> GetVersion;

    /// <summary>acmMetrics(hao, uMetric, pMetric).</summary>
    public delegate* unmanaged<nint, uint, void*, MMRESULT> Metrics;

    /// <summary>acmDriverAddA(phadid, hinstModule, lParam, dwPriority, fdwAdd).</summary>
    public delegate* unmanaged<nint*, nint, nint, uint, uint, MMRESULT> DriverAddA;

    /// <summary>acmDriverAddW(phadid, hinstModule, lParam, dwPriority, fdwAdd).</summary>
    public delegate* unmanaged<nint*, nint, nint, uint, uint, MMRESULT> DriverAddW;

    /// <summary>acmDriverRemove(hadid, fdwRemove).</summary>
    public delegate* unmanaged<nint, uint, MMRESULT> DriverRemove;

    /// <summary>acmDriverEnum(fnCallback, dwInstance, fdwEnum).</summary>
    public delegate* unmanaged<delegate* unmanaged<nint, nuint, uint, int>, nuint, uint, MMRESULT> DriverEnum;

    /// <summary>acmDriverDetailsA(hadid, padd, fdwDetails).</summary>
    public delegate* unmanaged<nint, ACMDRIVERDETAILSA*, uint, MMRESULT> DriverDetailsA;

    /// <summary>acmDriverDetailsW(hadid, padd, fdwDetails).</summary>
    public delegate* unmanaged<nint, ACMDRIVERDETAILS*, uint, MMRESULT> DriverDetailsW;

    /// <summary>acmDriverOpen(phad, hadid, fdwOpen).</summary>
    public delegate* unmanaged<nint*, nint, uint, MMRESULT> DriverOpen;

    /// <summary>acmDriverClose(had, fdwClose).</summary>
    public delegate* unmanaged<nint, uint, MMRESULT> DriverClose;

    /// <summary>acmFormatTagEnumA(had, paftd, fnCallback, dwInstance, fdwEnum).</summary>
    public delegate* unmanaged<nint, ACMFORMATTAGDETAILSA*, delegate* unmanaged<nint, ACMFORMATTAGDETAILSA*, nuint, uint, int>, nuint, uint, MMRESULT> FormatTagEnumA;

    /// <summary>acmFormatTagEnumW(had, paftd, fnCallback, dwInstance, fdwEnum).</summary>
    public delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, nuint, uint, int>, nuint, uint, MMRESULT> FormatTagEnumW;

    /// <summary>acmFormatEnumA(had, pafd, fnCallback, dwInstance, fdwEnum).</summary>
    public delegate* unmanaged<nint, ACMFORMATDETAILSA*, delegate* unmanaged<nint, ACMFORMATDETAILSA*, nuint, uint, int>, nuint, uint, MMRESULT> FormatEnumA;

    /// <summary>acmFormatEnumW(had, pafd, fnCallback, dwInstance, fdwEnum).</summary>
    public delegate* unmanaged<nint, ACMFORMATDETAILS*, delegate* unmanaged<nint, ACMFORMATDETAILS*, nuint, uint, int>, nuint, uint, MMRESULT> FormatEnumW;

    /// <summary>acmFormatSuggest(had, pwfxSrc, pwfxDst, cbwfxDst, fdwSuggest).</summary>
    public delegate* unmanaged<nint, WAVEFORMATEX*, WAVEFORMATEX*, uint, uint, MMRESULT> FormatSuggest;

    /// <summary>acmFormatChooseW(pafmtc).</summary>
    public delegate* unmanaged<ACMFORMATCHOOSE*, MMRESULT> FormatChooseW;

    /// <summary>acmStreamOpen(phas, had, pwfxSrc, pwfxDst, pwfltr, dwCallback, dwInstance, fdwOpen).</summary>
    public delegate* unmanaged<nint*, nint, WAVEFORMATEX*, WAVEFORMATEX*, WAVEFILTER*, nuint, nuint, uint, MMRESULT> StreamOpen;

    /// <summary>acmStreamSize(has, cbInput, pdwOutputBytes, fdwSize).</summary>
    public delegate* unmanaged<nint, uint, uint*, uint, MMRESULT> StreamSize;

    /// <summary>acmStreamPrepareHeader(has, pash, fdwPrepare).</summary>
    public delegate* unmanaged<nint, ACMSTREAMHEADER*, uint, MMRESULT> StreamPrepareHeader;

    /// <summary>acmStreamConvert(has, pash, fdwConvert).</summary>
    public delegate* unmanaged<nint, ACMSTREAMHEADER*, uint, MMRESULT> StreamConvert;

    /// <summary>acmStreamUnprepareHeader(has, pash, fdwUnprepare).</summary>
    public delegate* unmanaged<nint, ACMSTREAMHEADER*, uint, MMRESULT> StreamUnprepareHeader;

    /// <summary>acmStreamReset(has, fdwReset).</summary>
    public delegate* unmanaged<nint, uint, MMRESULT> StreamReset;

    /// <summary>acmStreamClose(has, fdwClose).</summary>
    public delegate* unmanaged<nint, uint, MMRESULT> StreamClose;
}
