using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// msacm32's functions as static methods over <see cref="AcmServices.Default"/> (the codec drivers of
/// <see cref="DriverManager.Default"/>'s registry). Each is the <see cref="AcmServices"/> method of the same name; see
/// there for parameters and results.
/// </summary>
public static unsafe class MsAcm
{
    /// <summary>See <see cref="AcmServices.acmGetVersion"/>.</summary>
    /// <returns>The ACM's version.</returns>
    public static uint acmGetVersion() => AcmServices.Default.acmGetVersion();

    /// <summary>See <see cref="AcmServices.acmMetrics"/>.</summary>
    /// <param name="hao">The object, or 0.</param>
    /// <param name="uMetric">The metric.</param>
    /// <param name="pMetric">Receives the metric.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmMetrics(nint hao, uint uMetric, void* pMetric) => AcmServices.Default.acmMetrics(hao, uMetric, pMetric);

    /// <summary>See <see cref="AcmServices.acmDriverAdd"/>.</summary>
    /// <param name="phadid">Receives the driver id.</param>
    /// <param name="hinstModule">The module of the DriverProc.</param>
    /// <param name="lParam">The DriverProc or value name.</param>
    /// <param name="dwPriority">Must be 0.</param>
    /// <param name="fdwAdd">ACM_DRIVERADDF_* flags.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverAdd(nint* phadid, nint hinstModule, nint lParam, uint dwPriority, uint fdwAdd) =>
        AcmServices.Default.acmDriverAdd(phadid, hinstModule, lParam, dwPriority, fdwAdd);

    /// <summary>See <see cref="AcmServices.acmDriverRemove"/>.</summary>
    /// <param name="hadid">The driver id.</param>
    /// <param name="fdwRemove">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverRemove(nint hadid, uint fdwRemove) => AcmServices.Default.acmDriverRemove(hadid, fdwRemove);

    /// <summary>See <see cref="AcmServices.acmDriverEnum"/>.</summary>
    /// <param name="fnCallback">The callback.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">ACM_DRIVERENUMF_* flags.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverEnum(delegate* unmanaged<nint, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum) =>
        AcmServices.Default.acmDriverEnum(fnCallback, dwInstance, fdwEnum);

    /// <summary>See <see cref="AcmServices.acmDriverDetails"/>.</summary>
    /// <param name="hadid">The driver id.</param>
    /// <param name="padd">The structure to fill.</param>
    /// <param name="fdwDetails">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverDetails(nint hadid, ACMDRIVERDETAILS* padd, uint fdwDetails) => AcmServices.Default.acmDriverDetails(hadid, padd, fdwDetails);

    /// <summary>See <see cref="AcmServices.acmDriverID"/>.</summary>
    /// <param name="hao">An open driver or stream.</param>
    /// <param name="phadid">Receives the driver id.</param>
    /// <param name="fdwDriverID">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverID(nint hao, nint* phadid, uint fdwDriverID) => AcmServices.Default.acmDriverID(hao, phadid, fdwDriverID);

    /// <summary>See <see cref="AcmServices.acmDriverOpen"/>.</summary>
    /// <param name="phad">Receives the open driver.</param>
    /// <param name="hadid">The driver id.</param>
    /// <param name="fdwOpen">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverOpen(nint* phad, nint hadid, uint fdwOpen) => AcmServices.Default.acmDriverOpen(phad, hadid, fdwOpen);

    /// <summary>See <see cref="AcmServices.acmDriverClose"/>.</summary>
    /// <param name="had">The open driver.</param>
    /// <param name="fdwClose">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverClose(nint had, uint fdwClose) => AcmServices.Default.acmDriverClose(had, fdwClose);

    /// <summary>See <see cref="AcmServices.acmDriverMessage"/>.</summary>
    /// <param name="had">The open driver.</param>
    /// <param name="uMsg">The message.</param>
    /// <param name="lParam1">The first parameter.</param>
    /// <param name="lParam2">The second parameter.</param>
    /// <returns>The driver's answer or an MMRESULT.</returns>
    public static nint acmDriverMessage(nint had, uint uMsg, nint lParam1, nint lParam2) => AcmServices.Default.acmDriverMessage(had, uMsg, lParam1, lParam2);

    /// <summary>See <see cref="AcmServices.acmDriverPriority"/>.</summary>
    /// <param name="hadid">The driver id, or 0.</param>
    /// <param name="dwPriority">The new priority.</param>
    /// <param name="fdwPriority">ACM_DRIVERPRIORITYF_* flags.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmDriverPriority(nint hadid, uint dwPriority, uint fdwPriority) => AcmServices.Default.acmDriverPriority(hadid, dwPriority, fdwPriority);

    /// <summary>See <see cref="AcmServices.acmFormatTagDetails"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="paftd">The structure.</param>
    /// <param name="fdwDetails">ACM_FORMATTAGDETAILSF_* query.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFormatTagDetails(nint had, ACMFORMATTAGDETAILS* paftd, uint fdwDetails) => AcmServices.Default.acmFormatTagDetails(had, paftd, fdwDetails);

    /// <summary>See <see cref="AcmServices.acmFormatTagEnum"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="paftd">The structure.</param>
    /// <param name="fnCallback">The callback.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFormatTagEnum(nint had, ACMFORMATTAGDETAILS* paftd,
        delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum) =>
        AcmServices.Default.acmFormatTagEnum(had, paftd, fnCallback, dwInstance, fdwEnum);

    /// <summary>See <see cref="AcmServices.acmFormatDetails"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="pafd">The structure.</param>
    /// <param name="fdwDetails">ACM_FORMATDETAILSF_* query.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFormatDetails(nint had, ACMFORMATDETAILS* pafd, uint fdwDetails) => AcmServices.Default.acmFormatDetails(had, pafd, fdwDetails);

    /// <summary>See <see cref="AcmServices.acmFormatEnum"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="pafd">The structure.</param>
    /// <param name="fnCallback">The callback.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">ACM_FORMATENUMF_* restrictions.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFormatEnum(nint had, ACMFORMATDETAILS* pafd, delegate* unmanaged<nint, ACMFORMATDETAILS*, nuint, uint, int> fnCallback,
        nuint dwInstance, uint fdwEnum) => AcmServices.Default.acmFormatEnum(had, pafd, fnCallback, dwInstance, fdwEnum);

    /// <summary>See <see cref="AcmServices.acmFormatSuggest"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="pwfxSrc">The source format.</param>
    /// <param name="pwfxDst">Receives the suggestion.</param>
    /// <param name="cbwfxDst">The room at pwfxDst.</param>
    /// <param name="fdwSuggest">ACM_FORMATSUGGESTF_* bits.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFormatSuggest(nint had, WAVEFORMATEX* pwfxSrc, WAVEFORMATEX* pwfxDst, uint cbwfxDst, uint fdwSuggest) =>
        AcmServices.Default.acmFormatSuggest(had, pwfxSrc, pwfxDst, cbwfxDst, fdwSuggest);

    /// <summary>See <see cref="AcmServices.acmFormatChoose"/>.</summary>
    /// <param name="pafmtc">The chooser structure.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFormatChoose(ACMFORMATCHOOSE* pafmtc) => AcmServices.Default.acmFormatChoose(pafmtc);

    /// <summary>See <see cref="AcmServices.acmFilterTagDetails"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="paftd">The structure.</param>
    /// <param name="fdwDetails">ACM_FILTERTAGDETAILSF_* query.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFilterTagDetails(nint had, ACMFILTERTAGDETAILS* paftd, uint fdwDetails) => AcmServices.Default.acmFilterTagDetails(had, paftd, fdwDetails);

    /// <summary>See <see cref="AcmServices.acmFilterTagEnum"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="paftd">The structure.</param>
    /// <param name="fnCallback">The callback.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFilterTagEnum(nint had, ACMFILTERTAGDETAILS* paftd,
        delegate* unmanaged<nint, ACMFILTERTAGDETAILS*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum) =>
        AcmServices.Default.acmFilterTagEnum(had, paftd, fnCallback, dwInstance, fdwEnum);

    /// <summary>See <see cref="AcmServices.acmFilterDetails"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="pafd">The structure.</param>
    /// <param name="fdwDetails">ACM_FILTERDETAILSF_* query.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFilterDetails(nint had, ACMFILTERDETAILS* pafd, uint fdwDetails) => AcmServices.Default.acmFilterDetails(had, pafd, fdwDetails);

    /// <summary>See <see cref="AcmServices.acmFilterEnum"/>.</summary>
    /// <param name="had">An open driver, a driver id, or 0.</param>
    /// <param name="pafd">The structure.</param>
    /// <param name="fnCallback">The callback.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">ACM_FILTERENUMF_* restrictions.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFilterEnum(nint had, ACMFILTERDETAILS* pafd, delegate* unmanaged<nint, ACMFILTERDETAILS*, nuint, uint, int> fnCallback,
        nuint dwInstance, uint fdwEnum) => AcmServices.Default.acmFilterEnum(had, pafd, fnCallback, dwInstance, fdwEnum);

    /// <summary>See <see cref="AcmServices.acmFilterChoose"/>.</summary>
    /// <param name="pafltrc">The chooser structure.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmFilterChoose(ACMFILTERCHOOSE* pafltrc) => AcmServices.Default.acmFilterChoose(pafltrc);

    /// <summary>See <see cref="AcmServices.acmStreamOpen"/>.</summary>
    /// <param name="phas">Receives the stream.</param>
    /// <param name="had">An open driver, or 0.</param>
    /// <param name="pwfxSrc">The source format.</param>
    /// <param name="pwfxDst">The destination format.</param>
    /// <param name="pwfltr">A filter, or null.</param>
    /// <param name="dwCallback">The callback, or 0.</param>
    /// <param name="dwInstance">The callback's value.</param>
    /// <param name="fdwOpen">ACM_STREAMOPENF_* flags.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamOpen(nint* phas, nint had, WAVEFORMATEX* pwfxSrc, WAVEFORMATEX* pwfxDst, WAVEFILTER* pwfltr,
        nuint dwCallback, nuint dwInstance, uint fdwOpen) =>
        AcmServices.Default.acmStreamOpen(phas, had, pwfxSrc, pwfxDst, pwfltr, dwCallback, dwInstance, fdwOpen);

    /// <summary>See <see cref="AcmServices.acmStreamSize"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="cbInput">The given length.</param>
    /// <param name="pdwOutputBytes">Receives the other length.</param>
    /// <param name="fdwSize">ACM_STREAMSIZEF_* flags.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamSize(nint has, uint cbInput, uint* pdwOutputBytes, uint fdwSize) =>
        AcmServices.Default.acmStreamSize(has, cbInput, pdwOutputBytes, fdwSize);

    /// <summary>See <see cref="AcmServices.acmStreamPrepareHeader"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="pash">The header.</param>
    /// <param name="fdwPrepare">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamPrepareHeader(nint has, ACMSTREAMHEADER* pash, uint fdwPrepare) => AcmServices.Default.acmStreamPrepareHeader(has, pash, fdwPrepare);

    /// <summary>See <see cref="AcmServices.acmStreamConvert"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="pash">The header.</param>
    /// <param name="fdwConvert">ACM_STREAMCONVERTF_* flags.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamConvert(nint has, ACMSTREAMHEADER* pash, uint fdwConvert) => AcmServices.Default.acmStreamConvert(has, pash, fdwConvert);

    /// <summary>See <see cref="AcmServices.acmStreamUnprepareHeader"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="pash">The header.</param>
    /// <param name="fdwUnprepare">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamUnprepareHeader(nint has, ACMSTREAMHEADER* pash, uint fdwUnprepare) =>
        AcmServices.Default.acmStreamUnprepareHeader(has, pash, fdwUnprepare);

    /// <summary>See <see cref="AcmServices.acmStreamReset"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="fdwReset">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamReset(nint has, uint fdwReset) => AcmServices.Default.acmStreamReset(has, fdwReset);

    /// <summary>See <see cref="AcmServices.acmStreamMessage"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="uMsg">The message.</param>
    /// <param name="lParam1">The first parameter.</param>
    /// <param name="lParam2">The second parameter.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamMessage(nint has, uint uMsg, nint lParam1, nint lParam2) => AcmServices.Default.acmStreamMessage(has, uMsg, lParam1, lParam2);

    /// <summary>See <see cref="AcmServices.acmStreamClose"/>.</summary>
    /// <param name="has">The stream.</param>
    /// <param name="fdwClose">Must be 0.</param>
    /// <returns>An MMRESULT.</returns>
    public static MMRESULT acmStreamClose(nint has, uint fdwClose) => AcmServices.Default.acmStreamClose(has, fdwClose);
}
