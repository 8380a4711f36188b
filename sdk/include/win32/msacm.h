/*
 * Stand-in for the Windows SDK's <msacm.h> off Windows: the Audio Compression Manager's public types, with the
 * Windows values and layouts, for codec drivers (with msacmdrv.h) and for programs. Add this folder to the include
 * path on Linux and macOS only (-I sdk/include/win32); on Windows the real header is used.
 *
 * Packing: like the Windows header, every structure here is packed to 1 byte. So on 64-bit a pointer may sit at an
 * offset that is not a multiple of 8 (ACMDRIVERDETAILS.hicon is at 36), and ACMSTREAMHEADER is 124 bytes (0x7C) on
 * 64-bit and 84 on 32-bit: its dwReservedDriver grows from 10 to 15 DWORDs on 64-bit so that msacmdrv.h's
 * ACMDRVSTREAMHEADER, the driver's view of the same memory, fits in it exactly.
 *
 * The acm* functions themselves are not declared: a codec driver does not call them, and the services are the
 * .NET library's (InstallableDrivers.Multimedia).
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_MSACM_H
#define INSTALLABLE_DRIVERS_COMPAT_MSACM_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "mmreg.h"

/* Windows' own guard: msacmdrv.h, and some codecs, test it. */
#ifndef _INC_ACM
#define _INC_ACM
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* What windows.h gives on Windows; repeated identically (C11 and C++ allow it) so this header stands alone. */
typedef struct HICON__ *HICON;

#ifndef ACMAPI
#define ACMAPI WINAPI
#endif

/* ---- Handles --------------------------------------------------------------------------------------------------
 * HACMDRIVERID names an installed driver, HACMDRIVER an open one, HACMSTREAM a conversion stream; HACMOBJ is any of
 * them, for the functions that take more than one kind. */
typedef struct HACMDRIVERID__ *HACMDRIVERID;
typedef HACMDRIVERID *PHACMDRIVERID, FAR *LPHACMDRIVERID;
typedef struct HACMDRIVER__ *HACMDRIVER;
typedef HACMDRIVER *PHACMDRIVER, FAR *LPHACMDRIVER;
typedef struct HACMSTREAM__ *HACMSTREAM;
typedef HACMSTREAM *PHACMSTREAM, FAR *LPHACMSTREAM;
typedef struct HACMOBJ__ *HACMOBJ;
typedef HACMOBJ *PHACMOBJ, FAR *LPHACMOBJ;

/* ---- Results: the ACM's own, after the MMSYSERR_* ones --------------------------------------------------------- */
#define ACMERR_BASE 512
#define ACMERR_NOTPOSSIBLE (ACMERR_BASE + 0) /* the driver cannot do this conversion or answer this query */
#define ACMERR_BUSY (ACMERR_BASE + 1)
#define ACMERR_UNPREPARED (ACMERR_BASE + 2) /* a stream header was not prepared */
#define ACMERR_CANCELED (ACMERR_BASE + 3)

/* ---- Callback messages of a stream opened with CALLBACK_WINDOW/FUNCTION/EVENT ----------------------------------- */
#define MM_ACM_OPEN MM_STREAM_OPEN
#define MM_ACM_CLOSE MM_STREAM_CLOSE
#define MM_ACM_DONE MM_STREAM_DONE

/* ---- acmMetrics ------------------------------------------------------------------------------------------------- */
#define ACM_METRIC_COUNT_DRIVERS 1
#define ACM_METRIC_COUNT_CODECS 2
#define ACM_METRIC_COUNT_CONVERTERS 3
#define ACM_METRIC_COUNT_FILTERS 4
#define ACM_METRIC_COUNT_DISABLED 5
#define ACM_METRIC_COUNT_HARDWARE 6
#define ACM_METRIC_COUNT_LOCAL_DRIVERS 20
#define ACM_METRIC_COUNT_LOCAL_CODECS 21
#define ACM_METRIC_COUNT_LOCAL_CONVERTERS 22
#define ACM_METRIC_COUNT_LOCAL_FILTERS 23
#define ACM_METRIC_COUNT_LOCAL_DISABLED 24
#define ACM_METRIC_HARDWARE_WAVE_INPUT 30
#define ACM_METRIC_HARDWARE_WAVE_OUTPUT 31
#define ACM_METRIC_MAX_SIZE_FORMAT 50
#define ACM_METRIC_MAX_SIZE_FILTER 51
#define ACM_METRIC_DRIVER_SUPPORT 100
#define ACM_METRIC_DRIVER_PRIORITY 101

/* ---- Drivers: enumerating, adding, prioritising ------------------------------------------------------------------ */
#define ACM_DRIVERENUMF_NOLOCAL 0x40000000L
#define ACM_DRIVERENUMF_DISABLED 0x80000000L

#define ACM_DRIVERADDF_NAME 0x00000001L       /* lParam names a registry value */
#define ACM_DRIVERADDF_FUNCTION 0x00000003L   /* lParam is an ACMDRIVERPROC */
#define ACM_DRIVERADDF_NOTIFYHWND 0x00000004L /* lParam is a window to notify */
#define ACM_DRIVERADDF_TYPEMASK 0x00000007L
#define ACM_DRIVERADDF_LOCAL 0x00000000L  /* for this process only */
#define ACM_DRIVERADDF_GLOBAL 0x00000008L /* for every process */

#define ACM_DRIVERPRIORITYF_ENABLE 0x00000001L
#define ACM_DRIVERPRIORITYF_DISABLE 0x00000002L
#define ACM_DRIVERPRIORITYF_ABLEMASK 0x00000003L
#define ACM_DRIVERPRIORITYF_BEGIN 0x00010000L
#define ACM_DRIVERPRIORITYF_END 0x00020000L
#define ACM_DRIVERPRIORITYF_DEFERMASK 0x00030000L

/* A driver added with ACM_DRIVERADDF_FUNCTION: a DriverProc, handed the driver id instead of an HDRVR. */
typedef LRESULT(CALLBACK *ACMDRIVERPROC)(DWORD_PTR, HACMDRIVERID, UINT, LPARAM, LPARAM);
typedef ACMDRIVERPROC FAR *LPACMDRIVERPROC;

typedef BOOL(CALLBACK *ACMDRIVERENUMCB)(HACMDRIVERID hadid, DWORD_PTR dwInstance, DWORD fdwSupport);

/* ---- Driver messages that programs may send too (the rest are in msacmdrv.h) ------------------------------------ */
#define ACMDM_USER (DRV_USER + 0x0000)          /* a driver's private messages start here */
#define ACMDM_RESERVED_LOW (DRV_USER + 0x2000)  /* the ACM's own range... */
#define ACMDM_RESERVED_HIGH (DRV_USER + 0x2FFF) /* ...ends here */
#define ACMDM_BASE ACMDM_RESERVED_LOW
#define ACMDM_DRIVER_ABOUT (ACMDM_BASE + 11)

#pragma pack(push, 1)

/* ---- ACMDRIVERDETAILS: what ACMDM_DRIVER_DETAILS fills in ---------------------------------------------------------
 * A (char) and W (WCHAR) forms; a driver always gets the W form. */
#define ACMDRIVERDETAILS_SHORTNAME_CHARS 32
#define ACMDRIVERDETAILS_LONGNAME_CHARS 128
#define ACMDRIVERDETAILS_COPYRIGHT_CHARS 80
#define ACMDRIVERDETAILS_LICENSING_CHARS 128
#define ACMDRIVERDETAILS_FEATURES_CHARS 512

typedef struct tACMDRIVERDETAILSA {
    DWORD cbStruct; /* bytes of the structure the caller has: fill no more than that */
    FOURCC fccType; /* ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC */
    FOURCC fccComp; /* ACMDRIVERDETAILS_FCCCOMP_UNDEFINED */
    WORD wMid;      /* manufacturer id */
    WORD wPid;      /* product id */
    DWORD vdwACM;   /* the ACM version the driver was written for (MAKE_ACM_VERSION) */
    DWORD vdwDriver;
    DWORD fdwSupport; /* ACMDRIVERDETAILS_SUPPORTF_* */
    DWORD cFormatTags;
    DWORD cFilterTags;
    HICON hicon;
    CHAR szShortName[ACMDRIVERDETAILS_SHORTNAME_CHARS];
    CHAR szLongName[ACMDRIVERDETAILS_LONGNAME_CHARS];
    CHAR szCopyright[ACMDRIVERDETAILS_COPYRIGHT_CHARS];
    CHAR szLicensing[ACMDRIVERDETAILS_LICENSING_CHARS];
    CHAR szFeatures[ACMDRIVERDETAILS_FEATURES_CHARS];
} ACMDRIVERDETAILSA, *PACMDRIVERDETAILSA, FAR *LPACMDRIVERDETAILSA;

typedef struct tACMDRIVERDETAILSW {
    DWORD cbStruct;
    FOURCC fccType;
    FOURCC fccComp;
    WORD wMid;
    WORD wPid;
    DWORD vdwACM;
    DWORD vdwDriver;
    DWORD fdwSupport;
    DWORD cFormatTags;
    DWORD cFilterTags;
    HICON hicon;
    WCHAR szShortName[ACMDRIVERDETAILS_SHORTNAME_CHARS];
    WCHAR szLongName[ACMDRIVERDETAILS_LONGNAME_CHARS];
    WCHAR szCopyright[ACMDRIVERDETAILS_COPYRIGHT_CHARS];
    WCHAR szLicensing[ACMDRIVERDETAILS_LICENSING_CHARS];
    WCHAR szFeatures[ACMDRIVERDETAILS_FEATURES_CHARS];
} ACMDRIVERDETAILSW, *PACMDRIVERDETAILSW, FAR *LPACMDRIVERDETAILSW;

#define ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC mmioFOURCC('a', 'u', 'd', 'c')
#define ACMDRIVERDETAILS_FCCCOMP_UNDEFINED mmioFOURCC('\0', '\0', '\0', '\0')

#define ACMDRIVERDETAILS_SUPPORTF_CODEC 0x00000001L     /* converts one format tag to another */
#define ACMDRIVERDETAILS_SUPPORTF_CONVERTER 0x00000002L /* converts within one format tag */
#define ACMDRIVERDETAILS_SUPPORTF_FILTER 0x00000004L    /* changes data without changing its format */
#define ACMDRIVERDETAILS_SUPPORTF_HARDWARE 0x00000008L
#define ACMDRIVERDETAILS_SUPPORTF_ASYNC 0x00000010L
#define ACMDRIVERDETAILS_SUPPORTF_LOCAL 0x40000000L    /* set by the ACM, not the driver */
#define ACMDRIVERDETAILS_SUPPORTF_DISABLED 0x80000000L /* set by the ACM, not the driver */

/* ---- ACMFORMATTAGDETAILS: ACMDM_FORMATTAG_DETAILS ---------------------------------------------------------------- */
#define ACMFORMATTAGDETAILS_FORMATTAG_CHARS 48

typedef struct tACMFORMATTAGDETAILSA {
    DWORD cbStruct;
    DWORD dwFormatTagIndex; /* 0 .. cFormatTags - 1 */
    DWORD dwFormatTag;      /* WAVE_FORMAT_* */
    DWORD cbFormatSize;     /* the largest format of this tag, in bytes */
    DWORD fdwSupport;       /* ACMDRIVERDETAILS_SUPPORTF_* this tag takes part in */
    DWORD cStandardFormats; /* how many ACMDM_FORMAT_DETAILS indices this tag has */
    CHAR szFormatTag[ACMFORMATTAGDETAILS_FORMATTAG_CHARS];
} ACMFORMATTAGDETAILSA, *PACMFORMATTAGDETAILSA, FAR *LPACMFORMATTAGDETAILSA;

typedef struct tACMFORMATTAGDETAILSW {
    DWORD cbStruct;
    DWORD dwFormatTagIndex;
    DWORD dwFormatTag;
    DWORD cbFormatSize;
    DWORD fdwSupport;
    DWORD cStandardFormats;
    WCHAR szFormatTag[ACMFORMATTAGDETAILS_FORMATTAG_CHARS];
} ACMFORMATTAGDETAILSW, *PACMFORMATTAGDETAILSW, FAR *LPACMFORMATTAGDETAILSW;

#define ACM_FORMATTAGDETAILSF_INDEX 0x00000000L       /* by dwFormatTagIndex */
#define ACM_FORMATTAGDETAILSF_FORMATTAG 0x00000001L   /* by dwFormatTag */
#define ACM_FORMATTAGDETAILSF_LARGESTSIZE 0x00000002L /* the tag with the largest format (or dwFormatTag's) */
#define ACM_FORMATTAGDETAILSF_QUERYMASK 0x0000000FL

/* ---- ACMFORMATDETAILS: ACMDM_FORMAT_DETAILS ---------------------------------------------------------------------- */
#define ACMFORMATDETAILS_FORMAT_CHARS 128

typedef struct tACMFORMATDETAILSA {
    DWORD cbStruct;
    DWORD dwFormatIndex; /* 0 .. cStandardFormats - 1 of dwFormatTag */
    DWORD dwFormatTag;
    DWORD fdwSupport;
    LPWAVEFORMATEX pwfx; /* the caller's buffer: filled (INDEX) or described (FORMAT) */
    DWORD cbwfx;         /* its size in bytes */
    CHAR szFormat[ACMFORMATDETAILS_FORMAT_CHARS];
} ACMFORMATDETAILSA, *PACMFORMATDETAILSA, FAR *LPACMFORMATDETAILSA;

typedef struct tACMFORMATDETAILSW {
    DWORD cbStruct;
    DWORD dwFormatIndex;
    DWORD dwFormatTag;
    DWORD fdwSupport;
    LPWAVEFORMATEX pwfx;
    DWORD cbwfx;
    WCHAR szFormat[ACMFORMATDETAILS_FORMAT_CHARS];
} ACMFORMATDETAILSW, *PACMFORMATDETAILSW, FAR *LPACMFORMATDETAILSW;

#define ACM_FORMATDETAILSF_INDEX 0x00000000L  /* fill pwfx with format dwFormatIndex of dwFormatTag */
#define ACM_FORMATDETAILSF_FORMAT 0x00000001L /* describe the format in pwfx (szFormat) */
#define ACM_FORMATDETAILSF_QUERYMASK 0x0000000FL

#define ACM_FORMATENUMF_WFORMATTAG 0x00010000L
#define ACM_FORMATENUMF_NCHANNELS 0x00020000L
#define ACM_FORMATENUMF_NSAMPLESPERSEC 0x00040000L
#define ACM_FORMATENUMF_WBITSPERSAMPLE 0x00080000L
#define ACM_FORMATENUMF_CONVERT 0x00100000L
#define ACM_FORMATENUMF_SUGGEST 0x00200000L
#define ACM_FORMATENUMF_HARDWARE 0x00400000L
#define ACM_FORMATENUMF_INPUT 0x00800000L
#define ACM_FORMATENUMF_OUTPUT 0x01000000L

/* ---- acmFormatSuggest / ACMDM_FORMAT_SUGGEST: which fields of the destination the caller fixed -------------------- */
#define ACM_FORMATSUGGESTF_WFORMATTAG 0x00010000L
#define ACM_FORMATSUGGESTF_NCHANNELS 0x00020000L
#define ACM_FORMATSUGGESTF_NSAMPLESPERSEC 0x00040000L
#define ACM_FORMATSUGGESTF_WBITSPERSAMPLE 0x00080000L
#define ACM_FORMATSUGGESTF_TYPEMASK 0x00FF0000L

/* ---- ACMFILTERTAGDETAILS and ACMFILTERDETAILS: ACMDM_FILTERTAG_DETAILS and ACMDM_FILTER_DETAILS ---------------- */
#define ACMFILTERTAGDETAILS_FILTERTAG_CHARS 48

typedef struct tACMFILTERTAGDETAILSA {
    DWORD cbStruct;
    DWORD dwFilterTagIndex;
    DWORD dwFilterTag;
    DWORD cbFilterSize;
    DWORD fdwSupport;
    DWORD cStandardFilters;
    CHAR szFilterTag[ACMFILTERTAGDETAILS_FILTERTAG_CHARS];
} ACMFILTERTAGDETAILSA, *PACMFILTERTAGDETAILSA, FAR *LPACMFILTERTAGDETAILSA;

typedef struct tACMFILTERTAGDETAILSW {
    DWORD cbStruct;
    DWORD dwFilterTagIndex;
    DWORD dwFilterTag;
    DWORD cbFilterSize;
    DWORD fdwSupport;
    DWORD cStandardFilters;
    WCHAR szFilterTag[ACMFILTERTAGDETAILS_FILTERTAG_CHARS];
} ACMFILTERTAGDETAILSW, *PACMFILTERTAGDETAILSW, FAR *LPACMFILTERTAGDETAILSW;

#define ACM_FILTERTAGDETAILSF_INDEX 0x00000000L
#define ACM_FILTERTAGDETAILSF_FILTERTAG 0x00000001L
#define ACM_FILTERTAGDETAILSF_LARGESTSIZE 0x00000002L
#define ACM_FILTERTAGDETAILSF_QUERYMASK 0x0000000FL

#define ACMFILTERDETAILS_FILTER_CHARS 128

typedef struct tACMFILTERDETAILSA {
    DWORD cbStruct;
    DWORD dwFilterIndex;
    DWORD dwFilterTag;
    DWORD fdwSupport;
    LPWAVEFILTER pwfltr;
    DWORD cbwfltr;
    CHAR szFilter[ACMFILTERDETAILS_FILTER_CHARS];
} ACMFILTERDETAILSA, *PACMFILTERDETAILSA, FAR *LPACMFILTERDETAILSA;

typedef struct tACMFILTERDETAILSW {
    DWORD cbStruct;
    DWORD dwFilterIndex;
    DWORD dwFilterTag;
    DWORD fdwSupport;
    LPWAVEFILTER pwfltr;
    DWORD cbwfltr;
    WCHAR szFilter[ACMFILTERDETAILS_FILTER_CHARS];
} ACMFILTERDETAILSW, *PACMFILTERDETAILSW, FAR *LPACMFILTERDETAILSW;

#define ACM_FILTERDETAILSF_INDEX 0x00000000L
#define ACM_FILTERDETAILSF_FILTER 0x00000001L
#define ACM_FILTERDETAILSF_QUERYMASK 0x0000000FL

#define ACM_FILTERENUMF_DWFILTERTAG 0x00010000L

/* The undecorated names: the W forms under _UNICODE, the A forms otherwise, as on Windows. msacmdrv.h makes them the
 * W forms whatever _UNICODE says, because a driver always receives W structures. */
#ifdef _UNICODE
#define INSTALLABLE_DRIVERS_ACM_CHARSET(name) name##W
#else
#define INSTALLABLE_DRIVERS_ACM_CHARSET(name) name##A
#endif
#define ACMDRIVERDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(ACMDRIVERDETAILS)
#define PACMDRIVERDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(PACMDRIVERDETAILS)
#define LPACMDRIVERDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(LPACMDRIVERDETAILS)
#define ACMFORMATTAGDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(ACMFORMATTAGDETAILS)
#define PACMFORMATTAGDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(PACMFORMATTAGDETAILS)
#define LPACMFORMATTAGDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(LPACMFORMATTAGDETAILS)
#define ACMFORMATDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(ACMFORMATDETAILS)
#define PACMFORMATDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(PACMFORMATDETAILS)
#define LPACMFORMATDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(LPACMFORMATDETAILS)
#define ACMFILTERTAGDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(ACMFILTERTAGDETAILS)
#define PACMFILTERTAGDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(PACMFILTERTAGDETAILS)
#define LPACMFILTERTAGDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(LPACMFILTERTAGDETAILS)
#define ACMFILTERDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(ACMFILTERDETAILS)
#define PACMFILTERDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(PACMFILTERDETAILS)
#define LPACMFILTERDETAILS INSTALLABLE_DRIVERS_ACM_CHARSET(LPACMFILTERDETAILS)

/* ---- Streams -----------------------------------------------------------------------------------------------------
 * ACMSTREAMHEADER describes one buffer pair of a conversion; the driver sees it as msacmdrv.h's ACMDRVSTREAMHEADER,
 * whose extra fields live in dwReservedDriver. */
#if UINTPTR_MAX > 0xFFFFFFFFu
#define _DRVRESERVED 15
#else
#define _DRVRESERVED 10
#endif

typedef struct tACMSTREAMHEADER {
    DWORD cbStruct;  /* sizeof(ACMSTREAMHEADER) */
    DWORD fdwStatus; /* ACMSTREAMHEADER_STATUSF_* */
    DWORD_PTR dwUser;
    LPBYTE pbSrc;
    DWORD cbSrcLength;
    DWORD cbSrcLengthUsed; /* set by the conversion: source bytes consumed */
    DWORD_PTR dwSrcUser;
    LPBYTE pbDst;
    DWORD cbDstLength;
    DWORD cbDstLengthUsed; /* set by the conversion: destination bytes written */
    DWORD_PTR dwDstUser;
    DWORD dwReservedDriver[_DRVRESERVED];
} ACMSTREAMHEADER, *PACMSTREAMHEADER, FAR *LPACMSTREAMHEADER;

#define ACMSTREAMHEADER_STATUSF_DONE 0x00010000L     /* the conversion of this header has finished */
#define ACMSTREAMHEADER_STATUSF_PREPARED 0x00020000L /* acmStreamPrepareHeader has been called */
#define ACMSTREAMHEADER_STATUSF_INQUEUE 0x00100000L  /* queued for an asynchronous conversion */

#define ACM_STREAMOPENF_QUERY 0x00000001       /* only ask whether the conversion is possible */
#define ACM_STREAMOPENF_ASYNC 0x00000002       /* convert in the background and call back */
#define ACM_STREAMOPENF_NONREALTIME 0x00000004 /* time does not matter: use the best algorithm */

#define ACM_STREAMSIZEF_SOURCE 0x00000000L      /* given source bytes, how many destination bytes at most */
#define ACM_STREAMSIZEF_DESTINATION 0x00000001L /* given destination bytes, how many source bytes at most */
#define ACM_STREAMSIZEF_QUERYMASK 0x0000000FL

#define ACM_STREAMCONVERTF_BLOCKALIGN 0x00000004 /* convert whole source blocks only; keep the rest */
#define ACM_STREAMCONVERTF_START 0x00000010      /* the first buffer of a stream: reset the codec's history */
#define ACM_STREAMCONVERTF_END 0x00000020        /* the last: flush what the codec holds */

#pragma pack(pop)

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INSTALLABLE_DRIVERS_COMPAT_MSACM_H */
