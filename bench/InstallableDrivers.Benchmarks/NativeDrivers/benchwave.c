/*
 * benchwave.c - the benchmark wave driver: one output device that finishes every buffer the moment it is written, so
 * that what the wave benchmarks measure is the services' cost around wodMessage, not audio.
 *
 * WODM_WRITE marks the buffer done and calls DriverCallback(WOM_DONE) before it returns. Just before that call it
 * writes CLOCK_MONOTONIC nanoseconds into the buffer's `reserved` field: an application's CALLBACK_FUNCTION that reads
 * the same clock learns how long the callback took to travel from the driver's DriverCallback to it.
 * WODM_PREPARE/UNPREPARE answer MMSYSERR_NOTSUPPORTED, so the service marks headers prepared itself, as mmddk.h allows.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmddk.h>

/* What WODM_OPEN was given: where and how to call back. */
typedef struct STREAM {
    HWAVE hwave;
    DWORD_PTR callback;
    DWORD_PTR instance;
    DWORD callback_type;
} STREAM;

static void notify(STREAM *s, UINT msg, DWORD_PTR param1)
{
    DriverCallback(s->callback, s->callback_type, (HDRVR)s->hwave, msg, s->instance, param1, 0);
}

LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    return msg == DRV_OPEN ? 1 : DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
}

static DWORD get_caps(WAVEOUTCAPSW *caps, DWORD size)
{
    static const char name[] = "Bench wave out";
    WAVEOUTCAPSW full;
    memset(&full, 0, sizeof full);
    full.wMid = 0xFFFF;
    full.wPid = 0xFFFF;
    for (size_t i = 0; name[i] != '\0'; i++)
        full.szPname[i] = (WCHAR)name[i];
    full.dwFormats = WAVE_FORMAT_4S16;
    full.wChannels = 2;
    memcpy(caps, &full, size < sizeof full ? size : sizeof full);
    return MMSYSERR_NOERROR;
}

static DWORD open_stream(DWORD_PTR *user, const WAVEOPENDESC *desc, DWORD flags)
{
    if (flags & WAVE_FORMAT_QUERY)
        return MMSYSERR_NOERROR; /* any format will do */
    STREAM *s = calloc(1, sizeof *s);
    if (s == NULL)
        return MMSYSERR_NOMEM;
    s->hwave = desc->hWave;
    s->callback = desc->dwCallback;
    s->instance = desc->dwInstance;
    s->callback_type = HIWORD(flags);
    *user = (DWORD_PTR)s;
    notify(s, WOM_OPEN, 0);
    return MMSYSERR_NOERROR;
}

static DWORD write_buffer(STREAM *s, WAVEHDR *hdr)
{
    struct timespec now;
    hdr->dwFlags = (hdr->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
    clock_gettime(CLOCK_MONOTONIC, &now);
    hdr->reserved = (DWORD_PTR)now.tv_sec * 1000000000u + (DWORD_PTR)now.tv_nsec;
    notify(s, WOM_DONE, (DWORD_PTR)hdr);
    return MMSYSERR_NOERROR;
}

DRIVER_EXPORT DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1,
                                        DWORD_PTR dwParam2);

DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    STREAM *s = (STREAM *)dwUser;
    switch (uMsg) {
    case DRVM_INIT:
    case DRVM_EXIT:
    case DRVM_ENABLE:
    case DRVM_DISABLE:
        return MMSYSERR_NOERROR;
    case WODM_GETNUMDEVS:
        return 1;
    case WODM_GETDEVCAPS:
        return uDeviceID != 0 ? MMSYSERR_BADDEVICEID : get_caps((WAVEOUTCAPSW *)dwParam1, (DWORD)dwParam2);
    case WODM_OPEN:
        return uDeviceID != 0 ? MMSYSERR_BADDEVICEID
                              : open_stream((DWORD_PTR *)dwUser, (const WAVEOPENDESC *)dwParam1, (DWORD)dwParam2);
    case WODM_CLOSE:
        notify(s, WOM_CLOSE, 0);
        free(s);
        return MMSYSERR_NOERROR;
    case WODM_WRITE:
        return write_buffer(s, (WAVEHDR *)dwParam1);
    case WODM_RESET:
    case WODM_PAUSE:
    case WODM_RESTART:
    case WODM_BREAKLOOP:
        return MMSYSERR_NOERROR; /* nothing is ever queued */
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
}
