/*
 * Stand-in for the Windows SDK's <mmreg.h> off Windows, so that a codec's source compiles unchanged: add this folder
 * to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header is
 * found.
 *
 * What it holds, with the Windows values and layouts: the registered WAVE_FORMAT_* tags of the codecs this project
 * knows, the WAVEFORMATEX family (WAVEFORMATEX itself, and the format blocks of MS ADPCM, IMA ADPCM, GSM 6.10 and
 * MPEG layer 3 that extend it), WAVEFORMATEXTENSIBLE and WAVEFILTER. Like the Windows header it packs every
 * structure to 1 byte, so a format block is the same bytes in a .wav file, in memory and on every platform.
 *
 * Needs C11 or C++11: a few typedefs that windows.h and mmsystem.h own on Windows are repeated here, identically,
 * so this header stands alone whatever the other stand-ins provide; C99 forbids repeating a typedef.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_MMREG_H
#define INSTALLABLE_DRIVERS_COMPAT_MMREG_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "mmsystem.h"

/* The version msacm.h asks for: Windows' msacm.h refuses an mmreg.h older than 142. */
#ifndef _INC_MMREG
#define _INC_MMREG 158
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- What windows.h and mmsystem.h give on Windows, and the stand-ins may not (yet) -------------------------- */
typedef char CHAR;
typedef short SHORT;
typedef CHAR *LPSTR;
typedef const CHAR *LPCSTR;
typedef BYTE *LPBYTE;
typedef WORD *LPWORD;
typedef DWORD *LPDWORD;
typedef DWORD FOURCC; /* four characters, the first in the low byte: 'audc' is 0x63647561 */

#ifndef _MMRESULT_
#define _MMRESULT_
typedef UINT MMRESULT; /* what every multimedia function and driver message answers: MMSYSERR_*, or a range's own */
#endif

#ifndef mmioFOURCC
#define mmioFOURCC(ch0, ch1, ch2, ch3)                                                                                \
    ((DWORD)(BYTE)(ch0) | ((DWORD)(BYTE)(ch1) << 8) | ((DWORD)(BYTE)(ch2) << 16) | ((DWORD)(BYTE)(ch3) << 24))
#endif
#ifndef MAKEFOURCC
#define MAKEFOURCC(ch0, ch1, ch2, ch3) mmioFOURCC(ch0, ch1, ch2, ch3)
#endif

/* The general results (mmsystem.h): a codec answers these, or the ACMERR_* of msacm.h. */
#ifndef MMSYSERR_BASE
#define MMSYSERR_BASE 0
#endif
#ifndef MMSYSERR_NOERROR
#define MMSYSERR_NOERROR 0
#endif
#ifndef MMSYSERR_ERROR
#define MMSYSERR_ERROR (MMSYSERR_BASE + 1)
#endif
#ifndef MMSYSERR_BADDEVICEID
#define MMSYSERR_BADDEVICEID (MMSYSERR_BASE + 2)
#endif
#ifndef MMSYSERR_NOTENABLED
#define MMSYSERR_NOTENABLED (MMSYSERR_BASE + 3)
#endif
#ifndef MMSYSERR_ALLOCATED
#define MMSYSERR_ALLOCATED (MMSYSERR_BASE + 4)
#endif
#ifndef MMSYSERR_INVALHANDLE
#define MMSYSERR_INVALHANDLE (MMSYSERR_BASE + 5)
#endif
#ifndef MMSYSERR_NODRIVER
#define MMSYSERR_NODRIVER (MMSYSERR_BASE + 6)
#endif
#ifndef MMSYSERR_NOMEM
#define MMSYSERR_NOMEM (MMSYSERR_BASE + 7)
#endif
#ifndef MMSYSERR_NOTSUPPORTED
#define MMSYSERR_NOTSUPPORTED (MMSYSERR_BASE + 8)
#endif
#ifndef MMSYSERR_BADERRNUM
#define MMSYSERR_BADERRNUM (MMSYSERR_BASE + 9)
#endif
#ifndef MMSYSERR_INVALFLAG
#define MMSYSERR_INVALFLAG (MMSYSERR_BASE + 10)
#endif
#ifndef MMSYSERR_INVALPARAM
#define MMSYSERR_INVALPARAM (MMSYSERR_BASE + 11)
#endif
#ifndef MMSYSERR_HANDLEBUSY
#define MMSYSERR_HANDLEBUSY (MMSYSERR_BASE + 12)
#endif
#ifndef MMSYSERR_INVALIDALIAS
#define MMSYSERR_INVALIDALIAS (MMSYSERR_BASE + 13)
#endif
#ifndef MMSYSERR_BADDB
#define MMSYSERR_BADDB (MMSYSERR_BASE + 14)
#endif
#ifndef MMSYSERR_KEYNOTFOUND
#define MMSYSERR_KEYNOTFOUND (MMSYSERR_BASE + 15)
#endif
#ifndef MMSYSERR_READERROR
#define MMSYSERR_READERROR (MMSYSERR_BASE + 16)
#endif
#ifndef MMSYSERR_WRITEERROR
#define MMSYSERR_WRITEERROR (MMSYSERR_BASE + 17)
#endif
#ifndef MMSYSERR_DELETEERROR
#define MMSYSERR_DELETEERROR (MMSYSERR_BASE + 18)
#endif
#ifndef MMSYSERR_VALNOTFOUND
#define MMSYSERR_VALNOTFOUND (MMSYSERR_BASE + 19)
#endif
#ifndef MMSYSERR_NODRIVERCB
#define MMSYSERR_NODRIVERCB (MMSYSERR_BASE + 20)
#endif
#ifndef MMSYSERR_MOREDATA
#define MMSYSERR_MOREDATA (MMSYSERR_BASE + 21)
#endif
#ifndef MMSYSERR_LASTERROR
#define MMSYSERR_LASTERROR (MMSYSERR_BASE + 21)
#endif

/* The stream callback messages (mmsystem.h); msacm.h names them MM_ACM_OPEN, MM_ACM_CLOSE and MM_ACM_DONE. */
#ifndef MM_STREAM_OPEN
#define MM_STREAM_OPEN 0x3D4
#endif
#ifndef MM_STREAM_CLOSE
#define MM_STREAM_CLOSE 0x3D5
#endif
#ifndef MM_STREAM_DONE
#define MM_STREAM_DONE 0x3D6
#endif
#ifndef MM_STREAM_ERROR
#define MM_STREAM_ERROR 0x3D7
#endif

/* ---- Manufacturer and product ids (ACMDRIVERDETAILS.wMid/wPid) -------------------------------------------------
 * A driver that has no registered id says so with the "unmapped" ids rather than borrow someone else's. */
#ifndef MM_MICROSOFT
#define MM_MICROSOFT 1
#endif
#ifndef MM_UNMAPPED
#define MM_UNMAPPED 0xFFFF
#endif
#ifndef MM_PID_UNMAPPED
#define MM_PID_UNMAPPED MM_UNMAPPED
#endif
#define MM_MSFT_ACM_MSADPCM 33
#define MM_MSFT_ACM_IMAADPCM 34
#define MM_MSFT_ACM_MSFILTER 35
#define MM_MSFT_ACM_GSM610 36
#define MM_MSFT_ACM_G711 37
#define MM_MSFT_ACM_PCM 38

/* ---- Format tags (WAVEFORMATEX.wFormatTag), as registered with Microsoft ---------------------------------------- */
#define WAVE_FORMAT_UNKNOWN 0x0000
#ifndef WAVE_FORMAT_PCM
#define WAVE_FORMAT_PCM 0x0001 /* mmsystem.h's */
#endif
#define WAVE_FORMAT_ADPCM 0x0002      /* Microsoft ADPCM */
#define WAVE_FORMAT_IEEE_FLOAT 0x0003 /* 32- or 64-bit float PCM */
#define WAVE_FORMAT_ALAW 0x0006       /* ITU-T G.711 A-law */
#define WAVE_FORMAT_MULAW 0x0007      /* ITU-T G.711 mu-law */
#define WAVE_FORMAT_DVI_ADPCM 0x0011  /* the IMA/DVI ADPCM algorithm... */
#define WAVE_FORMAT_IMA_ADPCM WAVE_FORMAT_DVI_ADPCM /* ...under both its names */
#define WAVE_FORMAT_GSM610 0x0031     /* ETSI GSM 06.10 full rate */
#define WAVE_FORMAT_MPEG 0x0050       /* MPEG-1 layer 1 and 2 */
#define WAVE_FORMAT_MPEGLAYER3 0x0055 /* MPEG-1 layer 3 */
#define WAVE_FORMAT_EXTENSIBLE 0xFFFE /* WAVEFORMATEXTENSIBLE: the real format is its SubFormat GUID */
#define WAVE_FORMAT_DEVELOPMENT 0xFFFF /* for a codec in development, before a tag is registered */

/* Filter tags (WAVEFILTER.dwFilterTag). */
#define WAVE_FILTER_UNKNOWN 0x0000
#define WAVE_FILTER_DEVELOPMENT 0xFFFF

#pragma pack(push, 1)

/* ---- WAVEFORMATEX -----------------------------------------------------------------------------------------------
 * Defined by whichever of mmsystem.h and mmreg.h comes first, under the guard both Windows headers use. 18 bytes,
 * then cbSize bytes that belong to the format (the structures below are those bytes, spelled out). */
#ifndef _WAVEFORMATEX_
#define _WAVEFORMATEX_
typedef struct tWAVEFORMATEX {
    WORD wFormatTag;      /* WAVE_FORMAT_* */
    WORD nChannels;       /* 1 mono, 2 stereo, ... */
    DWORD nSamplesPerSec; /* sample frames per second */
    DWORD nAvgBytesPerSec;
    WORD nBlockAlign;    /* the smallest unit of data: one frame for PCM, one compressed block for ADPCM */
    WORD wBitsPerSample; /* bits per sample of one channel (4 for the ADPCMs; 0 where it means nothing) */
    WORD cbSize;         /* bytes of format-specific data that follow */
} WAVEFORMATEX, *PWAVEFORMATEX, NEAR *NPWAVEFORMATEX, FAR *LPWAVEFORMATEX;
#endif
typedef const WAVEFORMATEX FAR *LPCWAVEFORMATEX;

/* ---- Microsoft ADPCM (WAVE_FORMAT_ADPCM) -------------------------------------------------------------------------
 * cbSize = 4 + 4 * wNumCoef: the standard format lists the seven predictor pairs, so cbSize is 32 and the whole
 * format 50 bytes. aCoef is a flexible array, as in the Windows SDK built by its own compiler, so sizeof is 22 and
 * the usual "sizeof(ADPCMWAVEFORMAT) + n * sizeof(ADPCMCOEFSET)" is the format's size. */
#if defined(__GNUC__) || defined(__clang__)
#define INSTALLABLE_DRIVERS_FLEXIBLE __extension__ /* C++ has no flexible arrays; GCC and Clang take one quietly */
#else
#define INSTALLABLE_DRIVERS_FLEXIBLE
#endif

typedef struct adpcmcoef_tag {
    SHORT iCoef1; /* weight of the previous sample, scaled by 256 */
    SHORT iCoef2; /* weight of the one before it, scaled by 256 */
} ADPCMCOEFSET, *PADPCMCOEFSET, NEAR *NPADPCMCOEFSET, FAR *LPADPCMCOEFSET;

typedef struct adpcmwaveformat_tag {
    WAVEFORMATEX wfx;
    WORD wSamplesPerBlock; /* sample frames one block decodes to */
    WORD wNumCoef;         /* predictor pairs in aCoef (7 for the standard set) */
    INSTALLABLE_DRIVERS_FLEXIBLE ADPCMCOEFSET aCoef[];
} ADPCMWAVEFORMAT, *PADPCMWAVEFORMAT, NEAR *NPADPCMWAVEFORMAT, FAR *LPADPCMWAVEFORMAT;

#undef INSTALLABLE_DRIVERS_FLEXIBLE

/* ---- IMA ADPCM (WAVE_FORMAT_IMA_ADPCM) -------------------------------------------------------------------------
 * cbSize = 2. A block holds, per channel, a 4-byte header (first sample, step index), then 4-bit codes in groups of
 * 4 bytes per channel: wSamplesPerBlock = (nBlockAlign - 4 * nChannels) * 8 / (4 * nChannels) + 1. */
typedef struct ima_adpcmwaveformat_tag {
    WAVEFORMATEX wfx;
    WORD wSamplesPerBlock;
} IMAADPCMWAVEFORMAT, *PIMAADPCMWAVEFORMAT, NEAR *NPIMAADPCMWAVEFORMAT, FAR *LPIMAADPCMWAVEFORMAT;

/* The same format under the tag's other name. */
typedef struct dvi_adpcmwaveformat_tag {
    WAVEFORMATEX wfx;
    WORD wSamplesPerBlock;
} DVIADPCMWAVEFORMAT, *PDVIADPCMWAVEFORMAT, NEAR *NPDVIADPCMWAVEFORMAT, FAR *LPDVIADPCMWAVEFORMAT;

/* ---- GSM 6.10 (WAVE_FORMAT_GSM610) -------------------------------------------------------------------------------
 * cbSize = 2. Microsoft's layout packs two 260-bit GSM frames into 65 bytes: nBlockAlign 65, 320 samples a block. */
typedef struct gsm610waveformat_tag {
    WAVEFORMATEX wfx;
    WORD wSamplesPerBlock;
} GSM610WAVEFORMAT, *PGSM610WAVEFORMAT, NEAR *NPGSM610WAVEFORMAT, FAR *LPGSM610WAVEFORMAT;

/* ---- MPEG layer 3 (WAVE_FORMAT_MPEGLAYER3) ------------------------------------------------------------------------
 * cbSize = MPEGLAYER3_WFX_EXTRA_BYTES. */
#define MPEGLAYER3_WFX_EXTRA_BYTES 12

#define MPEGLAYER3_ID_UNKNOWN 0
#define MPEGLAYER3_ID_MPEG 1
#define MPEGLAYER3_ID_CONSTANTFRAMESIZE 2

#define MPEGLAYER3_FLAG_PADDING_ISO 0x00000000
#define MPEGLAYER3_FLAG_PADDING_ON 0x00000001
#define MPEGLAYER3_FLAG_PADDING_OFF 0x00000002

typedef struct mpeglayer3waveformat_tag {
    WAVEFORMATEX wfx;
    WORD wID;        /* MPEGLAYER3_ID_* */
    DWORD fdwFlags;  /* MPEGLAYER3_FLAG_PADDING_* */
    WORD nBlockSize; /* bytes of one block (a frame, or several) */
    WORD nFramesPerBlock;
    WORD nCodecDelay; /* samples the decoder delays its output by */
} MPEGLAYER3WAVEFORMAT, *PMPEGLAYER3WAVEFORMAT, NEAR *NPMPEGLAYER3WAVEFORMAT, FAR *LPMPEGLAYER3WAVEFORMAT;

/* ---- WAVEFORMATEXTENSIBLE (WAVE_FORMAT_EXTENSIBLE) -------------------------------------------------------------
 * cbSize = 22. The GUID is guarded as guiddef.h guards it. */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    DWORD Data1;
    WORD Data2;
    WORD Data3;
    BYTE Data4[8];
} GUID;
#endif

typedef struct {
    WAVEFORMATEX Format;
    union {
        WORD wValidBitsPerSample; /* bits of precision in a container of wBitsPerSample */
        WORD wSamplesPerBlock;    /* for a compressed SubFormat */
        WORD wReserved;
    } Samples;
    DWORD dwChannelMask; /* SPEAKER_* bits: which speaker each channel feeds */
    GUID SubFormat;      /* KSDATAFORMAT_SUBTYPE_*: the tag's GUID form */
} WAVEFORMATEXTENSIBLE, *PWAVEFORMATEXTENSIBLE;

/* ---- WAVEFILTER: what an ACM filter driver is asked to apply ------------------------------------------------------ */
typedef struct wavefilter_tag {
    DWORD cbStruct;    /* sizeof the whole filter, with its own data */
    DWORD dwFilterTag; /* WAVE_FILTER_* */
    DWORD fdwFilter;
    DWORD dwReserved[5];
} WAVEFILTER, *PWAVEFILTER, NEAR *NPWAVEFILTER, FAR *LPWAVEFILTER;

#pragma pack(pop)

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INSTALLABLE_DRIVERS_COMPAT_MMREG_H */
