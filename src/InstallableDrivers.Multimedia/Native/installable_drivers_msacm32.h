/*
 * The entry points the runtime hands the msacm32 export library (installable_drivers_msacm32.c) when it loads it: the
 * managed functions each exported msacm32 function forwards to. MsAcm32EntryPoints.cs is the C# twin of this struct; a
 * test (MsAcm32EntryPointsLayoutTests) compiles this header and checks that both agree field by field.
 */
#ifndef INSTALLABLE_DRIVERS_MSACM32_H
#define INSTALLABLE_DRIVERS_MSACM32_H

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>

/* The enumeration callbacks of acmFormatTagEnum and acmFormatEnum, in their A and W forms. */
typedef BOOL(CALLBACK *ACMFORMATTAGENUMCBA)(HACMDRIVERID hadid, LPACMFORMATTAGDETAILSA paftd, DWORD_PTR dwInstance, DWORD fdwSupport);
typedef BOOL(CALLBACK *ACMFORMATTAGENUMCBW)(HACMDRIVERID hadid, LPACMFORMATTAGDETAILSW paftd, DWORD_PTR dwInstance, DWORD fdwSupport);
typedef BOOL(CALLBACK *ACMFORMATENUMCBA)(HACMDRIVERID hadid, LPACMFORMATDETAILSA pafd, DWORD_PTR dwInstance, DWORD fdwSupport);
typedef BOOL(CALLBACK *ACMFORMATENUMCBW)(HACMDRIVERID hadid, LPACMFORMATDETAILSW pafd, DWORD_PTR dwInstance, DWORD fdwSupport);

typedef struct {
    DWORD (*get_version)(void);
    MMRESULT (*metrics)(HACMOBJ hao, UINT uMetric, LPVOID pMetric);
    MMRESULT (*driver_add_a)(LPHACMDRIVERID phadid, HINSTANCE hinstModule, LPARAM lParam, DWORD dwPriority, DWORD fdwAdd);
    MMRESULT (*driver_add_w)(LPHACMDRIVERID phadid, HINSTANCE hinstModule, LPARAM lParam, DWORD dwPriority, DWORD fdwAdd);
    MMRESULT (*driver_remove)(HACMDRIVERID hadid, DWORD fdwRemove);
    MMRESULT (*driver_enum)(ACMDRIVERENUMCB fnCallback, DWORD_PTR dwInstance, DWORD fdwEnum);
    MMRESULT (*driver_details_a)(HACMDRIVERID hadid, LPACMDRIVERDETAILSA padd, DWORD fdwDetails);
    MMRESULT (*driver_details_w)(HACMDRIVERID hadid, LPACMDRIVERDETAILSW padd, DWORD fdwDetails);
    MMRESULT (*driver_open)(LPHACMDRIVER phad, HACMDRIVERID hadid, DWORD fdwOpen);
    MMRESULT (*driver_close)(HACMDRIVER had, DWORD fdwClose);
    MMRESULT (*format_tag_enum_a)(HACMDRIVER had, LPACMFORMATTAGDETAILSA paftd, ACMFORMATTAGENUMCBA fnCallback, DWORD_PTR dwInstance,
                                  DWORD fdwEnum);
    MMRESULT (*format_tag_enum_w)(HACMDRIVER had, LPACMFORMATTAGDETAILSW paftd, ACMFORMATTAGENUMCBW fnCallback, DWORD_PTR dwInstance,
                                  DWORD fdwEnum);
    MMRESULT (*format_enum_a)(HACMDRIVER had, LPACMFORMATDETAILSA pafd, ACMFORMATENUMCBA fnCallback, DWORD_PTR dwInstance, DWORD fdwEnum);
    MMRESULT (*format_enum_w)(HACMDRIVER had, LPACMFORMATDETAILSW pafd, ACMFORMATENUMCBW fnCallback, DWORD_PTR dwInstance, DWORD fdwEnum);
    MMRESULT (*format_suggest)(HACMDRIVER had, LPWAVEFORMATEX pwfxSrc, LPWAVEFORMATEX pwfxDst, DWORD cbwfxDst, DWORD fdwSuggest);
    MMRESULT (*format_choose_w)(LPVOID pafmtc);
    MMRESULT (*stream_open)(LPHACMSTREAM phas, HACMDRIVER had, LPWAVEFORMATEX pwfxSrc, LPWAVEFORMATEX pwfxDst, LPWAVEFILTER pwfltr,
                            DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen);
    MMRESULT (*stream_size)(HACMSTREAM has, DWORD cbInput, LPDWORD pdwOutputBytes, DWORD fdwSize);
    MMRESULT (*stream_prepare_header)(HACMSTREAM has, LPACMSTREAMHEADER pash, DWORD fdwPrepare);
    MMRESULT (*stream_convert)(HACMSTREAM has, LPACMSTREAMHEADER pash, DWORD fdwConvert);
    MMRESULT (*stream_unprepare_header)(HACMSTREAM has, LPACMSTREAMHEADER pash, DWORD fdwUnprepare);
    MMRESULT (*stream_reset)(HACMSTREAM has, DWORD fdwReset);
    MMRESULT (*stream_close)(HACMSTREAM has, DWORD fdwClose);
} installable_drivers_msacm32;

#endif
