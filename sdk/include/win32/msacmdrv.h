/*
 * Stand-in for the Windows SDK's <msacmdrv.h> off Windows: what an ACM codec driver's DriverProc receives, with the
 * Windows values and layouts (packed to 1 byte, as there). Add this folder to the include path on Linux and macOS
 * only (-I sdk/include/win32); on Windows the real header is used.
 *
 * The conversation, in short (docs/acm-codecs.md has more):
 *   DRV_OPEN                 lParam2 = ACMDRVOPENDESCW* (fccType 'audc'), or 0 for a configuration open; answer a
 *                            nonzero instance id, which comes back as dwDriverId in every later message.
 *   ACMDM_DRIVER_DETAILS     lParam1 = ACMDRIVERDETAILSW*
 *   ACMDM_FORMATTAG_DETAILS  lParam1 = ACMFORMATTAGDETAILSW*, lParam2 = ACM_FORMATTAGDETAILSF_*
 *   ACMDM_FORMAT_DETAILS     lParam1 = ACMFORMATDETAILSW*, lParam2 = ACM_FORMATDETAILSF_*
 *   ACMDM_FORMAT_SUGGEST     lParam1 = ACMDRVFORMATSUGGEST*
 *   ACMDM_STREAM_OPEN        lParam1 = ACMDRVSTREAMINSTANCE*  (also CLOSE and RESET)
 *   ACMDM_STREAM_SIZE        lParam1 = ACMDRVSTREAMINSTANCE*, lParam2 = ACMDRVSTREAMSIZE*
 *   ACMDM_STREAM_CONVERT     lParam1 = ACMDRVSTREAMINSTANCE*, lParam2 = ACMDRVSTREAMHEADER*
 * Each answers MMSYSERR_NOERROR, an MMSYSERR_* error or an ACMERR_* one.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_MSACMDRV_H
#define INSTALLABLE_DRIVERS_COMPAT_MSACMDRV_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

/* Windows wants msacm.h included first; including it here does no harm and saves the driver author the error. */
#include "msacm.h"

#ifndef _INC_ACMDRV
#define _INC_ACMDRV
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* A version number: major in bits 24-31, minor in 16-23, build in 0-15 (ACMDRIVERDETAILS.vdwACM and vdwDriver). */
#define MAKE_ACM_VERSION(mjr, mnr, bld) (((long)(mjr) << 24) | ((long)(mnr) << 16) | ((long)(bld)))

/* A driver always receives the W (UTF-16) structures, so the undecorated names mean those here. */
#undef ACMDRIVERDETAILS
#undef PACMDRIVERDETAILS
#undef LPACMDRIVERDETAILS
#undef ACMFORMATTAGDETAILS
#undef PACMFORMATTAGDETAILS
#undef LPACMFORMATTAGDETAILS
#undef ACMFORMATDETAILS
#undef PACMFORMATDETAILS
#undef LPACMFORMATDETAILS
#undef ACMFILTERTAGDETAILS
#undef PACMFILTERTAGDETAILS
#undef LPACMFILTERTAGDETAILS
#undef ACMFILTERDETAILS
#undef PACMFILTERDETAILS
#undef LPACMFILTERDETAILS
#define ACMDRIVERDETAILS ACMDRIVERDETAILSW
#define PACMDRIVERDETAILS PACMDRIVERDETAILSW
#define LPACMDRIVERDETAILS LPACMDRIVERDETAILSW
#define ACMFORMATTAGDETAILS ACMFORMATTAGDETAILSW
#define PACMFORMATTAGDETAILS PACMFORMATTAGDETAILSW
#define LPACMFORMATTAGDETAILS LPACMFORMATTAGDETAILSW
#define ACMFORMATDETAILS ACMFORMATDETAILSW
#define PACMFORMATDETAILS PACMFORMATDETAILSW
#define LPACMFORMATDETAILS LPACMFORMATDETAILSW
#define ACMFILTERTAGDETAILS ACMFILTERTAGDETAILSW
#define PACMFILTERTAGDETAILS PACMFILTERTAGDETAILSW
#define LPACMFILTERTAGDETAILS LPACMFILTERTAGDETAILSW
#define ACMFILTERDETAILS ACMFILTERDETAILSW
#define PACMFILTERDETAILS PACMFILTERDETAILSW
#define LPACMFILTERDETAILS LPACMFILTERDETAILSW

#pragma pack(push, 1)

/* ---- lParam2 of DRV_OPEN when the ACM opens a codec ----------------------------------------------------------------
 * A driver that refuses the open sets dwError (an MMSYSERR_* code) and returns 0. */
typedef struct tACMDRVOPENDESCA {
    DWORD cbStruct;        /* sizeof(ACMDRVOPENDESCA) */
    FOURCC fccType;        /* ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC ('audc') */
    FOURCC fccComp;        /* unused, 0 */
    DWORD dwVersion;       /* the version of the ACM opening the driver */
    DWORD dwFlags;
    DWORD dwError;         /* the driver's reason, when it refuses the open */
    LPCSTR pszSectionName; /* where the driver is registered (as DRVCONFIGINFO.lpszDCISectionName) */
    LPCSTR pszAliasName;   /* under which name (as DRVCONFIGINFO.lpszDCIAliasName) */
    DWORD dnDevNode;       /* plug-and-play device node, or 0 */
} ACMDRVOPENDESCA, *PACMDRVOPENDESCA, FAR *LPACMDRVOPENDESCA;

typedef struct tACMDRVOPENDESCW {
    DWORD cbStruct;
    FOURCC fccType;
    FOURCC fccComp;
    DWORD dwVersion;
    DWORD dwFlags;
    DWORD dwError;
    LPCWSTR pszSectionName;
    LPCWSTR pszAliasName;
    DWORD dnDevNode;
} ACMDRVOPENDESCW, *PACMDRVOPENDESCW, FAR *LPACMDRVOPENDESCW;

#define ACMDRVOPENDESC ACMDRVOPENDESCW
#define PACMDRVOPENDESC PACMDRVOPENDESCW
#define LPACMDRVOPENDESC LPACMDRVOPENDESCW

/* ---- One conversion stream, as the driver sees it (lParam1 of the ACMDM_STREAM_* messages) ------------------------ */
typedef struct tACMDRVSTREAMINSTANCE {
    DWORD cbStruct;
    LPWAVEFORMATEX pwfxSrc; /* the source format */
    LPWAVEFORMATEX pwfxDst; /* the destination format */
    LPWAVEFILTER pwfltr;    /* the filter, for a filter driver; else 0 */
    DWORD_PTR dwCallback;
    DWORD_PTR dwInstance;
    DWORD fdwOpen;   /* ACM_STREAMOPENF_* and CALLBACK_* */
    DWORD fdwDriver; /* the driver's own, kept from ACMDM_STREAM_OPEN to CLOSE */
    DWORD_PTR dwDriver; /* the driver's own: typically its per-stream state */
    HACMSTREAM has;
} ACMDRVSTREAMINSTANCE, *PACMDRVSTREAMINSTANCE, FAR *LPACMDRVSTREAMINSTANCE;

/* ---- One buffer pair to convert (lParam2 of ACMDM_STREAM_CONVERT, PREPARE and UNPREPARE) ---------------------------
 * The same memory as the application's ACMSTREAMHEADER: the fields after dwDstUser are its dwReservedDriver. */
typedef struct tACMDRVSTREAMHEADER FAR *LPACMDRVSTREAMHEADER;
typedef struct tACMDRVSTREAMHEADER {
    DWORD cbStruct;
    DWORD fdwStatus;
    DWORD_PTR dwUser;
    LPBYTE pbSrc;
    DWORD cbSrcLength;
    DWORD cbSrcLengthUsed; /* the driver sets it: source bytes consumed */
    DWORD_PTR dwSrcUser;
    LPBYTE pbDst;
    DWORD cbDstLength;
    DWORD cbDstLengthUsed; /* the driver sets it: destination bytes written */
    DWORD_PTR dwDstUser;

    DWORD fdwConvert;               /* ACM_STREAMCONVERTF_* of this call */
    LPACMDRVSTREAMHEADER padshNext; /* for a driver that queues headers (asynchronous) */
    DWORD fdwDriver;
    DWORD_PTR dwDriver;

    /* The ACM's bookkeeping: a driver must not rely on these. */
    DWORD fdwPrepared;
    DWORD_PTR dwPrepared;
    LPBYTE pbPreparedSrc;
    DWORD cbPreparedSrcLength;
    LPBYTE pbPreparedDst;
    DWORD cbPreparedDstLength;
} ACMDRVSTREAMHEADER, *PACMDRVSTREAMHEADER;

/* ---- lParam2 of ACMDM_STREAM_SIZE: fdwSize says which length is given and which the driver fills ------------------ */
typedef struct tACMDRVSTREAMSIZE {
    DWORD cbStruct;
    DWORD fdwSize; /* ACM_STREAMSIZEF_SOURCE or ACM_STREAMSIZEF_DESTINATION */
    DWORD cbSrcLength;
    DWORD cbDstLength;
} ACMDRVSTREAMSIZE, *PACMDRVSTREAMSIZE, FAR *LPACMDRVSTREAMSIZE;

/* ---- lParam1 of ACMDM_FORMAT_SUGGEST: complete pwfxDst for a conversion from pwfxSrc ------------------------------ */
typedef struct tACMDRVFORMATSUGGEST {
    DWORD cbStruct;
    DWORD fdwSuggest; /* ACM_FORMATSUGGESTF_*: the fields of pwfxDst the caller has already chosen */
    LPWAVEFORMATEX pwfxSrc;
    DWORD cbwfxSrc;
    LPWAVEFORMATEX pwfxDst;
    DWORD cbwfxDst; /* the room at pwfxDst */
} ACMDRVFORMATSUGGEST, *PACMDRVFORMATSUGGEST, FAR *LPACMDRVFORMATSUGGEST;

#pragma pack(pop)

/* ---- The messages (ACMDM_BASE, ACMDM_USER and ACMDM_DRIVER_ABOUT are in msacm.h) ---------------------------------- */
#define ACMDM_DRIVER_NOTIFY (ACMDM_BASE + 1)
#define ACMDM_DRIVER_DETAILS (ACMDM_BASE + 10)

#define ACMDM_HARDWARE_WAVE_CAPS_INPUT (ACMDM_BASE + 20)
#define ACMDM_HARDWARE_WAVE_CAPS_OUTPUT (ACMDM_BASE + 21)

#define ACMDM_FORMATTAG_DETAILS (ACMDM_BASE + 25)
#define ACMDM_FORMAT_DETAILS (ACMDM_BASE + 26)
#define ACMDM_FORMAT_SUGGEST (ACMDM_BASE + 27)

#define ACMDM_FILTERTAG_DETAILS (ACMDM_BASE + 50)
#define ACMDM_FILTER_DETAILS (ACMDM_BASE + 51)

#define ACMDM_STREAM_OPEN (ACMDM_BASE + 76)
#define ACMDM_STREAM_CLOSE (ACMDM_BASE + 77)
#define ACMDM_STREAM_SIZE (ACMDM_BASE + 78)
#define ACMDM_STREAM_CONVERT (ACMDM_BASE + 79)
#define ACMDM_STREAM_RESET (ACMDM_BASE + 80)
#define ACMDM_STREAM_PREPARE (ACMDM_BASE + 81)
#define ACMDM_STREAM_UNPREPARE (ACMDM_BASE + 82)
#define ACMDM_STREAM_UPDATE (ACMDM_BASE + 83)

/* The driver's header and the application's are one piece of memory: if these disagree, a driver writes past the
 * application's structure. Stop the build instead. */
#if defined(__cplusplus)
#define INSTALLABLE_DRIVERS_ACM_CHECK(condition, message) static_assert(condition, message)
#else
#define INSTALLABLE_DRIVERS_ACM_CHECK(condition, message) _Static_assert(condition, message)
#endif
INSTALLABLE_DRIVERS_ACM_CHECK(sizeof(ACMDRVSTREAMHEADER) == sizeof(ACMSTREAMHEADER),
                              "ACMDRVSTREAMHEADER must fill ACMSTREAMHEADER exactly");
INSTALLABLE_DRIVERS_ACM_CHECK(sizeof(WAVEFORMATEX) == 18, "WAVEFORMATEX is 18 bytes, packed");
#undef INSTALLABLE_DRIVERS_ACM_CHECK

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INSTALLABLE_DRIVERS_COMPAT_MSACMDRV_H */
