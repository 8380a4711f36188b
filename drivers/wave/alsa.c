/*
 * alsa.c - a Win32 wave driver that plays and records through ALSA on Linux (and so through PulseAudio or PipeWire,
 * whose ALSA plugins make them ALSA devices).
 *
 * It is a complete wave driver written the Windows way, for a driver author to learn from: DriverProc for the
 * DRV_* lifecycle, and the two mmddk.h entry points, wodMessage (output) and widMessage (input), that the waveOut and
 * waveIn services call. Each open stream has one thread of its own that moves samples between the application's
 * WAVEHDR buffers and ALSA, and tells the application about finished buffers through DriverCallback.
 *
 * Registered as, for example, `wave = alsa.so device=default capture=default`. The args (first DRV_OPEN since the
 * driver was loaded; one configuration per driver file per process, because wodMessage/widMessage receive no driver
 * instance to tell configurations apart) name the ALSA PCMs:
 *   device=NAME    the playback PCM (default: "default"), any name ALSA accepts: default, hw:0,0, plughw:1, pulse, ...
 *   capture=NAME   the capture PCM (default: the playback one)
 * Values cannot contain spaces.
 *
 * libasound is loaded at run time (dlopen), and the ALSA functions used here are declared by hand below, so building
 * the driver needs no ALSA headers and a machine without ALSA still loads and lists the driver: opening a stream then
 * answers MMSYSERR_NODRIVER and says why on stderr ("ALSA is not installed"). A device ALSA cannot open answers
 * MMSYSERR_NODRIVER too (MMSYSERR_ALLOCATED when it is busy), with ALSA's reason on stderr: one line, with the last of
 * the messages libasound would otherwise print itself, one for each step of its configuration that failed (eight
 * lines for "default" on a machine without a sound card). While the driver is loaded, libasound's messages in this
 * process go to the driver (snd_lib_error_set_handler is process-wide); DRV_FREE gives them back to libasound.
 *
 * Threads and locks. Every ALSA call on an open stream is made by the stream's own thread, so no two threads ever
 * touch one snd_pcm_t. wodMessage/widMessage only change the queue and the request flags under the stream's lock and
 * wake the thread. The application's callback is never called with a lock held, because a callback may call straight
 * back into the driver (waveOutWrite from WOM_DONE is the usual pattern).
 *
 * Where it differs from a Windows driver, and why:
 *  - WOM_DONE comes when a buffer has been handed to ALSA, up to LATENCY_US before it is heard: ALSA keeps its own
 *    copy, so the application may reuse the buffer then. WODM_GETPOS counts what ALSA says it has played.
 *  - WODM_PREPARE/UNPREPARE answer MMSYSERR_NOTSUPPORTED (nothing to lock on Linux), so the service prepares.
 *  - The volume is applied in software to this stream's samples (ALSA's mixer would change the whole card).
 *  - WODM_RESET called from inside this stream's own callback returns the buffers, but their WHDR_DONE and callbacks
 *    follow when that callback returns; WODM_CLOSE from there answers MMSYSERR_HANDLEBUSY.
 *  - Formats: PCM of 8, 16, 24 and 32 bits and IEEE float of 32 and 64 bits, any rate and channel count ALSA takes;
 *    not WAVE_FORMAT_EXTENSIBLE. A dwLoops of 0 plays the loop once.
 *  - WODM_GETDEVCAPS opens the ALSA device briefly to ask which standard formats it takes.
 *
 * Samples are little-endian as in a WAV file (and as on every Linux target the project supports).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, under -std=c11 */

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmddk.h>

/* mmreg.h's float format tag, which the SDK's mmsystem.h does not carry. */
#ifndef WAVE_FORMAT_IEEE_FLOAT
#define WAVE_FORMAT_IEEE_FLOAT 0x0003
#endif
/* mmreg.h: a manufacturer and product without a registered id. */
#ifndef MM_UNMAPPED
#define MM_UNMAPPED 0xffff
#endif
#ifndef MM_PID_UNMAPPED
#define MM_PID_UNMAPPED 0xffff
#endif

#define FULL_VOLUME 0xFFFFFFFFu  /* left and right at 0xFFFF */
#define LATENCY_US 100000u       /* the ALSA buffer: 100 ms of sound between WOM_DONE and the speaker */
#define CHUNKS_PER_SECOND 40     /* the thread moves 25 ms at a time, so reset, pause and stop act within 25 ms */
#define DEVICE_NAME_MAX 256

/* ---- The part of the ALSA API the driver uses, declared by hand ---------------------------------------------------
 * The values are ALSA's (alsa/pcm.h); the functions are looked up in libasound.so.2 when a stream is first opened. */
typedef struct snd_pcm snd_pcm_t;
typedef struct snd_pcm_hw_params snd_pcm_hw_params_t;
enum { SND_PCM_STREAM_PLAYBACK = 0, SND_PCM_STREAM_CAPTURE = 1 };
enum { SND_PCM_NONBLOCK = 1 };
enum { SND_PCM_ACCESS_RW_INTERLEAVED = 3 };
enum {
    SND_PCM_FORMAT_U8 = 1,
    SND_PCM_FORMAT_S16_LE = 2,
    SND_PCM_FORMAT_S32_LE = 10,
    SND_PCM_FORMAT_FLOAT_LE = 14,
    SND_PCM_FORMAT_FLOAT64_LE = 16,
    SND_PCM_FORMAT_S24_3LE = 32, /* 24 bits in 3 bytes, as WAV packs them */
};

static struct ALSA_API {
    int (*open)(snd_pcm_t **pcm, const char *name, int stream, int mode);
    int (*nonblock)(snd_pcm_t *pcm, int nonblock);
    int (*close)(snd_pcm_t *pcm);
    int (*set_params)(snd_pcm_t *pcm, int format, int access, unsigned channels, unsigned rate, int soft_resample,
                      unsigned latency_us);
    long (*writei)(snd_pcm_t *pcm, const void *buffer, unsigned long frames);
    long (*readi)(snd_pcm_t *pcm, void *buffer, unsigned long frames);
    int (*recover)(snd_pcm_t *pcm, int err, int silent);
    int (*drain)(snd_pcm_t *pcm);
    int (*drop)(snd_pcm_t *pcm);
    int (*prepare)(snd_pcm_t *pcm);
    int (*pause)(snd_pcm_t *pcm, int enable);
    int (*delay)(snd_pcm_t *pcm, long *frames);
    int (*hw_params_malloc)(snd_pcm_hw_params_t **params);
    void (*hw_params_free)(snd_pcm_hw_params_t *params);
    int (*hw_params_any)(snd_pcm_t *pcm, snd_pcm_hw_params_t *params);
    int (*hw_params_test_access)(snd_pcm_t *pcm, snd_pcm_hw_params_t *params, int access);
    int (*hw_params_test_format)(snd_pcm_t *pcm, snd_pcm_hw_params_t *params, int format);
    int (*hw_params_test_channels)(snd_pcm_t *pcm, snd_pcm_hw_params_t *params, unsigned channels);
    int (*hw_params_test_rate)(snd_pcm_t *pcm, snd_pcm_hw_params_t *params, unsigned rate, int dir);
    const char *(*strerror)(int err);
    int (*set_error_handler)(void (*handler)(const char *file, int line, const char *function, int err, const char *fmt, ...));
} alsa;

#define ALSA_FUNCTION(field, name) { offsetof(struct ALSA_API, field), name }
static const struct { size_t offset; const char *name; } alsa_functions[] = {
    ALSA_FUNCTION(open, "snd_pcm_open"), ALSA_FUNCTION(nonblock, "snd_pcm_nonblock"),
    ALSA_FUNCTION(close, "snd_pcm_close"), ALSA_FUNCTION(set_params, "snd_pcm_set_params"),
    ALSA_FUNCTION(writei, "snd_pcm_writei"),
    ALSA_FUNCTION(readi, "snd_pcm_readi"), ALSA_FUNCTION(recover, "snd_pcm_recover"),
    ALSA_FUNCTION(drain, "snd_pcm_drain"), ALSA_FUNCTION(drop, "snd_pcm_drop"),
    ALSA_FUNCTION(prepare, "snd_pcm_prepare"), ALSA_FUNCTION(pause, "snd_pcm_pause"),
    ALSA_FUNCTION(delay, "snd_pcm_delay"), ALSA_FUNCTION(hw_params_malloc, "snd_pcm_hw_params_malloc"),
    ALSA_FUNCTION(hw_params_free, "snd_pcm_hw_params_free"), ALSA_FUNCTION(hw_params_any, "snd_pcm_hw_params_any"),
    ALSA_FUNCTION(hw_params_test_access, "snd_pcm_hw_params_test_access"),
    ALSA_FUNCTION(hw_params_test_format, "snd_pcm_hw_params_test_format"),
    ALSA_FUNCTION(hw_params_test_channels, "snd_pcm_hw_params_test_channels"),
    ALSA_FUNCTION(hw_params_test_rate, "snd_pcm_hw_params_test_rate"), ALSA_FUNCTION(strerror, "snd_strerror"),
    ALSA_FUNCTION(set_error_handler, "snd_lib_error_set_handler"),
};

/* ---- Module state: the configuration and the loaded library ----------------------------------------------------- */
static pthread_mutex_t module_lock = PTHREAD_MUTEX_INITIALIZER;
static char playback_device[DEVICE_NAME_MAX] = "default";
static char capture_device[DEVICE_NAME_MAX] = "default";
static BOOL configured;  /* the first DRV_OPEN since DRV_LOAD set the names above */
static void *libasound;  /* dlopen handle, or NULL */
static BOOL load_failed; /* tried, failed, and said so on stderr once */

/* libasound's last message on this thread, for the one line the driver prints when an ALSA call fails. */
static _Thread_local char alsa_message[256];

static void keep_alsa_message(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    (void)file, (void)line, (void)function, (void)err;
    va_list args;
    va_start(args, fmt);
    vsnprintf(alsa_message, sizeof alsa_message, fmt, args);
    va_end(args);
}

/* Loads libasound and its functions on first use. FALSE (said once on stderr) when ALSA is not installed. */
static BOOL alsa_load(void)
{
    pthread_mutex_lock(&module_lock);
    if (libasound == NULL && !load_failed) {
        void *library = dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL);
        const char *missing = NULL;
        for (size_t i = 0; library != NULL && i < sizeof alsa_functions / sizeof alsa_functions[0]; i++) {
            void *function = dlsym(library, alsa_functions[i].name);
            if (function == NULL) {
                missing = alsa_functions[i].name;
                break;
            }
            /* POSIX guarantees a data pointer from dlsym converts to a function pointer; memcpy says so portably. */
            memcpy((char *)&alsa + alsa_functions[i].offset, &function, sizeof function);
        }
        if (library == NULL)
            fprintf(stderr, "alsa wave driver: ALSA is not installed (libasound.so.2 not found)\n");
        else if (missing != NULL)
            fprintf(stderr, "alsa wave driver: libasound.so.2 lacks %s; ALSA is too old\n", missing);
        if (library != NULL && missing == NULL) {
            libasound = library;
            alsa.set_error_handler(keep_alsa_message);
        }
        else {
            if (library != NULL)
                dlclose(library);
            load_failed = TRUE;
        }
    }
    BOOL loaded = libasound != NULL;
    pthread_mutex_unlock(&module_lock);
    return loaded;
}

/* Copies a UTF-16 value of the args (up to a space or the end) into a UTF-8 C string. */
static LPCWSTR copy_value(LPCWSTR from, char *to, size_t size)
{
    size_t n = 0;
    for (; *from != 0 && *from != ' ' && *from != '\t'; from++) {
        uint32_t c = *from;
        if (c >= 0xD800 && c < 0xDC00 && from[1] >= 0xDC00 && from[1] < 0xE000)
            c = 0x10000 + ((c - 0xD800) << 10) + (*++from - 0xDC00);
        char utf8[4];
        size_t length = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (length == 1)
            utf8[0] = (char)c;
        else {
            for (size_t i = length - 1; i > 0; i--, c >>= 6)
                utf8[i] = (char)(0x80 | (c & 0x3F));
            utf8[0] = (char)((0xF00 >> length) | c); /* 110xxxxx, 1110xxxx or 11110xxx */
        }
        if (n + length < size) {
            memcpy(to + n, utf8, length);
            n += length;
        }
    }
    to[n] = 0;
    return from;
}

/* TRUE if the args at p start with key (ASCII) followed by '='. */
static BOOL has_key(LPCWSTR p, const char *key)
{
    for (; *key != 0; key++, p++)
        if (*p != (WCHAR)*key)
            return FALSE;
    return *p == '=';
}

/* Reads `device=NAME capture=NAME` from DRV_OPEN's args (NULL when the registry line has none). */
static void configure(LPCWSTR args)
{
    BOOL capture_given = FALSE;
    for (LPCWSTR p = args; p != NULL && *p != 0;) {
        if (has_key(p, "device"))
            p = copy_value(p + 7, playback_device, sizeof playback_device);
        else if (has_key(p, "capture")) {
            p = copy_value(p + 8, capture_device, sizeof capture_device);
            capture_given = TRUE;
        } else {
            char unknown[DEVICE_NAME_MAX];
            p = copy_value(p, unknown, sizeof unknown);
            if (unknown[0] != 0)
                fprintf(stderr, "alsa wave driver: ignoring unknown argument '%s'\n", unknown);
        }
        while (*p == ' ' || *p == '\t')
            p++;
    }
    if (!capture_given)
        strcpy(capture_device, playback_device);
}

/* ---- Formats ----------------------------------------------------------------------------------------------------- */

/* The ALSA format of a WAVEFORMATEX, or -1 when the driver cannot play it. */
static int alsa_format_of(const WAVEFORMATEX *format)
{
    if (format->nChannels == 0 || format->nSamplesPerSec == 0 ||
        format->nBlockAlign != format->nChannels * format->wBitsPerSample / 8)
        return -1;
    if (format->wFormatTag == WAVE_FORMAT_PCM) {
        switch (format->wBitsPerSample) {
        case 8: return SND_PCM_FORMAT_U8;
        case 16: return SND_PCM_FORMAT_S16_LE;
        case 24: return SND_PCM_FORMAT_S24_3LE;
        case 32: return SND_PCM_FORMAT_S32_LE;
        }
    } else if (format->wFormatTag == WAVE_FORMAT_IEEE_FLOAT) {
        switch (format->wBitsPerSample) {
        case 32: return SND_PCM_FORMAT_FLOAT_LE;
        case 64: return SND_PCM_FORMAT_FLOAT64_LE;
        }
    }
    return -1;
}

/* Opens an ALSA PCM; on failure says why on stderr and answers the MMSYSERR code that fits. The open itself never
 * blocks (a busy hardware device would otherwise make it wait until the device is free); a stream then switches to
 * blocking reads and writes, which is what paces its thread. */
static MMRESULT open_pcm(snd_pcm_t **pcm, BOOL capture, BOOL blocking)
{
    const char *name = capture ? capture_device : playback_device;
    alsa_message[0] = 0;
    int err = alsa.open(pcm, name, capture ? SND_PCM_STREAM_CAPTURE : SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
    if (err == 0 && blocking && (err = alsa.nonblock(*pcm, 0)) < 0)
        alsa.close(*pcm);
    if (err == 0)
        return MMSYSERR_NOERROR;
    *pcm = NULL;
    fprintf(stderr, "alsa wave driver: cannot open ALSA %s device '%s': %s%s%s%s\n", capture ? "capture" : "playback",
            name, alsa.strerror(err), alsa_message[0] ? " (ALSA: " : "", alsa_message, alsa_message[0] ? ")" : "");
    return err == -EBUSY ? MMSYSERR_ALLOCATED : err == -ENOMEM ? MMSYSERR_NOMEM : MMSYSERR_NODRIVER;
}

/* Asks ALSA whether an open PCM accepts interleaved samples of this format, channel count and rate. */
static BOOL pcm_accepts(snd_pcm_t *pcm, int alsa_format, unsigned channels, unsigned rate)
{
    snd_pcm_hw_params_t *params;
    if (alsa.hw_params_malloc(&params) < 0)
        return FALSE;
    BOOL ok = alsa.hw_params_any(pcm, params) >= 0 &&
              alsa.hw_params_test_access(pcm, params, SND_PCM_ACCESS_RW_INTERLEAVED) == 0 &&
              alsa.hw_params_test_format(pcm, params, alsa_format) == 0 &&
              alsa.hw_params_test_channels(pcm, params, channels) == 0 &&
              alsa.hw_params_test_rate(pcm, params, rate, 0) == 0;
    alsa.hw_params_free(params);
    return ok;
}

/* WAVE_FORMAT_QUERY: is the format one this driver and the ALSA device take? Opens the device only to ask. */
static MMRESULT query_format(const WAVEFORMATEX *format, BOOL capture)
{
    int alsa_format = alsa_format_of(format);
    if (alsa_format < 0)
        return WAVERR_BADFORMAT;
    snd_pcm_t *pcm;
    MMRESULT result = open_pcm(&pcm, capture, FALSE);
    if (result != MMSYSERR_NOERROR)
        return result;
    BOOL ok = pcm_accepts(pcm, alsa_format, format->nChannels, format->nSamplesPerSec);
    alsa.close(pcm);
    return ok ? MMSYSERR_NOERROR : WAVERR_BADFORMAT;
}

/* The WAVE_FORMAT_1M08 ... 96S16 bits of the caps: the standard formats the device accepts (0 if it cannot open). */
static DWORD standard_formats(BOOL capture)
{
    static const unsigned rates[] = { 11025, 22050, 44100, 48000, 96000 };
    DWORD formats = 0;
    snd_pcm_t *pcm;
    if (!alsa_load() || open_pcm(&pcm, capture, FALSE) != MMSYSERR_NOERROR)
        return 0;
    /* Bit order per rate: mono 8, stereo 8, mono 16, stereo 16. */
    for (unsigned r = 0; r < 5; r++)
        for (unsigned bit = 0; bit < 4; bit++)
            if (pcm_accepts(pcm, bit < 2 ? SND_PCM_FORMAT_U8 : SND_PCM_FORMAT_S16_LE, bit % 2 + 1, rates[r]))
                formats |= 1u << (r * 4 + bit);
    alsa.close(pcm);
    return formats;
}

/* The caps' product name: "ALSA " and the device name, cut to MAXPNAMELEN - 1 characters. */
static void product_name(WCHAR *name, BOOL capture)
{
    const char *device = capture ? capture_device : playback_device;
    size_t n = 0;
    for (const char *p = "ALSA "; *p != 0; p++)
        name[n++] = (WCHAR)*p;
    /* ALSA device names are ASCII in practice; other bytes show as Latin-1. */
    for (; *device != 0 && n < MAXPNAMELEN - 1; device++)
        name[n++] = (WCHAR)(unsigned char)*device;
    name[n] = 0;
}

/* ---- Software volume ---------------------------------------------------------------------------------------------
 * waveOutSetVolume's 0..0xFFFF per channel scales the samples on their way to ALSA (ALSA's mixer belongs to the
 * whole card, not to one stream). Even channels take the left volume, odd ones the right; mono takes the left. */
static void apply_volume(BYTE *data, size_t bytes, const WAVEFORMATEX *format, DWORD volume)
{
    const double gains[2] = { LOWORD(volume) / 65535.0, HIWORD(volume) / 65535.0 };
    const unsigned size = format->wBitsPerSample / 8;
    const BOOL is_float = format->wFormatTag == WAVE_FORMAT_IEEE_FLOAT;
    for (size_t at = 0, sample = 0; at + size <= bytes; at += size, sample++) {
        double gain = gains[format->nChannels == 1 ? 0 : sample % format->nChannels % 2];
        BYTE *p = data + at;
        if (is_float && size == 4) {
            float v;
            memcpy(&v, p, 4);
            v = (float)(v * gain);
            memcpy(p, &v, 4);
        } else if (is_float) {
            double v;
            memcpy(&v, p, 8);
            v *= gain;
            memcpy(p, &v, 8);
        } else if (size == 1) {
            *p = (BYTE)(128 + (int)((*p - 128) * gain)); /* 8-bit PCM is unsigned around 128 */
        } else {
            /* 16, 24 and 32 bits: signed little-endian, shifted to the top of an int32 and back. */
            uint32_t u = 0;
            for (unsigned i = 0; i < size; i++)
                u |= (uint32_t)p[i] << (8 * (4 - size + i));
            int32_t v = (int32_t)((int32_t)u * gain);
            u = (uint32_t)v;
            for (unsigned i = 0; i < size; i++)
                p[i] = (BYTE)(u >> (8 * (4 - size + i)));
        }
    }
}

/* ---- An open stream ------------------------------------------------------------------------------------------------
 * Buffers are linked through WAVEHDR.lpNext, the field Windows reserves for the driver. A buffer goes from the queue
 * to the done list when the driver is finished with it, and leaves the done list when its callback is made; only then
 * does it get WHDR_DONE, so the application cannot reuse a header the driver still links. */
typedef struct STREAM {
    BOOL capture;
    pthread_mutex_t lock;
    pthread_cond_t wake;      /* the thread has something to do */
    pthread_cond_t delivered; /* a run of callbacks ended */
    pthread_t thread;
    snd_pcm_t *pcm;
    WAVEOPENDESC desc;        /* hWave, dwCallback, dwInstance: what DriverCallback needs */
    DWORD callback_type;      /* DCB_* from the open flags' high word */
    WAVEFORMATEX format;
    size_t chunk_bytes;       /* how much the thread moves at once: whole frames */
    BYTE *scratch;            /* the chunk in flight, so the application's buffer is never touched without the lock */

    LPWAVEHDR queue_head, queue_tail; /* buffers the application gave, oldest first */
    LPWAVEHDR current;                /* playback: the buffer being played (queue_head unless inside a loop) */
    DWORD offset;                     /* playback: bytes of current already handed to ALSA */
    LPWAVEHDR loop_start;             /* playback: the WHDR_BEGINLOOP buffer of the loop being played */
    DWORD loops_left;                 /* playback: passes through the loop still to play, this one included */
    LPWAVEHDR done_head, done_tail;   /* finished buffers waiting for their WOM_DONE / WIM_DATA */
    BOOL delivering;                  /* a thread is making callbacks ... */
    pthread_t deliverer;              /* ... this one */

    unsigned generation;   /* bumped when reset or stop takes the buffers back: a chunk in flight is then stale */
    BOOL paused;           /* playback: WODM_PAUSE; capture: not started */
    BOOL alsa_paused;      /* playback: the thread paused ALSA (or stopped feeding it) */
    BOOL drop_requested;   /* the thread should discard what ALSA holds (reset, stop) */
    BOOL closing;          /* the thread should end */
    BOOL failed;           /* ALSA reported an error it could not recover from; said once on stderr */
    uint64_t position;     /* bytes played (as far as ALSA tells) or recorded since open or reset */
    uint64_t transferred;  /* bytes handed to ALSA or taken from it since open or reset */
    DWORD volume;          /* playback: left in the low word, right in the high word */
} STREAM;

static void notify(STREAM *s, UINT msg, DWORD_PTR param1)
{
    DriverCallback(s->desc.dwCallback, s->callback_type, (HDRVR)s->desc.hWave, msg, s->desc.dwInstance, param1, 0);
}

/* Makes the callbacks of the done list, in order, without holding the lock while calling. Called with the lock held.
 * Only one thread delivers at a time, so callbacks keep the order buffers finished in; a callback that reaches this
 * again on the same thread (through WODM_RESET, say) leaves its buffers to the run already in progress. */
static void deliver(STREAM *s)
{
    if (s->delivering) {
        if (pthread_equal(s->deliverer, pthread_self()))
            return;
        while (s->delivering)
            pthread_cond_wait(&s->delivered, &s->lock);
    }
    s->delivering = TRUE;
    s->deliverer = pthread_self();
    while (s->done_head != NULL) {
        LPWAVEHDR h = s->done_head;
        s->done_head = h->lpNext;
        if (s->done_head == NULL)
            s->done_tail = NULL;
        h->lpNext = NULL;
        h->dwFlags = (h->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
        pthread_mutex_unlock(&s->lock);
        notify(s, s->capture ? WIM_DATA : WOM_DONE, (DWORD_PTR)h);
        pthread_mutex_lock(&s->lock);
    }
    s->delivering = FALSE;
    pthread_cond_broadcast(&s->delivered);
}

/* Moves the queue's buffers up to and including last to the done list. */
static void finish_through(STREAM *s, LPWAVEHDR last)
{
    LPWAVEHDR first = s->queue_head;
    s->queue_head = last->lpNext;
    if (s->queue_head == NULL)
        s->queue_tail = NULL;
    last->lpNext = NULL;
    if (s->done_tail != NULL)
        s->done_tail->lpNext = first;
    else
        s->done_head = first;
    s->done_tail = last;
}

/* WODM_RESET, WIDM_RESET: every queued buffer back, position to zero, ALSA emptied. */
static void reset(STREAM *s)
{
    if (s->queue_tail != NULL)
        finish_through(s, s->queue_tail);
    s->current = NULL;
    s->loop_start = NULL;
    s->offset = 0;
    s->generation++;
    s->position = s->transferred = 0;
    s->drop_requested = TRUE;
    pthread_cond_signal(&s->wake);
}

/* Hands frames to ALSA or takes them from it, recovering from underruns and overruns (xruns) and suspends.
 * Answers the bytes moved; on an error ALSA cannot recover from, says so once and answers 0. */
static size_t transfer(STREAM *s, BYTE *data, size_t bytes)
{
    const size_t frame = s->format.nBlockAlign;
    size_t done = 0;
    while (done < bytes) {
        unsigned long frames = (unsigned long)((bytes - done) / frame);
        long n = s->capture ? alsa.readi(s->pcm, data + done, frames) : alsa.writei(s->pcm, data + done, frames);
        if (n == -EAGAIN)
            continue;
        if (n < 0 && alsa.recover(s->pcm, (int)n, 1) < 0) {
            if (!s->failed)
                fprintf(stderr, "alsa wave driver: ALSA %s failed: %s\n", s->capture ? "capture" : "playback",
                        alsa.strerror((int)n));
            s->failed = TRUE;
            return 0;
        }
        if (n > 0)
            done += (size_t)n * frame;
    }
    return done;
}

/* Playback: what ALSA has played, in bytes: what it was given less what it still holds. */
static uint64_t played(STREAM *s, uint64_t transferred)
{
    long delay = 0;
    if (alsa.delay(s->pcm, &delay) < 0 || delay < 0) /* an error here means an underrun: everything was played */
        delay = 0;
    uint64_t held = (uint64_t)delay * s->format.nBlockAlign;
    return held < transferred ? transferred - held : 0;
}

/* Playback: the current buffer has been handed to ALSA in full. Loops go round; finished buffers go to the done list
 * (a loop's buffers only when the loop ends, as Windows returns them). */
static void finish_current(STREAM *s)
{
    LPWAVEHDR h = s->current;
    s->offset = 0;
    if ((h->dwFlags & WHDR_ENDLOOP) && s->loop_start != NULL && s->loops_left > 1) {
        s->loops_left--;
        s->current = s->loop_start;
        return;
    }
    s->current = h->lpNext;
    if (s->loop_start != NULL && !(h->dwFlags & WHDR_ENDLOOP))
        return; /* inside a loop: its buffers stay queued until it ends */
    s->loop_start = NULL;
    finish_through(s, h);
}

/* The stream's thread, lock held: if reset or stop asked for it, discards what ALSA holds and makes it ready again. */
static BOOL drop_if_requested(STREAM *s)
{
    if (!s->drop_requested)
        return FALSE;
    s->drop_requested = FALSE;
    s->alsa_paused = FALSE; /* a dropped stream is no longer paused */
    pthread_mutex_unlock(&s->lock);
    alsa.drop(s->pcm);
    alsa.prepare(s->pcm);
    pthread_mutex_lock(&s->lock);
    return TRUE;
}

static void *playback_thread(void *arg)
{
    STREAM *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        if (drop_if_requested(s))
            continue;
        if (s->paused != s->alsa_paused) {
            /* snd_pcm_pause keeps what ALSA holds; a device that cannot pause simply stops being fed and underruns,
             * which the next write recovers from. */
            s->alsa_paused = s->paused;
            pthread_mutex_unlock(&s->lock);
            alsa.pause(s->pcm, s->alsa_paused);
            pthread_mutex_lock(&s->lock);
            continue;
        }
        if (s->paused || s->current == NULL) {
            if (s->closing && s->current == NULL)
                break;
            if (!s->paused && s->position < s->transferred) {
                /* Idle while ALSA plays out its buffer: keep the position moving, 10 ms at a time. */
                uint64_t transferred = s->transferred;
                unsigned generation = s->generation;
                pthread_mutex_unlock(&s->lock);
                uint64_t position = played(s, transferred);
                pthread_mutex_lock(&s->lock);
                if (generation == s->generation)
                    s->position = position;
                struct timespec until;
                clock_gettime(CLOCK_REALTIME, &until);
                until.tv_nsec += 10000000;
                if (until.tv_nsec >= 1000000000) {
                    until.tv_sec++;
                    until.tv_nsec -= 1000000000;
                }
                pthread_cond_timedwait(&s->wake, &s->lock, &until);
            } else {
                pthread_cond_wait(&s->wake, &s->lock);
            }
            continue;
        }

        LPWAVEHDR h = s->current;
        if (s->offset == 0 && (h->dwFlags & WHDR_BEGINLOOP) && s->loop_start == NULL) {
            s->loop_start = h;
            s->loops_left = h->dwLoops;
        }
        size_t bytes = h->dwBufferLength - s->offset;
        if (bytes > s->chunk_bytes)
            bytes = s->chunk_bytes;
        bytes -= bytes % s->format.nBlockAlign; /* a trailing part of a frame is not played */
        if (bytes == 0) {
            finish_current(s);
            deliver(s);
            continue;
        }
        memcpy(s->scratch, h->lpData + s->offset, bytes);
        if (s->volume != FULL_VOLUME)
            apply_volume(s->scratch, bytes, &s->format, s->volume);
        unsigned generation = s->generation;
        uint64_t transferred = s->transferred + bytes;
        pthread_mutex_unlock(&s->lock);
        transfer(s, s->scratch, bytes); /* blocks while ALSA's buffer is full: this is what paces playback */
        uint64_t position = played(s, transferred);
        pthread_mutex_lock(&s->lock);
        if (generation != s->generation)
            continue; /* reset took the buffer back while its chunk was being written */
        s->transferred = transferred;
        s->position = position;
        s->offset += (DWORD)bytes; /* the next pass finishes the buffer when this was its last chunk */
    }
    BOOL paused = s->alsa_paused;
    pthread_mutex_unlock(&s->lock);
    /* WODM_CLOSE: let ALSA play what it holds, unless the application left the stream paused. */
    if (paused)
        alsa.drop(s->pcm);
    else
        alsa.drain(s->pcm);
    return NULL;
}

static void *capture_thread(void *arg)
{
    STREAM *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        if (drop_if_requested(s))
            continue;
        if (s->closing)
            break;
        if (s->paused || s->queue_head == NULL || s->failed) {
            /* Not started, or no buffer: ALSA overruns, and the next read recovers. Windows drops that sound too. */
            pthread_cond_wait(&s->wake, &s->lock);
            continue;
        }
        LPWAVEHDR h = s->queue_head;
        size_t bytes = h->dwBufferLength - h->dwBytesRecorded;
        if (bytes > s->chunk_bytes)
            bytes = s->chunk_bytes;
        bytes -= bytes % s->format.nBlockAlign;
        if (bytes == 0) { /* full (to the last whole frame) */
            finish_through(s, h);
            deliver(s);
            continue;
        }
        unsigned generation = s->generation;
        pthread_mutex_unlock(&s->lock);
        size_t got = transfer(s, s->scratch, bytes); /* blocks until ALSA has recorded that much */
        pthread_mutex_lock(&s->lock);
        if (generation != s->generation)
            continue; /* stopped or reset while reading: what was read after that is not wanted */
        memcpy(h->lpData + h->dwBytesRecorded, s->scratch, got);
        h->dwBytesRecorded += (DWORD)got;
        s->position += got;
        s->transferred += got;
    }
    pthread_mutex_unlock(&s->lock);
    alsa.drop(s->pcm);
    return NULL;
}

/* WODM_OPEN, WIDM_OPEN. */
static MMRESULT open_stream(BOOL capture, DWORD_PTR *instance, const WAVEOPENDESC *desc, DWORD flags)
{
    if (desc == NULL || desc->lpFormat == NULL || (instance == NULL && !(flags & WAVE_FORMAT_QUERY)))
        return MMSYSERR_INVALPARAM;
    /* PCM formats may come as a PCMWAVEFORMAT, without cbSize: copy what is always there. */
    WAVEFORMATEX format = { 0 };
    memcpy(&format, desc->lpFormat, sizeof(PCMWAVEFORMAT));
    if (alsa_format_of(&format) < 0)
        return WAVERR_BADFORMAT; /* known without ALSA */
    if (!alsa_load())
        return MMSYSERR_NODRIVER;
    if (flags & WAVE_FORMAT_QUERY)
        return query_format(&format, capture);

    STREAM *s = calloc(1, sizeof *s);
    if (s == NULL)
        return MMSYSERR_NOMEM;
    s->capture = capture;
    s->desc = *desc;
    s->callback_type = (flags >> 16) & DCB_TYPEMASK;
    s->format = format;
    s->volume = FULL_VOLUME;
    s->paused = capture; /* capture waits for WIDM_START */
    size_t frames = format.nSamplesPerSec / CHUNKS_PER_SECOND;
    s->chunk_bytes = (frames > 0 ? frames : 1) * format.nBlockAlign;
    s->scratch = malloc(s->chunk_bytes);
    if (s->scratch == NULL) {
        free(s);
        return MMSYSERR_NOMEM;
    }
    MMRESULT result = open_pcm(&s->pcm, capture, TRUE);
    if (result == MMSYSERR_NOERROR && !pcm_accepts(s->pcm, alsa_format_of(&format), format.nChannels,
                                                   format.nSamplesPerSec))
        result = WAVERR_BADFORMAT;
    if (result == MMSYSERR_NOERROR) {
        int err = alsa.set_params(s->pcm, alsa_format_of(&format), SND_PCM_ACCESS_RW_INTERLEAVED, format.nChannels,
                                  format.nSamplesPerSec, 1, LATENCY_US);
        if (err < 0) {
            fprintf(stderr, "alsa wave driver: ALSA refused the format: %s\n", alsa.strerror(err));
            result = WAVERR_BADFORMAT;
        }
    }
    if (result == MMSYSERR_NOERROR) {
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->wake, NULL);
        pthread_cond_init(&s->delivered, NULL);
        if (pthread_create(&s->thread, NULL, capture ? capture_thread : playback_thread, s) != 0)
            result = MMSYSERR_NOMEM;
    }
    if (result != MMSYSERR_NOERROR) {
        if (s->pcm != NULL)
            alsa.close(s->pcm);
        free(s->scratch);
        free(s);
        return result;
    }
    *instance = (DWORD_PTR)s;
    notify(s, capture ? WIM_OPEN : WOM_OPEN, 0);
    return MMSYSERR_NOERROR;
}

/* WODM_CLOSE, WIDM_CLOSE. */
static MMRESULT close_stream(STREAM *s)
{
    pthread_mutex_lock(&s->lock);
    if (pthread_equal(s->thread, pthread_self()) || (s->delivering && pthread_equal(s->deliverer, pthread_self()))) {
        pthread_mutex_unlock(&s->lock);
        return MMSYSERR_HANDLEBUSY; /* from inside this stream's own callback: it would wait for itself */
    }
    if (s->queue_head != NULL || s->done_head != NULL) {
        pthread_mutex_unlock(&s->lock);
        return WAVERR_STILLPLAYING;
    }
    while (s->delivering)
        pthread_cond_wait(&s->delivered, &s->lock);
    s->closing = TRUE;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    alsa.close(s->pcm);
    notify(s, s->capture ? WIM_CLOSE : WOM_CLOSE, 0);
    pthread_cond_destroy(&s->delivered);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s->scratch);
    free(s);
    return MMSYSERR_NOERROR;
}

/* WODM_WRITE, WIDM_ADDBUFFER: append a prepared buffer to the queue. */
static MMRESULT queue_buffer(STREAM *s, LPWAVEHDR h, DWORD_PTR size)
{
    if (h == NULL || size < sizeof(WAVEHDR) || h->lpData == NULL)
        return MMSYSERR_INVALPARAM;
    if (!(h->dwFlags & WHDR_PREPARED))
        return WAVERR_UNPREPARED;
    pthread_mutex_lock(&s->lock);
    if (h->dwFlags & WHDR_INQUEUE) {
        pthread_mutex_unlock(&s->lock);
        return WAVERR_STILLPLAYING;
    }
    h->dwFlags = (h->dwFlags & ~WHDR_DONE) | WHDR_INQUEUE;
    h->lpNext = NULL;
    if (s->capture)
        h->dwBytesRecorded = 0;
    if (s->queue_tail != NULL)
        s->queue_tail->lpNext = h;
    else
        s->queue_head = h;
    s->queue_tail = h;
    if (!s->capture && s->current == NULL)
        s->current = h; /* everything before it has been played */
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

/* WODM_GETPOS, WIDM_GETPOS: TIME_BYTES, TIME_SAMPLES or TIME_MS; any other type is answered in TIME_BYTES. */
static MMRESULT get_position(STREAM *s, MMTIME *time, DWORD_PTR size)
{
    if (time == NULL || size < sizeof(MMTIME))
        return MMSYSERR_INVALPARAM;
    pthread_mutex_lock(&s->lock);
    uint64_t bytes = s->position;
    pthread_mutex_unlock(&s->lock);
    uint64_t frames = bytes / s->format.nBlockAlign;
    switch (time->wType) {
    case TIME_SAMPLES:
        time->u.sample = (DWORD)frames;
        break;
    case TIME_MS:
        time->u.ms = (DWORD)(frames * 1000 / s->format.nSamplesPerSec);
        break;
    default:
        time->wType = TIME_BYTES;
        time->u.cb = (DWORD)bytes;
        break;
    }
    return MMSYSERR_NOERROR;
}

/* ---- Entry points ------------------------------------------------------------------------------------------------ */

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_OPEN:
        /* lParam1: the registry args. The first open since DRV_LOAD configures the driver for this process. */
        pthread_mutex_lock(&module_lock);
        if (!configured)
            configure((LPCWSTR)lParam1);
        configured = TRUE;
        pthread_mutex_unlock(&module_lock);
        return 1; /* any nonzero value: the driver keeps no per-open state */
    case DRV_CLOSE:
        return 1;
    case DRV_FREE:
        /* The module is about to be unloaded: forget the configuration, release libasound. */
        if (libasound != NULL) {
            alsa.set_error_handler(NULL); /* the handler is in this library, which is about to go */
            dlclose(libasound);
        }
        libasound = NULL;
        load_failed = FALSE;
        configured = FALSE;
        strcpy(playback_device, "default");
        strcpy(capture_device, "default");
        return 1;
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}

DRIVER_EXPORT DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1,
                                        DWORD_PTR dwParam2)
{
    STREAM *s = (STREAM *)dwUser;
    switch (uMsg) {
    case DRVM_INIT:
    case DRVM_EXIT:
        return MMSYSERR_NOERROR;
    case WODM_GETNUMDEVS:
        return 1; /* one device: the configured PCM */
    }
    if (uDeviceID != 0)
        return MMSYSERR_BADDEVICEID;
    switch (uMsg) {
    case WODM_GETDEVCAPS: {
        WAVEOUTCAPSW caps = { .wMid = MM_UNMAPPED, .wPid = MM_PID_UNMAPPED, .vDriverVersion = 0x0100,
                              .dwFormats = standard_formats(FALSE), .wChannels = 2,
                              .dwSupport = WAVECAPS_VOLUME | WAVECAPS_LRVOLUME };
        if (dwParam1 == 0)
            return MMSYSERR_INVALPARAM;
        product_name(caps.szPname, FALSE);
        memcpy((void *)dwParam1, &caps, dwParam2 < sizeof caps ? dwParam2 : sizeof caps);
        return MMSYSERR_NOERROR;
    }
    case WODM_OPEN:
        return open_stream(FALSE, (DWORD_PTR *)dwUser, (const WAVEOPENDESC *)dwParam1, (DWORD)dwParam2);
    case WODM_PREPARE:
    case WODM_UNPREPARE:
        return MMSYSERR_NOTSUPPORTED; /* nothing to lock or map: the service prepares */
    }
    if (s == NULL)
        return MMSYSERR_INVALHANDLE;
    MMRESULT result = MMSYSERR_NOERROR;
    switch (uMsg) {
    case WODM_CLOSE:
        return close_stream(s);
    case WODM_WRITE:
        return queue_buffer(s, (LPWAVEHDR)dwParam1, dwParam2);
    case WODM_GETPOS:
        return get_position(s, (MMTIME *)dwParam1, dwParam2);
    case WODM_GETVOLUME:
        if (dwParam1 == 0)
            return MMSYSERR_INVALPARAM;
        pthread_mutex_lock(&s->lock);
        *(DWORD *)dwParam1 = s->volume;
        pthread_mutex_unlock(&s->lock);
        return MMSYSERR_NOERROR;
    }
    pthread_mutex_lock(&s->lock);
    switch (uMsg) {
    case WODM_SETVOLUME:
        s->volume = (DWORD)dwParam1;
        break;
    case WODM_PAUSE:
    case WODM_RESTART:
        s->paused = uMsg == WODM_PAUSE;
        pthread_cond_signal(&s->wake);
        break;
    case WODM_BREAKLOOP:
        if (s->loop_start != NULL)
            s->loops_left = 1; /* this pass through the loop is the last */
        break;
    case WODM_RESET:
        reset(s);
        deliver(s);
        break;
    default:
        result = MMSYSERR_NOTSUPPORTED;
    }
    pthread_mutex_unlock(&s->lock);
    return result;
}

DRIVER_EXPORT DWORD APIENTRY widMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1,
                                        DWORD_PTR dwParam2)
{
    STREAM *s = (STREAM *)dwUser;
    switch (uMsg) {
    case DRVM_INIT:
    case DRVM_EXIT:
        return MMSYSERR_NOERROR;
    case WIDM_GETNUMDEVS:
        return 1;
    }
    if (uDeviceID != 0)
        return MMSYSERR_BADDEVICEID;
    switch (uMsg) {
    case WIDM_GETDEVCAPS: {
        WAVEINCAPSW caps = { .wMid = MM_UNMAPPED, .wPid = MM_PID_UNMAPPED, .vDriverVersion = 0x0100,
                             .dwFormats = standard_formats(TRUE), .wChannels = 2 };
        if (dwParam1 == 0)
            return MMSYSERR_INVALPARAM;
        product_name(caps.szPname, TRUE);
        memcpy((void *)dwParam1, &caps, dwParam2 < sizeof caps ? dwParam2 : sizeof caps);
        return MMSYSERR_NOERROR;
    }
    case WIDM_OPEN:
        return open_stream(TRUE, (DWORD_PTR *)dwUser, (const WAVEOPENDESC *)dwParam1, (DWORD)dwParam2);
    case WIDM_PREPARE:
    case WIDM_UNPREPARE:
        return MMSYSERR_NOTSUPPORTED;
    }
    if (s == NULL)
        return MMSYSERR_INVALHANDLE;
    MMRESULT result = MMSYSERR_NOERROR;
    switch (uMsg) {
    case WIDM_CLOSE:
        return close_stream(s);
    case WIDM_ADDBUFFER:
        return queue_buffer(s, (LPWAVEHDR)dwParam1, dwParam2);
    case WIDM_GETPOS:
        return get_position(s, (MMTIME *)dwParam1, dwParam2);
    }
    pthread_mutex_lock(&s->lock);
    switch (uMsg) {
    case WIDM_START:
        s->paused = FALSE;
        pthread_cond_signal(&s->wake);
        break;
    case WIDM_STOP:
        /* The buffer being filled comes back with what it holds; empty ones stay queued for the next start. */
        if (!s->paused) {
            s->paused = TRUE;
            s->generation++;
            s->drop_requested = TRUE;
            pthread_cond_signal(&s->wake);
            if (s->queue_head != NULL && s->queue_head->dwBytesRecorded > 0)
                finish_through(s, s->queue_head);
            deliver(s);
        }
        break;
    case WIDM_RESET:
        s->paused = TRUE;
        reset(s);
        deliver(s);
        break;
    default:
        result = MMSYSERR_NOTSUPPORTED;
    }
    pthread_mutex_unlock(&s->lock);
    return result;
}
