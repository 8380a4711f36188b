/*
 * wavecrashdrv.c - a wave output driver that crashes in the middle of playing, for the tests of isolated wave drivers:
 * the waveOut services must return every buffer still queued, done, when its host dies.
 *
 * One output device. A stream's thread finishes its queued buffers one at a time, every 2 ms, each with WOM_DONE.
 * Args words (one configuration per loaded file):
 *   thread=N   the playback thread dereferences a null pointer right after finishing the Nth buffer (1..9)
 *   write=N    the Nth WODM_WRITE dereferences a null pointer inside the call (1..9)
 *   hang=1     WODM_OPEN never returns (a host the application must kill at its deadline)
 * Without either it plays (finishes buffers) for ever. WODM_PREPARE/UNPREPARE answer MMSYSERR_NOTSUPPORTED.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <string.h>
#include <time.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmddk.h>

#define MAX_QUEUED 64

static int crash_after_done, crash_at_write, hang_at_open;

typedef struct {
    WAVEOPENDESC desc;
    DWORD callback_type;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    LPWAVEHDR queue[MAX_QUEUED];
    int count, writes, done, stopping;
} stream;

static stream the_stream; /* one stream at a time is enough for the tests */
static int stream_open;

/* The digit after `key` in the args (UTF-16), or 0. */
static int arg_digit(LPCWSTR args, const char *key)
{
    size_t length = strlen(key);
    for (; args != NULL && *args != 0; args++) {
        size_t i = 0;
        while (i < length && args[i] == (WCHAR)key[i]) {
            i++;
        }
        if (i == length && args[i] >= '1' && args[i] <= '9') {
            return args[i] - '0';
        }
    }
    return 0;
}

static void crash(void)
{
    *(volatile int *)0 = 1;
}

static void callback(stream *s, UINT msg, DWORD_PTR param1)
{
    DriverCallback(s->desc.dwCallback, s->callback_type, (HDRVR)s->desc.hWave, msg, s->desc.dwInstance, param1, 0);
}

/* Takes the oldest queued buffer, or NULL. Called with the lock held. */
static LPWAVEHDR take(stream *s)
{
    if (s->count == 0) {
        return NULL;
    }
    LPWAVEHDR header = s->queue[0];
    memmove(s->queue, s->queue + 1, (size_t)(--s->count) * sizeof *s->queue);
    return header;
}

static void finish(stream *s, LPWAVEHDR header)
{
    header->dwFlags = (header->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
    callback(s, WOM_DONE, (DWORD_PTR)header);
}

static void *play(void *context)
{
    stream *s = context;
    struct timespec step = { 0, 2000000 };
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        LPWAVEHDR header = take(s);
        if (header == NULL) {
            pthread_cond_wait(&s->wake, &s->lock);
            continue;
        }
        pthread_mutex_unlock(&s->lock);
        nanosleep(&step, NULL);
        finish(s, header);
        if (++s->done == crash_after_done) {
            crash();
        }
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

DWORD APIENTRY wodMessage(UINT device, UINT msg, DWORD_PTR user, DWORD_PTR param1, DWORD_PTR param2)
{
    (void)device;
    stream *s = &the_stream;
    switch (msg) {
    case DRVM_INIT:
    case DRVM_EXIT:
        return MMSYSERR_NOERROR;
    case WODM_GETNUMDEVS:
        return 1;
    case WODM_GETDEVCAPS: {
        WAVEOUTCAPSW caps;
        memset(&caps, 0, sizeof caps);
        const char *name = "Crashing out";
        for (int i = 0; name[i] != 0; i++) {
            caps.szPname[i] = (WCHAR)name[i];
        }
        caps.dwFormats = WAVE_FORMAT_4S16;
        caps.wChannels = 2;
        memcpy((void *)param1, &caps, param2 < sizeof caps ? param2 : sizeof caps);
        return MMSYSERR_NOERROR;
    }
    case WODM_OPEN: {
        if (param2 & WAVE_FORMAT_QUERY) {
            return MMSYSERR_NOERROR;
        }
        while (hang_at_open) {
            struct timespec hour = { 3600, 0 };
            nanosleep(&hour, NULL);
        }
        if (stream_open) {
            return MMSYSERR_ALLOCATED;
        }
        memset(s, 0, sizeof *s);
        s->desc = *(LPWAVEOPENDESC)param1;
        s->callback_type = HIWORD(param2);
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->wake, NULL);
        if (pthread_create(&s->thread, NULL, play, s) != 0) {
            return MMSYSERR_NOMEM;
        }
        stream_open = 1;
        *(DWORD_PTR *)user = (DWORD_PTR)s;
        callback(s, WOM_OPEN, 0);
        return MMSYSERR_NOERROR;
    }
    case WODM_WRITE: {
        LPWAVEHDR header = (LPWAVEHDR)param1;
        if (++s->writes == crash_at_write) {
            crash();
        }
        pthread_mutex_lock(&s->lock);
        if (s->count == MAX_QUEUED) {
            pthread_mutex_unlock(&s->lock);
            return MMSYSERR_NOMEM;
        }
        header->dwFlags = (header->dwFlags & ~WHDR_DONE) | WHDR_INQUEUE;
        s->queue[s->count++] = header;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        return MMSYSERR_NOERROR;
    }
    case WODM_RESET: {
        LPWAVEHDR header;
        pthread_mutex_lock(&s->lock);
        while ((header = take(s)) != NULL) {
            pthread_mutex_unlock(&s->lock);
            finish(s, header);
            pthread_mutex_lock(&s->lock);
        }
        pthread_mutex_unlock(&s->lock);
        return MMSYSERR_NOERROR;
    }
    case WODM_CLOSE:
        if (user != (DWORD_PTR)s || s->count > 0) {
            return s->count > 0 ? WAVERR_STILLPLAYING : MMSYSERR_INVALHANDLE;
        }
        pthread_mutex_lock(&s->lock);
        s->stopping = 1;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->thread, NULL);
        stream_open = 0;
        callback(s, WOM_CLOSE, 0);
        return MMSYSERR_NOERROR;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
}

LRESULT CALLBACK DriverProc(DWORD_PTR id, HDRVR driver, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    (void)id;
    (void)driver;
    (void)lParam2;
    switch (msg) {
    case DRV_OPEN:
        crash_after_done = arg_digit((LPCWSTR)lParam1, "thread=");
        crash_at_write = arg_digit((LPCWSTR)lParam1, "write=");
        hang_at_open = arg_digit((LPCWSTR)lParam1, "hang=");
        return 1;
    case DRV_LOAD:
    case DRV_ENABLE:
    case DRV_DISABLE:
    case DRV_FREE:
    case DRV_CLOSE:
        return 1;
    default:
        return 0;
    }
}
