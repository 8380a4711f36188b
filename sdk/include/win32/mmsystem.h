/*
 * Stand-in for the Windows SDK's <mmsystem.h> off Windows, so that a Win32 driver's source compiles unchanged: add this
 * folder to the include path on Linux and macOS only (-I sdk/include/win32). On Windows leave it out, so the real header
 * is found. Everything a DriverProc needs comes from installable_driver.h; this file adds what a wave driver needs
 * (the waveform-audio part of mmsystem.h, which the Windows SDK now keeps in mmeapi.h and mmsyscom.h), with the
 * Windows names, values and layouts.
 *
 * Like the real header, every structure here is packed to 1 byte (Windows' mmsystem.h includes pshpack1.h around its
 * whole body). Most of them are naturally aligned anyway, so the packing changes only WAVEFORMAT's and WAVEFORMATEX's
 * sizes (14 and 18 bytes, not 16 and 20).
 *
 * Character sets: the structures with strings come as ...A (CHAR) and ...W (WCHAR, one UTF-16 code unit). The
 * unsuffixed names (WAVEOUTCAPS, WAVEINCAPS) are always the W ones here, as in a Windows build with UNICODE
 * defined: the runtime, the services and every string a driver receives are UTF-16, so the W form is the one that
 * crosses to .NET without a conversion.
 */
#ifndef INSTALLABLE_DRIVERS_COMPAT_MMSYSTEM_H
#define INSTALLABLE_DRIVERS_COMPAT_MMSYSTEM_H

#ifdef _WIN32
#error "sdk/include/win32 stands in for Windows headers off Windows; do not put it on the include path of a Windows build."
#endif

#include "../installable_driver.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- windows.h names the multimedia structures and drivers use ---------------------------------------------
 * They are winnt.h's and minwindef.h's on Windows; installable_driver.h does not declare them, so they are here. */
typedef char CHAR;
typedef CHAR *LPSTR;
typedef const CHAR *LPCSTR;
typedef UINT *LPUINT;

#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef MAKEWORD
#define MAKEWORD(a, b) ((WORD)(((BYTE)((DWORD_PTR)(a) & 0xff)) | ((WORD)((BYTE)((DWORD_PTR)(b) & 0xff))) << 8))
#endif
#ifndef MAKELONG
#define MAKELONG(a, b) ((LONG)(((WORD)((DWORD_PTR)(a) & 0xffff)) | ((DWORD)((WORD)((DWORD_PTR)(b) & 0xffff))) << 16))
#endif
#ifndef LOWORD
#define LOWORD(l) ((WORD)((DWORD_PTR)(l) & 0xffff))
#endif
#ifndef HIWORD
#define HIWORD(l) ((WORD)(((DWORD_PTR)(l) >> 16) & 0xffff))
#endif
#ifndef LOBYTE
#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w) & 0xff))
#endif
#ifndef HIBYTE
#define HIBYTE(w) ((BYTE)(((DWORD_PTR)(w) >> 8) & 0xff))
#endif

/* ---- General multimedia types and results -------------------------------------------------------------------- */
typedef UINT MMVERSION; /* major version in the high byte, minor in the low byte */
typedef UINT MMRESULT;  /* MMSYSERR_NOERROR or an MMSYSERR_* / WAVERR_* code */

#define MAXPNAMELEN 32      /* characters in a product name, the terminating null included */
#define MAXERRORLENGTH 256  /* characters in an error text, the terminating null included */

#define MMSYSERR_BASE 0
#define WAVERR_BASE 32

#define MMSYSERR_NOERROR 0
#define MMSYSERR_ERROR (MMSYSERR_BASE + 1)
#define MMSYSERR_BADDEVICEID (MMSYSERR_BASE + 2)
#define MMSYSERR_NOTENABLED (MMSYSERR_BASE + 3)
#define MMSYSERR_ALLOCATED (MMSYSERR_BASE + 4)
#define MMSYSERR_INVALHANDLE (MMSYSERR_BASE + 5)
#define MMSYSERR_NODRIVER (MMSYSERR_BASE + 6)
#define MMSYSERR_NOMEM (MMSYSERR_BASE + 7)
#define MMSYSERR_NOTSUPPORTED (MMSYSERR_BASE + 8)
#define MMSYSERR_BADERRNUM (MMSYSERR_BASE + 9)
#define MMSYSERR_INVALFLAG (MMSYSERR_BASE + 10)
#define MMSYSERR_INVALPARAM (MMSYSERR_BASE + 11)
#define MMSYSERR_HANDLEBUSY (MMSYSERR_BASE + 12)
#define MMSYSERR_INVALIDALIAS (MMSYSERR_BASE + 13)
#define MMSYSERR_BADDB (MMSYSERR_BASE + 14)
#define MMSYSERR_KEYNOTFOUND (MMSYSERR_BASE + 15)
#define MMSYSERR_READERROR (MMSYSERR_BASE + 16)
#define MMSYSERR_WRITEERROR (MMSYSERR_BASE + 17)
#define MMSYSERR_DELETEERROR (MMSYSERR_BASE + 18)
#define MMSYSERR_VALNOTFOUND (MMSYSERR_BASE + 19)
#define MMSYSERR_NODRIVERCB (MMSYSERR_BASE + 20)
#define MMSYSERR_MOREDATA (MMSYSERR_BASE + 21)
#define MMSYSERR_LASTERROR (MMSYSERR_BASE + 21)

#define WAVERR_BADFORMAT (WAVERR_BASE + 0)    /* unsupported wave format */
#define WAVERR_STILLPLAYING (WAVERR_BASE + 1) /* still something playing */
#define WAVERR_UNPREPARED (WAVERR_BASE + 2)   /* header not prepared */
#define WAVERR_SYNC (WAVERR_BASE + 3)         /* device is synchronous */
#define WAVERR_LASTERROR (WAVERR_BASE + 3)

#pragma pack(push, 1)

/* ---- Time (waveOutGetPosition, WODM_GETPOS) ------------------------------------------------------------------ */
#define TIME_MS 0x0001      /* milliseconds */
#define TIME_SAMPLES 0x0002 /* sample frames */
#define TIME_BYTES 0x0004   /* bytes since the stream began */
#define TIME_SMPTE 0x0008   /* SMPTE hours:minutes:seconds:frames */
#define TIME_MIDI 0x0010    /* MIDI song pointer */
#define TIME_TICKS 0x0020   /* ticks of a MIDI stream */

typedef struct mmtime_tag {
    UINT wType; /* TIME_*: which member of u is set */
    union {
        DWORD ms;
        DWORD sample;
        DWORD cb;
        DWORD ticks;
        struct {
            BYTE hour;
            BYTE min;
            BYTE sec;
            BYTE frame;
            BYTE fps;
            BYTE dummy;
            BYTE pad[2];
        } smpte;
        struct {
            DWORD songptrpos;
        } midi;
    } u;
} MMTIME, *PMMTIME, NEAR *NPMMTIME, FAR *LPMMTIME;

/* ---- Waveform audio ------------------------------------------------------------------------------------------ */
typedef struct HWAVE__ *HWAVE;
typedef struct HWAVEIN__ *HWAVEIN;
typedef struct HWAVEOUT__ *HWAVEOUT;
typedef HWAVEIN FAR *LPHWAVEIN;
typedef HWAVEOUT FAR *LPHWAVEOUT;
typedef DRVCALLBACK WAVECALLBACK;
typedef WAVECALLBACK FAR *LPWAVECALLBACK;

/* Messages the callback receives (WOM_ from output devices, WIM_ from input devices). */
#define MM_WOM_OPEN 0x3BB
#define MM_WOM_CLOSE 0x3BC
#define MM_WOM_DONE 0x3BD
#define MM_WIM_OPEN 0x3BE
#define MM_WIM_CLOSE 0x3BF
#define MM_WIM_DATA 0x3C0
#define WOM_OPEN MM_WOM_OPEN
#define WOM_CLOSE MM_WOM_CLOSE
#define WOM_DONE MM_WOM_DONE
#define WIM_OPEN MM_WIM_OPEN
#define WIM_CLOSE MM_WIM_CLOSE
#define WIM_DATA MM_WIM_DATA

/* The device id that asks for the wave mapper instead of a device. */
#define WAVE_MAPPER ((UINT)-1)

/* waveOutOpen/waveInOpen flags (the low word; the CALLBACK_* type is in the high word). */
#define WAVE_FORMAT_QUERY 0x0001  /* only ask whether the format is supported; open nothing */
#define WAVE_ALLOWSYNC 0x0002     /* a synchronous device may be opened */
#define WAVE_MAPPED 0x0004        /* uDeviceID is a device for the mapper to map to */
#define WAVE_FORMAT_DIRECT 0x0008 /* no conversion by the ACM */
#define WAVE_FORMAT_DIRECT_QUERY (WAVE_FORMAT_QUERY | WAVE_FORMAT_DIRECT)
#define WAVE_MAPPED_DEFAULT_COMMUNICATION_DEVICE 0x0010

/* A buffer and its state, which passes between application, service and driver. */
typedef struct wavehdr_tag {
    LPSTR lpData;                     /* the samples */
    DWORD dwBufferLength;             /* bytes at lpData */
    DWORD dwBytesRecorded;            /* input: bytes the driver filled */
    DWORD_PTR dwUser;                 /* the application's */
    DWORD dwFlags;                    /* WHDR_* */
    DWORD dwLoops;                    /* times to play a loop, on the buffer with WHDR_BEGINLOOP */
    struct wavehdr_tag FAR *lpNext;   /* reserved: the driver's queue link */
    DWORD_PTR reserved;               /* reserved for the driver */
} WAVEHDR, *PWAVEHDR, NEAR *NPWAVEHDR, FAR *LPWAVEHDR;

#define WHDR_DONE 0x00000001      /* the driver is finished with the buffer */
#define WHDR_PREPARED 0x00000002  /* the buffer is prepared */
#define WHDR_BEGINLOOP 0x00000004 /* the first buffer of a loop */
#define WHDR_ENDLOOP 0x00000008   /* the last buffer of a loop */
#define WHDR_INQUEUE 0x00000010   /* the buffer is queued for playback or recording */

typedef struct tagWAVEOUTCAPSA {
    WORD wMid;                  /* manufacturer id */
    WORD wPid;                  /* product id */
    MMVERSION vDriverVersion;   /* driver version, major in the high byte */
    CHAR szPname[MAXPNAMELEN];  /* product name */
    DWORD dwFormats;            /* WAVE_FORMAT_1M08 ... bits */
    WORD wChannels;             /* 1 mono, 2 stereo */
    WORD wReserved1;
    DWORD dwSupport;            /* WAVECAPS_* */
} WAVEOUTCAPSA, *PWAVEOUTCAPSA, NEAR *NPWAVEOUTCAPSA, FAR *LPWAVEOUTCAPSA;

typedef struct tagWAVEOUTCAPSW {
    WORD wMid;
    WORD wPid;
    MMVERSION vDriverVersion;
    WCHAR szPname[MAXPNAMELEN];
    DWORD dwFormats;
    WORD wChannels;
    WORD wReserved1;
    DWORD dwSupport;
} WAVEOUTCAPSW, *PWAVEOUTCAPSW, NEAR *NPWAVEOUTCAPSW, FAR *LPWAVEOUTCAPSW;

typedef WAVEOUTCAPSW WAVEOUTCAPS;
typedef PWAVEOUTCAPSW PWAVEOUTCAPS;
typedef NPWAVEOUTCAPSW NPWAVEOUTCAPS;
typedef LPWAVEOUTCAPSW LPWAVEOUTCAPS;

/* dwSupport of WAVEOUTCAPS: what the device does beyond playing. */
#define WAVECAPS_PITCH 0x0001          /* pitch control */
#define WAVECAPS_PLAYBACKRATE 0x0002   /* playback rate control */
#define WAVECAPS_VOLUME 0x0004         /* volume control */
#define WAVECAPS_LRVOLUME 0x0008       /* separate left and right volume */
#define WAVECAPS_SYNC 0x0010           /* synchronous: waveOutWrite blocks */
#define WAVECAPS_SAMPLEACCURATE 0x0020 /* exact sample position */

typedef struct tagWAVEINCAPSA {
    WORD wMid;
    WORD wPid;
    MMVERSION vDriverVersion;
    CHAR szPname[MAXPNAMELEN];
    DWORD dwFormats;
    WORD wChannels;
    WORD wReserved1;
} WAVEINCAPSA, *PWAVEINCAPSA, NEAR *NPWAVEINCAPSA, FAR *LPWAVEINCAPSA;

typedef struct tagWAVEINCAPSW {
    WORD wMid;
    WORD wPid;
    MMVERSION vDriverVersion;
    WCHAR szPname[MAXPNAMELEN];
    DWORD dwFormats;
    WORD wChannels;
    WORD wReserved1;
} WAVEINCAPSW, *PWAVEINCAPSW, NEAR *NPWAVEINCAPSW, FAR *LPWAVEINCAPSW;

typedef WAVEINCAPSW WAVEINCAPS;
typedef PWAVEINCAPSW PWAVEINCAPS;
typedef NPWAVEINCAPSW NPWAVEINCAPS;
typedef LPWAVEINCAPSW LPWAVEINCAPS;

/* dwFormats of the caps: the standard formats a device supports (rate kHz, Mono/Stereo, bits). */
#define WAVE_INVALIDFORMAT 0x00000000
#define WAVE_FORMAT_1M08 0x00000001 /* 11.025 kHz, mono, 8-bit */
#define WAVE_FORMAT_1S08 0x00000002 /* 11.025 kHz, stereo, 8-bit */
#define WAVE_FORMAT_1M16 0x00000004 /* 11.025 kHz, mono, 16-bit */
#define WAVE_FORMAT_1S16 0x00000008 /* 11.025 kHz, stereo, 16-bit */
#define WAVE_FORMAT_2M08 0x00000010 /* 22.05 kHz, mono, 8-bit */
#define WAVE_FORMAT_2S08 0x00000020 /* 22.05 kHz, stereo, 8-bit */
#define WAVE_FORMAT_2M16 0x00000040 /* 22.05 kHz, mono, 16-bit */
#define WAVE_FORMAT_2S16 0x00000080 /* 22.05 kHz, stereo, 16-bit */
#define WAVE_FORMAT_4M08 0x00000100 /* 44.1 kHz, mono, 8-bit */
#define WAVE_FORMAT_4S08 0x00000200 /* 44.1 kHz, stereo, 8-bit */
#define WAVE_FORMAT_4M16 0x00000400 /* 44.1 kHz, mono, 16-bit */
#define WAVE_FORMAT_4S16 0x00000800 /* 44.1 kHz, stereo, 16-bit */
#define WAVE_FORMAT_44M08 0x00000100
#define WAVE_FORMAT_44S08 0x00000200
#define WAVE_FORMAT_44M16 0x00000400
#define WAVE_FORMAT_44S16 0x00000800
#define WAVE_FORMAT_48M08 0x00001000 /* 48 kHz, mono, 8-bit */
#define WAVE_FORMAT_48S08 0x00002000
#define WAVE_FORMAT_48M16 0x00004000
#define WAVE_FORMAT_48S16 0x00008000
#define WAVE_FORMAT_96M08 0x00010000 /* 96 kHz, mono, 8-bit */
#define WAVE_FORMAT_96S08 0x00020000
#define WAVE_FORMAT_96M16 0x00040000
#define WAVE_FORMAT_96S16 0x00080000

/* Formats. WAVEFORMAT and PCMWAVEFORMAT are the old forms; WAVEFORMATEX, which mmreg.h defines too (behind the same
 * guard, so either header may come first), adds wBitsPerSample and cbSize. */
typedef struct waveformat_tag {
    WORD wFormatTag;      /* WAVE_FORMAT_PCM, ... */
    WORD nChannels;
    DWORD nSamplesPerSec;
    DWORD nAvgBytesPerSec;
    WORD nBlockAlign;
} WAVEFORMAT, *PWAVEFORMAT, NEAR *NPWAVEFORMAT, FAR *LPWAVEFORMAT;

#ifndef WAVE_FORMAT_PCM /* a header that defines it too (mmreg.h may) must give it the same value */
#define WAVE_FORMAT_PCM 1
#endif

typedef struct pcmwaveformat_tag {
    WAVEFORMAT wf;
    WORD wBitsPerSample;
} PCMWAVEFORMAT, *PPCMWAVEFORMAT, NEAR *NPPCMWAVEFORMAT, FAR *LPPCMWAVEFORMAT;

#ifndef _WAVEFORMATEX_
#define _WAVEFORMATEX_
typedef struct tWAVEFORMATEX {
    WORD wFormatTag;      /* format type */
    WORD nChannels;       /* number of channels (1 mono, 2 stereo, ...) */
    DWORD nSamplesPerSec; /* sample rate */
    DWORD nAvgBytesPerSec;/* for buffer estimation */
    WORD nBlockAlign;     /* block size of data */
    WORD wBitsPerSample;  /* bits per sample of mono data */
    WORD cbSize;          /* bytes of extra information after cbSize */
} WAVEFORMATEX, *PWAVEFORMATEX, NEAR *NPWAVEFORMATEX, FAR *LPWAVEFORMATEX;
#endif
typedef const WAVEFORMATEX FAR *LPCWAVEFORMATEX;

#pragma pack(pop)

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif
