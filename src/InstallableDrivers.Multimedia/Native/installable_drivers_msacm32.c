/*
 * The msacm32 export library: msacm32.dll's functions under their C names and signatures, for programs that import
 * them by name (a .NET assembly's [DllImport("msacm32.dll")] redirected here, or a C program linked against it). Each
 * only forwards to the Audio Compression Manager of InstallableDrivers.Multimedia, whose entry points the runtime hands
 * over with installable_drivers_msacm32_attach right after loading the library. The undecorated names that have A and
 * W forms take the A form, as a program built without _UNICODE (and .NET's CharSet.Ansi, 1-byte UTF-8 strings off
 * Windows) expects. Before the runtime attaches, every function answers MMSYSERR_ERROR.
 */
#include "installable_drivers_msacm32.h"

static installable_drivers_msacm32 acm;

DRIVER_EXPORT void installable_drivers_msacm32_attach(const installable_drivers_msacm32 *entry_points);

DRIVER_EXPORT void installable_drivers_msacm32_attach(const installable_drivers_msacm32 *entry_points)
{
    acm = *entry_points;
}

/* Forwards a call to the attached entry point, or answers MMSYSERR_ERROR when the runtime has not attached. */
#define FORWARD(entry, ...) return acm.entry != NULL ? acm.entry(__VA_ARGS__) : MMSYSERR_ERROR

DRIVER_EXPORT DWORD WINAPI acmGetVersion(void)
{
    return acm.get_version != NULL ? acm.get_version() : 0;
}

DRIVER_EXPORT MMRESULT WINAPI acmMetrics(HACMOBJ hao, UINT uMetric, LPVOID pMetric)
{
    FORWARD(metrics, hao, uMetric, pMetric);
}

/* ---- Drivers ----------------------------------------------------------------------------------------------------- */

/* The A and W forms differ only in the value name an ACM_DRIVERADDF_NAME call points lParam at. */
DRIVER_EXPORT MMRESULT WINAPI acmDriverAdd(LPHACMDRIVERID phadid, HINSTANCE hinstModule, LPARAM lParam, DWORD dwPriority, DWORD fdwAdd)
{
    FORWARD(driver_add_a, phadid, hinstModule, lParam, dwPriority, fdwAdd);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverAddA(LPHACMDRIVERID phadid, HINSTANCE hinstModule, LPARAM lParam, DWORD dwPriority, DWORD fdwAdd)
{
    FORWARD(driver_add_a, phadid, hinstModule, lParam, dwPriority, fdwAdd);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverAddW(LPHACMDRIVERID phadid, HINSTANCE hinstModule, LPARAM lParam, DWORD dwPriority, DWORD fdwAdd)
{
    FORWARD(driver_add_w, phadid, hinstModule, lParam, dwPriority, fdwAdd);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverRemove(HACMDRIVERID hadid, DWORD fdwRemove)
{
    FORWARD(driver_remove, hadid, fdwRemove);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverEnum(ACMDRIVERENUMCB fnCallback, DWORD_PTR dwInstance, DWORD fdwEnum)
{
    FORWARD(driver_enum, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverDetails(HACMDRIVERID hadid, LPACMDRIVERDETAILSA padd, DWORD fdwDetails)
{
    FORWARD(driver_details_a, hadid, padd, fdwDetails);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverDetailsA(HACMDRIVERID hadid, LPACMDRIVERDETAILSA padd, DWORD fdwDetails)
{
    FORWARD(driver_details_a, hadid, padd, fdwDetails);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverDetailsW(HACMDRIVERID hadid, LPACMDRIVERDETAILSW padd, DWORD fdwDetails)
{
    FORWARD(driver_details_w, hadid, padd, fdwDetails);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverOpen(LPHACMDRIVER phad, HACMDRIVERID hadid, DWORD fdwOpen)
{
    FORWARD(driver_open, phad, hadid, fdwOpen);
}

DRIVER_EXPORT MMRESULT WINAPI acmDriverClose(HACMDRIVER had, DWORD fdwClose)
{
    FORWARD(driver_close, had, fdwClose);
}

/* ---- Formats ----------------------------------------------------------------------------------------------------- */

DRIVER_EXPORT MMRESULT WINAPI acmFormatTagEnum(HACMDRIVER had, LPACMFORMATTAGDETAILSA paftd, ACMFORMATTAGENUMCBA fnCallback,
                                               DWORD_PTR dwInstance, DWORD fdwEnum)
{
    FORWARD(format_tag_enum_a, had, paftd, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmFormatTagEnumA(HACMDRIVER had, LPACMFORMATTAGDETAILSA paftd, ACMFORMATTAGENUMCBA fnCallback,
                                                DWORD_PTR dwInstance, DWORD fdwEnum)
{
    FORWARD(format_tag_enum_a, had, paftd, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmFormatTagEnumW(HACMDRIVER had, LPACMFORMATTAGDETAILSW paftd, ACMFORMATTAGENUMCBW fnCallback,
                                                DWORD_PTR dwInstance, DWORD fdwEnum)
{
    FORWARD(format_tag_enum_w, had, paftd, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmFormatEnum(HACMDRIVER had, LPACMFORMATDETAILSA pafd, ACMFORMATENUMCBA fnCallback, DWORD_PTR dwInstance,
                                            DWORD fdwEnum)
{
    FORWARD(format_enum_a, had, pafd, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmFormatEnumA(HACMDRIVER had, LPACMFORMATDETAILSA pafd, ACMFORMATENUMCBA fnCallback, DWORD_PTR dwInstance,
                                             DWORD fdwEnum)
{
    FORWARD(format_enum_a, had, pafd, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmFormatEnumW(HACMDRIVER had, LPACMFORMATDETAILSW pafd, ACMFORMATENUMCBW fnCallback, DWORD_PTR dwInstance,
                                             DWORD fdwEnum)
{
    FORWARD(format_enum_w, had, pafd, fnCallback, dwInstance, fdwEnum);
}

DRIVER_EXPORT MMRESULT WINAPI acmFormatSuggest(HACMDRIVER had, LPWAVEFORMATEX pwfxSrc, LPWAVEFORMATEX pwfxDst, DWORD cbwfxDst,
                                               DWORD fdwSuggest)
{
    FORWARD(format_suggest, had, pwfxSrc, pwfxDst, cbwfxDst, fdwSuggest);
}

/* ACMFORMATCHOOSEW: there is no dialog to show, so the service checks the structure and answers ACMERR_CANCELED. */
DRIVER_EXPORT MMRESULT WINAPI acmFormatChooseW(LPVOID pafmtc)
{
    FORWARD(format_choose_w, pafmtc);
}

/* ---- Streams ----------------------------------------------------------------------------------------------------- */

DRIVER_EXPORT MMRESULT WINAPI acmStreamOpen(LPHACMSTREAM phas, HACMDRIVER had, LPWAVEFORMATEX pwfxSrc, LPWAVEFORMATEX pwfxDst,
                                            LPWAVEFILTER pwfltr, DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen)
{
    FORWARD(stream_open, phas, had, pwfxSrc, pwfxDst, pwfltr, dwCallback, dwInstance, fdwOpen);
}

DRIVER_EXPORT MMRESULT WINAPI acmStreamSize(HACMSTREAM has, DWORD cbInput, LPDWORD pdwOutputBytes, DWORD fdwSize)
{
    FORWARD(stream_size, has, cbInput, pdwOutputBytes, fdwSize);
}

DRIVER_EXPORT MMRESULT WINAPI acmStreamPrepareHeader(HACMSTREAM has, LPACMSTREAMHEADER pash, DWORD fdwPrepare)
{
    FORWARD(stream_prepare_header, has, pash, fdwPrepare);
}

DRIVER_EXPORT MMRESULT WINAPI acmStreamConvert(HACMSTREAM has, LPACMSTREAMHEADER pash, DWORD fdwConvert)
{
    FORWARD(stream_convert, has, pash, fdwConvert);
}

DRIVER_EXPORT MMRESULT WINAPI acmStreamUnprepareHeader(HACMSTREAM has, LPACMSTREAMHEADER pash, DWORD fdwUnprepare)
{
    FORWARD(stream_unprepare_header, has, pash, fdwUnprepare);
}

DRIVER_EXPORT MMRESULT WINAPI acmStreamReset(HACMSTREAM has, DWORD fdwReset)
{
    FORWARD(stream_reset, has, fdwReset);
}

DRIVER_EXPORT MMRESULT WINAPI acmStreamClose(HACMSTREAM has, DWORD fdwClose)
{
    FORWARD(stream_close, has, fdwClose);
}
