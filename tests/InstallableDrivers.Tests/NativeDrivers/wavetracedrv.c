/*
 * wavetracedrv.c - a wave test driver that records every wodMessage/widMessage call it receives and keeps the buffers
 * it is given until the test tells it to finish them, so tests see exactly what the waveOut/waveIn services send and
 * decide when each callback comes (and on which thread: the thread that asks for it).
 *
 * Args words (the registry line's args):
 *   outputs=N   N output devices, 0..9 (default 1)      inputs=N   N input devices, 0..9 (default 0)
 *   tag=C       one character in the product names: "Trace out C0", "Trace in C0" (default 'A')
 *   prepare     handle WODM_PREPARE/UNPREPARE itself (marking the header); without it they are MMSYSERR_NOTSUPPORTED
 *   unserialized  make buffer callbacks outside the per-stream finish mutex, so a reset does not wait for a callback
 *               running on another thread (a driver may behave so; the services must then wait themselves)
 * Formats: WAVE_FORMAT_PCM with 8 or 16 bits; anything else is WAVERR_BADFORMAT.
 * Positions are kept in bytes and samples; a TIME_MS request is answered in TIME_BYTES.
 *
 * Driver messages (sent with waveOutMessage/waveInMessage, by device id or handle):
 *   DRVM_USER + 0   copy the call log into dwParam1 (an array of WAVE_TRACE_CALL), at most dwParam2 records;
 *                   returns the number of calls logged so far
 *   DRVM_USER + 1   clear the log
 *   DRVM_USER + 2   finish the stream's oldest queued buffer (input: filled with bytes counting up from the position);
 *                   returns 1, or 0 if none is queued
 *
 * Buffers finish one at a time under a per-stream recursive mutex, so callbacks keep the queue's order even when
 * several threads finish buffers and reset at once (unless "unserialized"); the state lock is never held during
 * DriverCallback.
 * The driver keeps its configuration in statics: register a copy per configuration (one loaded image per file).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmddk.h>

#define MAX_CALLS 4096
#define MAX_DEVICES 9
#define TRACE_GET_LOG (DRVM_USER + 0)
#define TRACE_CLEAR_LOG (DRVM_USER + 1)
#define TRACE_FINISH_ONE (DRVM_USER + 2)

/* One logged call; info is WAVEOPENDESC.hWave for an open, the header's dwFlags on entry for a header message. */
typedef struct WAVE_TRACE_CALL {
    UINT entry; /* 0 wodMessage, 1 widMessage */
    UINT device;
    UINT message;
    UINT reserved;
    DWORD_PTR user;
    DWORD_PTR param1;
    DWORD_PTR param2;
    DWORD_PTR info;
} WAVE_TRACE_CALL;

typedef struct STREAM {
    BOOL output;
    pthread_mutex_t lock;   /* guards the queue and position */
    pthread_mutex_t finish; /* recursive: one finisher at a time, so callbacks come in queue order */
    HWAVE hwave;
    DWORD_PTR callback;
    DWORD_PTR instance;
    DWORD callback_type;
    WAVEHDR *head, *tail;
    DWORD position; /* bytes */
    WORD block_align;
    DWORD volume;
} STREAM;

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static WAVE_TRACE_CALL calls[MAX_CALLS];
static DWORD call_count;

static UINT output_count = 1, input_count;
static char tag = 'A';
static BOOL prepares, unserialized;
static DWORD device_volume[MAX_DEVICES];

/* The digit after "key=" among the args words, or fallback. */
static int arg_digit(LPCWSTR args, const char *key, int fallback)
{
    size_t n = strlen(key);
    for (LPCWSTR p = args; p != NULL && *p != 0; p++) {
        size_t i = 0;
        while (i < n && p[i] == (WCHAR)key[i])
            i++;
        if (i == n && (p == args || p[-1] == ' ') && p[n] >= '0' && p[n] <= '9')
            return p[n] - '0';
    }
    return fallback;
}

static WCHAR arg_char(LPCWSTR args, const char *key, WCHAR fallback)
{
    size_t n = strlen(key);
    for (LPCWSTR p = args; p != NULL && *p != 0; p++) {
        size_t i = 0;
        while (i < n && p[i] == (WCHAR)key[i])
            i++;
        if (i == n && (p == args || p[-1] == ' ') && p[n] != 0 && p[n] != ' ')
            return p[n];
    }
    return fallback;
}

static BOOL has_arg(LPCWSTR args, const char *word)
{
    size_t n = strlen(word);
    for (LPCWSTR p = args; p != NULL && *p != 0; p++) {
        size_t i = 0;
        while (i < n && p[i] == (WCHAR)word[i])
            i++;
        if (i == n && (p == args || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
            return TRUE;
    }
    return FALSE;
}

static void log_call(UINT entry, UINT device, UINT message, DWORD_PTR user, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR info)
{
    pthread_mutex_lock(&log_lock);
    if (call_count < MAX_CALLS)
        calls[call_count] = (WAVE_TRACE_CALL){entry, device, message, 0, user, p1, p2, info};
    call_count++;
    pthread_mutex_unlock(&log_lock);
}

LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    if (msg == DRV_OPEN) {
        LPCWSTR args = (LPCWSTR)lParam1;
        output_count = (UINT)arg_digit(args, "outputs=", 1);
        input_count = (UINT)arg_digit(args, "inputs=", 0);
        tag = (char)arg_char(args, "tag=", 'A');
        prepares = has_arg(args, "prepare");
        unserialized = has_arg(args, "unserialized");
        for (int i = 0; i < MAX_DEVICES; i++)
            device_volume[i] = 0xFFFFFFFFu;
        return 1;
    }
    return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
}

static void notify(STREAM *s, UINT message, DWORD_PTR param1)
{
    DriverCallback(s->callback, s->callback_type, (HDRVR)s->hwave, message, s->instance, param1, 0);
}

static DWORD open_stream(BOOL output, DWORD_PTR *user, const WAVEOPENDESC *desc, DWORD flags)
{
    const PCMWAVEFORMAT *p = (const PCMWAVEFORMAT *)desc->lpFormat; /* PCM needs no more than this */
    const WAVEFORMAT *f = &p->wf;
    if (f->wFormatTag != WAVE_FORMAT_PCM || (p->wBitsPerSample != 8 && p->wBitsPerSample != 16))
        return WAVERR_BADFORMAT;
    if (flags & WAVE_FORMAT_QUERY)
        return MMSYSERR_NOERROR;
    STREAM *s = calloc(1, sizeof *s);
    if (s == NULL)
        return MMSYSERR_NOMEM;
    pthread_mutexattr_t recursive;
    pthread_mutexattr_init(&recursive);
    pthread_mutexattr_settype(&recursive, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&s->finish, &recursive);
    pthread_mutexattr_destroy(&recursive);
    pthread_mutex_init(&s->lock, NULL);
    s->output = output;
    s->hwave = desc->hWave;
    s->callback = desc->dwCallback;
    s->instance = desc->dwInstance;
    s->callback_type = HIWORD(flags);
    s->block_align = f->nBlockAlign;
    s->volume = 0xFFFFFFFFu;
    *user = (DWORD_PTR)s;
    notify(s, output ? WOM_OPEN : WIM_OPEN, 0);
    return MMSYSERR_NOERROR;
}

/* Takes the oldest buffer off the queue, marks it done and tells the service; FALSE if none is queued. */
static BOOL finish_one(STREAM *s)
{
    pthread_mutex_lock(&s->finish);
    pthread_mutex_lock(&s->lock);
    WAVEHDR *h = s->head;
    if (h != NULL) {
        s->head = h->lpNext;
        if (s->head == NULL)
            s->tail = NULL;
        if (!s->output) {
            for (DWORD i = 0; i < h->dwBufferLength; i++)
                h->lpData[i] = (char)(s->position + i);
            h->dwBytesRecorded = h->dwBufferLength;
        }
        s->position += h->dwBufferLength;
        h->dwFlags = (h->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
    }
    pthread_mutex_unlock(&s->lock);
    if (unserialized)
        pthread_mutex_unlock(&s->finish);
    if (h != NULL)
        notify(s, s->output ? WOM_DONE : WIM_DATA, (DWORD_PTR)h);
    if (!unserialized)
        pthread_mutex_unlock(&s->finish);
    return h != NULL;
}

static DWORD queue_buffer(STREAM *s, WAVEHDR *h)
{
    if (h == NULL)
        return MMSYSERR_INVALPARAM;
    if (h->dwFlags & WHDR_INQUEUE)
        return WAVERR_STILLPLAYING;
    pthread_mutex_lock(&s->lock);
    h->dwFlags = (h->dwFlags & ~WHDR_DONE) | WHDR_INQUEUE;
    h->lpNext = NULL;
    if (s->tail != NULL)
        s->tail->lpNext = h;
    else
        s->head = h;
    s->tail = h;
    pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

static DWORD get_position(STREAM *s, MMTIME *t, DWORD size)
{
    if (t == NULL || size < sizeof(MMTIME))
        return MMSYSERR_INVALPARAM;
    pthread_mutex_lock(&s->lock);
    if (t->wType == TIME_SAMPLES) {
        t->u.sample = s->position / s->block_align;
    } else {
        t->wType = TIME_BYTES; /* the type this driver keeps, for any other request */
        t->u.cb = s->position;
    }
    pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

static DWORD get_caps(BOOL output, UINT device, void *caps, DWORD size)
{
    WAVEOUTCAPSW full; /* WAVEINCAPSW is the same without the last member */
    memset(&full, 0, sizeof full);
    full.wMid = 0xFFFF;
    full.wPid = 0xFFFF;
    full.vDriverVersion = 0x0100;
    const char *name = output ? "Trace out " : "Trace in ";
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++)
        full.szPname[i] = (WCHAR)name[i];
    full.szPname[n] = (WCHAR)tag;
    full.szPname[n + 1] = (WCHAR)('0' + device);
    full.dwFormats = WAVE_FORMAT_4S16;
    full.wChannels = 2;
    full.dwSupport = output ? WAVECAPS_VOLUME | WAVECAPS_LRVOLUME : 0;
    size_t limit = output ? sizeof(WAVEOUTCAPSW) : sizeof(WAVEINCAPSW);
    memcpy(caps, &full, size < limit ? size : limit);
    return MMSYSERR_NOERROR;
}

/* Both entry points: wodMessage and widMessage differ only in message numbers and which devices exist. */
static DWORD message(BOOL output, UINT device, UINT msg, DWORD_PTR user, DWORD_PTR p1, DWORD_PTR p2)
{
    STREAM *s = (STREAM *)user;
    WAVEHDR *h = (WAVEHDR *)p1;
    BOOL header_message = msg == WODM_PREPARE || msg == WODM_UNPREPARE || msg == WODM_WRITE || msg == WIDM_PREPARE ||
                          msg == WIDM_UNPREPARE || msg == WIDM_ADDBUFFER;
    DWORD_PTR info = msg == WODM_OPEN || msg == WIDM_OPEN ? (DWORD_PTR)((const WAVEOPENDESC *)p1)->hWave
                     : header_message && h != NULL    ? h->dwFlags
                                                      : 0;
    if (msg != TRACE_GET_LOG)
        log_call(output ? 0 : 1, device, msg, user, p1, p2, info);

    UINT devices = output ? output_count : input_count;
    switch (msg) {
    case DRVM_INIT:
    case DRVM_EXIT:
        return MMSYSERR_NOERROR;
    case WODM_GETNUMDEVS:
    case WIDM_GETNUMDEVS:
        return devices;
    case TRACE_GET_LOG: {
        pthread_mutex_lock(&log_lock);
        DWORD logged = call_count < MAX_CALLS ? call_count : MAX_CALLS;
        memcpy((void *)p1, calls, (logged < p2 ? logged : p2) * sizeof(WAVE_TRACE_CALL));
        pthread_mutex_unlock(&log_lock);
        return logged;
    }
    case TRACE_CLEAR_LOG:
        pthread_mutex_lock(&log_lock);
        call_count = 0;
        pthread_mutex_unlock(&log_lock);
        return MMSYSERR_NOERROR;
    default:
        break;
    }
    if (device >= devices)
        return MMSYSERR_BADDEVICEID;
    switch (msg) {
    case WODM_GETDEVCAPS:
    case WIDM_GETDEVCAPS:
        return get_caps(output, device, (void *)p1, (DWORD)p2);
    case WODM_OPEN:
    case WIDM_OPEN:
        return open_stream(output, (DWORD_PTR *)user, (const WAVEOPENDESC *)p1, (DWORD)p2);
    case WODM_GETVOLUME:
        *(DWORD *)p1 = s != NULL ? s->volume : device_volume[device];
        return MMSYSERR_NOERROR;
    case WODM_SETVOLUME:
        *(s != NULL ? &s->volume : &device_volume[device]) = (DWORD)p1;
        return MMSYSERR_NOERROR;
    case WODM_PREPARE:
    case WIDM_PREPARE:
        if (!prepares)
            return MMSYSERR_NOTSUPPORTED;
        h->dwFlags |= WHDR_PREPARED;
        return MMSYSERR_NOERROR;
    case WODM_UNPREPARE:
    case WIDM_UNPREPARE:
        if (!prepares)
            return MMSYSERR_NOTSUPPORTED;
        h->dwFlags &= ~WHDR_PREPARED;
        return MMSYSERR_NOERROR;
    default:
        break;
    }
    if (s == NULL)
        return MMSYSERR_INVALHANDLE;
    switch (msg) {
    case WODM_WRITE:
    case WIDM_ADDBUFFER:
        return queue_buffer(s, h);
    case TRACE_FINISH_ONE:
        return finish_one(s);
    case WODM_RESET:
    case WIDM_RESET:
        pthread_mutex_lock(&s->finish);
        while (finish_one(s)) {
        }
        pthread_mutex_lock(&s->lock);
        s->position = 0;
        pthread_mutex_unlock(&s->lock);
        pthread_mutex_unlock(&s->finish);
        return MMSYSERR_NOERROR;
    case WODM_GETPOS:
    case WIDM_GETPOS:
        return get_position(s, (MMTIME *)p1, (DWORD)p2);
    case WODM_PAUSE:
    case WODM_RESTART:
    case WODM_BREAKLOOP:
    case WIDM_START:
    case WIDM_STOP:
        return MMSYSERR_NOERROR;
    case WODM_CLOSE:
    case WIDM_CLOSE:
        pthread_mutex_lock(&s->lock);
        BOOL queued = s->head != NULL;
        pthread_mutex_unlock(&s->lock);
        if (queued)
            return WAVERR_STILLPLAYING;
        notify(s, output ? WOM_CLOSE : WIM_CLOSE, 0);
        pthread_mutex_destroy(&s->lock);
        pthread_mutex_destroy(&s->finish);
        free(s);
        return MMSYSERR_NOERROR;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
}

DRIVER_EXPORT DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2);
DRIVER_EXPORT DWORD APIENTRY widMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2);

DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    return message(TRUE, uDeviceID, uMsg, dwUser, dwParam1, dwParam2);
}

DWORD APIENTRY widMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    return message(FALSE, uDeviceID, uMsg, dwUser, dwParam1, dwParam2);
}
