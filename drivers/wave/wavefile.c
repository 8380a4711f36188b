/*
 * wavefile.c - a wave driver whose output device writes WAV files and whose input device reads one.
 *
 * It is a real device for people ("render to a file") and the deterministic device for tests, and it is written as
 * an unchanged Win32 wave driver: a DriverProc for the DRV_* lifecycle, plus the wodMessage and widMessage entry
 * points of mmddk.h that the waveOut/waveIn services call. docs/wave-drivers.md describes the contract.
 *
 * Configuration: the args of its registry line, e.g.
 *
 *     wave1 = wavefile.so out=/home/me/renders in=/home/me/voice.wav pace=fast
 *
 *   out=FOLDER   where output goes: every WODM_OPEN creates a new file FOLDER/out-<pid>-<n>.wav (n counts from 0 and
 *                skips names that exist); its RIFF sizes are written at WODM_CLOSE. Default: the current directory.
 *   in=FILE      the WAV file the input device records from; each WIDM_OPEN reads it from the start. Without it
 *                there is no input device (WIDM_GETNUMDEVS answers 0).
 *   pace=realtime|fast   realtime (the default) plays and records at the format's rate, in steps of about 10 ms;
 *                fast moves whole buffers as soon as they arrive.
 * A value may be double-quoted to hold spaces. An unknown word refuses DRV_OPEN.
 *
 * The runtime keeps one loaded image of a driver file per process, so this driver has ONE configuration per process:
 * the args of the DRV_OPEN that found no other instance open (the first since DRV_LOAD). Later opens' args are
 * ignored while any instance is open. To use two configurations in one process, register two copies of the file
 * under different paths.
 *
 * Devices: one output device and (with in=) one input device, both device id 0.
 * Formats: WAVE_FORMAT_PCM with 8, 16, 24 or 32 bits, and WAVE_FORMAT_IEEE_FLOAT with 32 bits; 1..16 channels;
 * 1000..768000 frames per second; nBlockAlign and nAvgBytesPerSec must agree with them. The input device accepts
 * exactly its file's format.
 *
 * Threads: each open stream has a worker thread that moves the data and a mutex that guards the stream. The mutex
 * is never held while DriverCallback runs, because a callback may call back into the driver; callbacks of a stream
 * are delivered one at a time, in order, by whichever thread finished the buffers (see deliver()).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <windows.h>
#include <mmsystem.h>
#include <mmddk.h>

/* mmreg.h's name for 32-bit float samples; mmsystem.h defines only WAVE_FORMAT_PCM. */
#ifndef WAVE_FORMAT_IEEE_FLOAT
#define WAVE_FORMAT_IEEE_FLOAT 0x0003
#endif
#define WAVE_FORMAT_EXTENSIBLE_TAG 0xFFFE /* mmreg.h's WAVE_FORMAT_EXTENSIBLE: the real tag is in the SubFormat GUID */

#define FULL_VOLUME 0xFFFFFFFFu  /* WODM_SETVOLUME: low word left, high word right, 0xFFFF is unchanged */
#define STEP_MS 10               /* realtime pacing moves about this much audio at a time */
#define MAX_PATH_BYTES 4096

/* ---- Configuration (one per process, see the top) ----------------------------------------------------------- */

typedef struct CONFIG {
    char out_folder[MAX_PATH_BYTES];
    char in_file[MAX_PATH_BYTES]; /* empty: no input device */
    int realtime;
} CONFIG;

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static CONFIG config = {".", "", 1};
static unsigned instances;        /* open DriverProc instances; the one that finds none open sets the configuration */
static unsigned next_file_number; /* n of out-<pid>-<n>.wav */
static DWORD device_volume = FULL_VOLUME; /* WODM_SETVOLUME without a stream: the volume new streams start with */

/* A stream's worker thread, allocated apart from the stream: a stream closed from inside its own callback is freed
 * while its worker is still returning through this driver's code, and that thread must be joined before the module
 * is unloaded (DRV_FREE), or the code would vanish under it. Such orphans wait in a list until they are joined. */
typedef struct WORKER {
    pthread_t thread;
    atomic_int exited;   /* the thread's last act: joining it now takes no time */
    struct WORKER *next; /* in the orphans list */
} WORKER;

static WORKER *orphans; /* guarded by config_lock */

static void adopt_orphan(WORKER *w)
{
    pthread_mutex_lock(&config_lock);
    w->next = orphans;
    orphans = w;
    pthread_mutex_unlock(&config_lock);
}

/* Joins the orphans that have exited, or all of them. The joins happen outside the lock: an orphan may still be in
 * a callback that calls back into the driver. */
static void reap_orphans(BOOL all)
{
    WORKER *reaped = NULL;
    pthread_mutex_lock(&config_lock);
    for (WORKER **link = &orphans; *link != NULL;) {
        WORKER *w = *link;
        if (all || atomic_load(&w->exited)) {
            *link = w->next;
            w->next = reaped;
            reaped = w;
        } else {
            link = &w->next;
        }
    }
    pthread_mutex_unlock(&config_lock);
    while (reaped != NULL) {
        WORKER *w = reaped;
        reaped = w->next;
        pthread_join(w->thread, NULL);
        free(w);
    }
}

static CONFIG current_config(void)
{
    pthread_mutex_lock(&config_lock);
    CONFIG copy = config;
    pthread_mutex_unlock(&config_lock);
    return copy;
}

/* Appends one UTF-16 code unit sequence's character to out as UTF-8; returns the new length, or 0 if it would not
 * fit. Paths are UTF-16 in the registry and UTF-8 for the C library. */
static size_t put_utf8(char *out, size_t length, size_t capacity, uint32_t c)
{
    char bytes[4];
    size_t n;
    if (c < 0x80) {
        bytes[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        bytes[0] = (char)(0xC0 | (c >> 6));
        bytes[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        bytes[0] = (char)(0xE0 | (c >> 12));
        bytes[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        bytes[0] = (char)(0xF0 | (c >> 18));
        bytes[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        bytes[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    if (length + n >= capacity)
        return 0;
    memcpy(out + length, bytes, n);
    return length + n;
}

/* Reads one word of the args (key=value, the value optionally in double quotes) as UTF-8 into word. Returns the
 * text after it, or NULL when the word is too long or its quote is not closed. */
static LPCWSTR read_word(LPCWSTR p, char *word, size_t capacity)
{
    size_t length = 0;
    int quoted = 0;
    for (; *p != 0 && (quoted || *p != ' '); p++) {
        if (*p == '"') {
            quoted = !quoted;
            continue;
        }
        uint32_t c = *p;
        if (c >= 0xD800 && c <= 0xDBFF && p[1] >= 0xDC00 && p[1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (uint32_t)(p[1] - 0xDC00);
            p++;
        }
        length = put_utf8(word, length, capacity, c);
        if (length == 0)
            return NULL;
    }
    word[length] = '\0';
    return quoted ? NULL : p;
}

/* Parses the args text of DRV_OPEN into a configuration. Returns FALSE for an unknown word or a bad value. */
static BOOL parse_args(LPCWSTR args, CONFIG *result)
{
    CONFIG parsed = {".", "", 1};
    char word[MAX_PATH_BYTES + 8];
    for (LPCWSTR p = args; p != NULL && *p != 0;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        p = read_word(p, word, sizeof word);
        if (p == NULL)
            return FALSE;
        if (strncmp(word, "out=", 4) == 0 && word[4] != '\0' && strlen(word + 4) < MAX_PATH_BYTES)
            strcpy(parsed.out_folder, word + 4);
        else if (strncmp(word, "in=", 3) == 0 && word[3] != '\0' && strlen(word + 3) < MAX_PATH_BYTES)
            strcpy(parsed.in_file, word + 3);
        else if (strcmp(word, "pace=realtime") == 0)
            parsed.realtime = 1;
        else if (strcmp(word, "pace=fast") == 0)
            parsed.realtime = 0;
        else
            return FALSE;
    }
    *result = parsed;
    return TRUE;
}

/* ---- The installable-driver entry point ---------------------------------------------------------------------- */

LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_FREE:
        /* The module is about to be unloaded: no thread may still run its code. */
        reap_orphans(TRUE);
        return 1;

    case DRV_OPEN: {
        /* lParam1: the args text. The instance needs no state of its own, so its id is just nonzero. */
        CONFIG parsed;
        pthread_mutex_lock(&config_lock);
        BOOL first = instances == 0;
        BOOL accepted = !first || parse_args((LPCWSTR)lParam1, &parsed);
        if (first && accepted)
            config = parsed;
        if (accepted)
            instances++;
        pthread_mutex_unlock(&config_lock);
        return accepted ? 1 : 0;
    }

    case DRV_CLOSE:
        pthread_mutex_lock(&config_lock);
        if (instances > 0)
            instances--;
        pthread_mutex_unlock(&config_lock);
        return 1;

    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}

/* ---- Formats ----------------------------------------------------------------------------------------------------- */

/* The fields of a format that this driver looks at. A WAVE_FORMAT_PCM format may be a 16-byte PCMWAVEFORMAT with
 * no cbSize, so cbSize is never read. */
typedef struct FORMAT {
    WORD tag;
    WORD channels;
    DWORD rate;
    DWORD bytes_per_second;
    WORD block_align;
    WORD bits;
} FORMAT;

static FORMAT read_format(const WAVEFORMAT *wf)
{
    const PCMWAVEFORMAT *pcm = (const PCMWAVEFORMAT *)wf;
    FORMAT f = {wf->wFormatTag, wf->nChannels, wf->nSamplesPerSec, wf->nAvgBytesPerSec, wf->nBlockAlign,
                pcm->wBitsPerSample};
    return f;
}

static BOOL is_supported(const FORMAT *f)
{
    BOOL pcm = f->tag == WAVE_FORMAT_PCM && (f->bits == 8 || f->bits == 16 || f->bits == 24 || f->bits == 32);
    BOOL ieee = f->tag == WAVE_FORMAT_IEEE_FLOAT && f->bits == 32;
    return (pcm || ieee) && f->channels >= 1 && f->channels <= 16 && f->rate >= 1000 && f->rate <= 768000 &&
           f->block_align == f->channels * f->bits / 8 && f->bytes_per_second == f->rate * f->block_align;
}

static BOOL same_format(const FORMAT *a, const FORMAT *b)
{
    return a->tag == b->tag && a->channels == b->channels && a->rate == b->rate && a->bits == b->bits &&
           a->block_align == b->block_align && a->bytes_per_second == b->bytes_per_second;
}

/* The WAVE_FORMAT_1M08 ... capability bit of a standard format, or 0. */
static DWORD standard_format_bit(const FORMAT *f)
{
    static const DWORD rates[] = {11025, 22050, 44100, 48000, 96000};
    if (f->tag != WAVE_FORMAT_PCM || f->channels > 2 || (f->bits != 8 && f->bits != 16))
        return 0;
    for (unsigned i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        if (f->rate == rates[i])
            return (DWORD)1 << (4 * i + (f->bits == 16 ? 2 : 0) + (f->channels == 2 ? 1 : 0));
    }
    return 0;
}

/* ---- WAV files ------------------------------------------------------------------------------------------------- */

static void put16(BYTE *p, WORD v)
{
    p[0] = (BYTE)v;
    p[1] = (BYTE)(v >> 8);
}

static void put32(BYTE *p, DWORD v)
{
    put16(p, (WORD)v);
    put16(p + 2, (WORD)(v >> 16));
}

static WORD get16(const BYTE *p)
{
    return (WORD)(p[0] | p[1] << 8);
}

static DWORD get32(const BYTE *p)
{
    return (DWORD)get16(p) | (DWORD)get16(p + 2) << 16;
}

/* The header of an output file: RIFF, a 16-byte fmt chunk for PCM, or for float an 18-byte fmt chunk (cbSize 0)
 * and the fact chunk with the frame count that non-PCM files carry. Returns its size. */
static size_t wav_header(const FORMAT *f, DWORD data_bytes, BYTE *h)
{
    BOOL pcm = f->tag == WAVE_FORMAT_PCM;
    DWORD fmt_size = pcm ? 16 : 18;
    size_t size = 12 + 8 + fmt_size + (pcm ? 0 : 12) + 8;
    DWORD padded = data_bytes + (data_bytes & 1); /* RIFF chunks are word-aligned */
    memcpy(h, "RIFF", 4);
    put32(h + 4, (DWORD)(size - 8) + padded);
    memcpy(h + 8, "WAVEfmt ", 8);
    put32(h + 16, fmt_size);
    put16(h + 20, f->tag);
    put16(h + 22, f->channels);
    put32(h + 24, f->rate);
    put32(h + 28, f->bytes_per_second);
    put16(h + 32, f->block_align);
    put16(h + 34, f->bits);
    BYTE *p = h + 36;
    if (!pcm) {
        put16(p, 0);
        memcpy(p + 2, "fact", 4);
        put32(p + 6, 4);
        put32(p + 10, data_bytes / f->block_align);
        p += 14;
    }
    memcpy(p, "data", 4);
    put32(p + 4, data_bytes);
    return size;
}

/* Opens a WAV file for reading: its format, and the file positioned at its data, whose size goes to data_bytes. */
static FILE *open_wav(const char *path, FORMAT *format, DWORD *data_bytes)
{
    FILE *file = fopen(path, "rb");
    BYTE chunk[40];
    BOOL have_format = FALSE;
    if (file == NULL)
        return NULL;
    if (fread(chunk, 1, 12, file) != 12 || memcmp(chunk, "RIFF", 4) != 0 || memcmp(chunk + 8, "WAVE", 4) != 0)
        goto fail;
    while (fread(chunk, 1, 8, file) == 8) {
        DWORD size = get32(chunk + 4);
        if (memcmp(chunk, "data", 4) == 0 && have_format) {
            *data_bytes = size;
            return file;
        }
        if (memcmp(chunk, "fmt ", 4) == 0 && size >= 16) {
            DWORD keep = size < sizeof chunk ? size : (DWORD)sizeof chunk;
            if (fread(chunk, 1, keep, file) != keep)
                goto fail;
            FORMAT f = {get16(chunk), get16(chunk + 2), get32(chunk + 4), get32(chunk + 8), get16(chunk + 12),
                        get16(chunk + 14)};
            if (f.tag == WAVE_FORMAT_EXTENSIBLE_TAG && keep >= 26)
                f.tag = get16(chunk + 24); /* the first two bytes of the SubFormat GUID are the plain tag */
            *format = f;
            have_format = TRUE;
            size -= keep;
        }
        if (fseek(file, (long)size + (long)(size & 1), SEEK_CUR) != 0)
            goto fail;
    }
fail:
    fclose(file);
    return NULL;
}

/* ---- Streams ------------------------------------------------------------------------------------------------------ */

/* One open stream, output or input; its address is the dwUser the services pass back with every message.
 *
 * Buffers pass through three places, all linked through WAVEHDR.lpNext, which mmsystem.h reserves for the driver:
 * `queue` (written or added, not finished; output plays from `current`, which lags behind the head only inside a
 * loop), then `finished` (done, but its callback not yet delivered: still WHDR_INQUEUE), then back to the
 * application with WHDR_DONE set, just before its WOM_DONE or WIM_DATA. */
typedef struct STREAM {
    pthread_mutex_t lock;
    pthread_cond_t wake;      /* tells the worker that something changed */
    pthread_cond_t delivered; /* tells waiters that a delivery round ended */
    struct WORKER *worker;
    BOOL output;
    BOOL realtime;
    FORMAT format;
    FILE *file;

    /* Where callbacks go: waveOutOpen's dwCallback, its CALLBACK_* type as a DCB_* type, the handle, the instance. */
    DWORD_PTR callback;
    DWORD callback_type;
    HWAVE hwave;
    DWORD_PTR instance;

    WAVEHDR *queue, *queue_tail;
    WAVEHDR *current;       /* output: the buffer to play next (NULL: wait for one) */
    DWORD current_offset;   /* output: bytes of it already played */
    WAVEHDR *loop_start;    /* output: the WHDR_BEGINLOOP buffer of the loop playing, or NULL */
    DWORD loops_left;       /* output: passes of that loop still to play, this one included */
    WAVEHDR *finished, *finished_tail;

    atomic_int callers; /* entry-point calls waiting for the lock: the worker lets them in between its steps */
    BOOL running;     /* output: not paused; input: started */
    BOOL closing;     /* the worker must exit */
    BOOL delivering;  /* a thread is running callbacks */
    pthread_t deliverer;
    BOOL released;    /* closed from inside a callback: the delivering thread frees the stream when it returns */

    DWORD position;   /* bytes played or recorded since open or reset */
    struct timespec next_step; /* realtime pacing: when the next step is due */
    BOOL clock_running;

    DWORD data_bytes; /* output: bytes in the file's data chunk */
    DWORD volume;     /* output: low word left, high word right */
    DWORD input_left; /* input: bytes of the file's data not yet read */
} STREAM;

/* Takes a stream's lock from an entry point. A mutex is not fair: a worker that moves data as fast as it can would
 * take the lock back again and again before a waiting caller wakes up, so callers announce themselves. */
static void lock_stream(STREAM *s)
{
    atomic_fetch_add(&s->callers, 1);
    pthread_mutex_lock(&s->lock);
    atomic_fetch_sub(&s->callers, 1);
}

/* The worker, between two steps: if entry points are waiting for the lock, let them have it first. */
static void let_callers_in(STREAM *s)
{
    if (atomic_load(&s->callers) == 0)
        return;
    pthread_mutex_unlock(&s->lock);
    while (atomic_load(&s->callers) > 0)
        sched_yield();
    pthread_mutex_lock(&s->lock);
}

static void remove_stream(STREAM *s)
{
    pthread_cond_destroy(&s->wake);
    pthread_cond_destroy(&s->delivered);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

static void notify(STREAM *s, UINT msg, DWORD_PTR param1)
{
    DriverCallback(s->callback, s->callback_type, (HDRVR)s->hwave, msg, s->instance, param1, 0);
}

/* Moves the buffers from the head of the queue up to and including last to the finished list. */
static void finish_through(STREAM *s, WAVEHDR *last)
{
    WAVEHDR *first = s->queue;
    s->queue = last->lpNext;
    if (s->queue == NULL)
        s->queue_tail = NULL;
    last->lpNext = NULL;
    if (s->finished_tail != NULL)
        s->finished_tail->lpNext = first;
    else
        s->finished = first;
    s->finished_tail = last;
}

/* Delivers the finished buffers' callbacks, in order; called and returns with the lock held. One thread delivers
 * at a time, so callbacks never overlap or reorder. A thread that finds another delivering waits for it to end,
 * so that when reset returns, every buffer it finished has had its callback. A callback that calls back into the
 * driver (a reset from inside WOM_DONE) only adds to the list; the loop here delivers that too.
 * Returns TRUE if the stream was closed from a callback and has been freed: the caller must not touch it. */
static BOOL deliver(STREAM *s)
{
    if (s->delivering) {
        if (pthread_equal(s->deliverer, pthread_self()))
            return FALSE;
        while (s->delivering)
            pthread_cond_wait(&s->delivered, &s->lock);
    }
    s->delivering = TRUE;
    s->deliverer = pthread_self();
    while (s->finished != NULL && !s->released) {
        WAVEHDR *hdr = s->finished;
        s->finished = hdr->lpNext;
        if (s->finished == NULL)
            s->finished_tail = NULL;
        hdr->dwFlags = (hdr->dwFlags & ~(DWORD)WHDR_INQUEUE) | WHDR_DONE;
        /* From here the header belongs to the application again: only its address is used. */
        pthread_mutex_unlock(&s->lock);
        notify(s, s->output ? WOM_DONE : WIM_DATA, (DWORD_PTR)hdr);
        lock_stream(s);
    }
    s->delivering = FALSE;
    if (s->released) {
        pthread_mutex_unlock(&s->lock);
        remove_stream(s);
        return TRUE;
    }
    pthread_cond_broadcast(&s->delivered);
    return FALSE;
}

/* Realtime pacing: TRUE while the next step is not yet due (the worker then waits until it is, or until woken). */
static BOOL step_not_due(STREAM *s)
{
    if (!s->realtime)
        return FALSE;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!s->clock_running) {
        s->next_step = now; /* starting or resuming: the clock starts now, not when it stopped */
        s->clock_running = TRUE;
        return FALSE;
    }
    return now.tv_sec < s->next_step.tv_sec || (now.tv_sec == s->next_step.tv_sec && now.tv_nsec < s->next_step.tv_nsec);
}

static void advance_clock(STREAM *s, DWORD bytes)
{
    long long ns = s->next_step.tv_nsec + (long long)bytes * 1000000000LL / s->format.bytes_per_second;
    s->next_step.tv_sec += (time_t)(ns / 1000000000LL);
    s->next_step.tv_nsec = (long)(ns % 1000000000LL);
}

/* How many bytes one step moves: a whole buffer's worth when fast, about STEP_MS of audio in realtime. */
static DWORD step_limit(const STREAM *s, DWORD available)
{
    if (!s->realtime)
        return available;
    DWORD step = s->format.bytes_per_second / (1000 / STEP_MS);
    step -= step % s->format.block_align;
    if (step == 0)
        step = s->format.block_align;
    return available < step ? available : step;
}

/* ---- Output: writing samples ------------------------------------------------------------------------------------ */

/* Scales one sample in place by a 16-bit volume (0xFFFF leaves it unchanged). Integer samples round toward zero. */
static void scale_sample(BYTE *p, const FORMAT *f, DWORD volume)
{
    switch (f->bits) {
    case 8: /* unsigned, centred on 128 */
        *p = (BYTE)(((int)*p - 128) * (int)volume / 0xFFFF + 128);
        break;
    case 16: {
        int32_t v = (int16_t)get16(p);
        put16(p, (WORD)(int16_t)(v * (int32_t)volume / 0xFFFF));
        break;
    }
    case 24: {
        int32_t v = (int32_t)((uint32_t)p[0] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 24) >> 8;
        int32_t scaled = (int32_t)((int64_t)v * volume / 0xFFFF);
        p[0] = (BYTE)scaled;
        p[1] = (BYTE)(scaled >> 8);
        p[2] = (BYTE)(scaled >> 16);
        break;
    }
    default: /* 32 bits */
        if (f->tag == WAVE_FORMAT_IEEE_FLOAT) {
            float v;
            memcpy(&v, p, 4);
            v = v * (float)volume / 65535.0f;
            memcpy(p, &v, 4);
        } else {
            put32(p, (DWORD)(int32_t)((int64_t)(int32_t)get32(p) * volume / 0xFFFF));
        }
        break;
    }
}

/* Appends bytes of samples to the file's data chunk, with the stream's volume applied: the left volume to even
 * channels (the only one in mono), the right volume to odd ones. Samples are counted from the start of the data,
 * so a sample split across two buffers is left as it is. Like a sound card, the stream goes on when samples are
 * lost: a failed write (a full disk) and anything past the 4 GB a RIFF file can hold are dropped. */
static void write_samples(STREAM *s, const BYTE *data, DWORD bytes)
{
    if (bytes > 0xFFFFFFFFu - 64 - s->data_bytes)
        bytes = 0xFFFFFFFFu - 64 - s->data_bytes;
    if (s->volume == FULL_VOLUME) {
        s->data_bytes += (DWORD)fwrite(data, 1, bytes, s->file);
        return;
    }

    BYTE scratch[4096];
    DWORD sample_size = s->format.bits / 8;
    while (bytes > 0) {
        DWORD n = bytes < sizeof scratch ? bytes : (DWORD)sizeof scratch;
        memcpy(scratch, data, n);
        DWORD start = s->data_bytes;
        for (DWORD i = (sample_size - start % sample_size) % sample_size; i + sample_size <= n; i += sample_size) {
            DWORD channel = (start + i) / sample_size % s->format.channels;
            WORD level = channel % 2 == 0 ? LOWORD(s->volume) : HIWORD(s->volume);
            scale_sample(scratch + i, &s->format, level);
        }
        s->data_bytes += (DWORD)fwrite(scratch, 1, n, s->file);
        data += n;
        bytes -= n;
    }
}

/* The current buffer has been played through: go on to the next, or around the loop again. */
static void buffer_played(STREAM *s)
{
    WAVEHDR *hdr = s->current;
    s->current = hdr->lpNext;
    s->current_offset = 0;
    if (s->loop_start == NULL) {
        finish_through(s, hdr);
    } else if (hdr->dwFlags & WHDR_ENDLOOP) {
        if (s->loops_left > 1) {
            s->loops_left--;
            s->current = s->loop_start;
        } else {
            s->loop_start = NULL;
            finish_through(s, hdr); /* a loop's buffers come back together, after its last pass */
        }
    }
}

/* Plays one step of the current buffer into the file. */
static void play_step(STREAM *s)
{
    WAVEHDR *hdr = s->current;
    if (s->current_offset == 0 && (hdr->dwFlags & WHDR_BEGINLOOP) && s->loop_start == NULL) {
        s->loop_start = hdr;
        s->loops_left = hdr->dwLoops; /* 0 or 1: played once */
    }
    DWORD n = step_limit(s, hdr->dwBufferLength - s->current_offset);
    write_samples(s, (const BYTE *)hdr->lpData + s->current_offset, n);
    s->current_offset += n;
    s->position += n;
    if (s->realtime)
        advance_clock(s, n);
    if (s->current_offset == hdr->dwBufferLength)
        buffer_played(s);
}

/* ---- Input: reading samples --------------------------------------------------------------------------------------- */

/* Records one step into the buffer at the head of the queue. It goes back full, or partly filled when the input
 * ends; after the end, buffers stay queued until stop or reset. */
static void record_step(STREAM *s)
{
    WAVEHDR *hdr = s->queue;
    DWORD space = hdr->dwBufferLength - hdr->dwBytesRecorded;
    space -= space % s->format.block_align;
    if (space == 0) { /* full, or smaller than one block */
        finish_through(s, hdr);
        return;
    }
    DWORD n = step_limit(s, space < s->input_left ? space : s->input_left);
    DWORD got = (DWORD)fread((BYTE *)hdr->lpData + hdr->dwBytesRecorded, 1, n, s->file);
    hdr->dwBytesRecorded += got;
    s->position += got;
    s->input_left = got < n ? 0 : s->input_left - got;
    if (s->realtime)
        advance_clock(s, got);
    if (s->input_left == 0 ? hdr->dwBytesRecorded > 0 : got == space)
        finish_through(s, hdr);
}

/* ---- The worker thread of a stream ----------------------------------------------------------------------------- */

static BOOL has_work(const STREAM *s)
{
    if (!s->running)
        return FALSE;
    return s->output ? s->current != NULL : s->queue != NULL && s->input_left > 0;
}

static void *worker_main(void *argument)
{
    STREAM *s = argument;
    WORKER *self = s->worker;
    pthread_mutex_lock(&s->lock);
    while (!s->closing) {
        if (s->finished != NULL && !s->delivering) {
            if (deliver(s)) { /* closed from its own callback, and freed */
                atomic_store(&self->exited, 1);
                return NULL;
            }
            continue;
        }
        if (!has_work(s)) {
            s->clock_running = FALSE;
            pthread_cond_wait(&s->wake, &s->lock);
            continue;
        }
        if (step_not_due(s)) {
            pthread_cond_timedwait(&s->wake, &s->lock, &s->next_step);
            continue;
        }
        if (s->output)
            play_step(s);
        else
            record_step(s);
        let_callers_in(s);
    }
    pthread_mutex_unlock(&s->lock);
    atomic_store(&self->exited, 1);
    return NULL;
}

/* ---- Messages common to both directions ---------------------------------------------------------------------------- */

static DWORD open_stream(BOOL output, DWORD_PTR *user, const WAVEOPENDESC *desc, DWORD flags)
{
    if (user == NULL || desc == NULL || desc->lpFormat == NULL)
        return MMSYSERR_INVALPARAM;
    FORMAT wanted = read_format(desc->lpFormat);
    if (!is_supported(&wanted))
        return WAVERR_BADFORMAT;

    CONFIG cfg = current_config();
    FILE *file;
    DWORD input_bytes = 0;
    char path[MAX_PATH_BYTES + 64];
    if (output) {
        if (flags & WAVE_FORMAT_QUERY)
            return MMSYSERR_NOERROR;
        int fd = -1;
        pthread_mutex_lock(&config_lock);
        while (fd < 0) {
            snprintf(path, sizeof path, "%s/out-%ld-%u.wav", cfg.out_folder, (long)getpid(), next_file_number++);
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd < 0 && errno != EEXIST)
                break;
        }
        pthread_mutex_unlock(&config_lock);
        file = fd < 0 ? NULL : fdopen(fd, "wb");
        if (file == NULL) {
            if (fd >= 0)
                close(fd);
            return MMSYSERR_ERROR; /* the out folder is missing or not writable */
        }
    } else {
        FORMAT actual;
        file = open_wav(cfg.in_file, &actual, &input_bytes);
        if (file == NULL)
            return MMSYSERR_ERROR; /* the in file is missing or not a WAV file */
        if (!same_format(&wanted, &actual) || (flags & WAVE_FORMAT_QUERY)) {
            fclose(file);
            return same_format(&wanted, &actual) ? MMSYSERR_NOERROR : WAVERR_BADFORMAT;
        }
    }

    reap_orphans(FALSE);
    STREAM *s = calloc(1, sizeof *s);
    WORKER *worker = calloc(1, sizeof *worker);
    pthread_condattr_t clock_attribute;
    if (s == NULL || worker == NULL) {
        free(s);
        free(worker);
        fclose(file);
        if (output)
            unlink(path);
        return MMSYSERR_NOMEM;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_condattr_init(&clock_attribute);
    pthread_condattr_setclock(&clock_attribute, CLOCK_MONOTONIC);
    pthread_cond_init(&s->wake, &clock_attribute);
    pthread_condattr_destroy(&clock_attribute);
    pthread_cond_init(&s->delivered, NULL);
    s->worker = worker;
    s->output = output;
    s->realtime = cfg.realtime;
    s->format = wanted;
    s->file = file;
    s->callback = desc->dwCallback;
    s->callback_type = HIWORD(flags) & DCB_TYPEMASK;
    s->hwave = desc->hWave;
    s->instance = desc->dwInstance;
    s->running = output; /* output plays as soon as it has buffers; input waits for WIDM_START */
    s->input_left = input_bytes;
    pthread_mutex_lock(&config_lock);
    s->volume = device_volume;
    pthread_mutex_unlock(&config_lock);
    if (output) {
        BYTE header[64];
        size_t size = wav_header(&wanted, 0, header); /* rewritten with the sizes at close */
        fwrite(header, 1, size, file);
    }
    if (pthread_create(&worker->thread, NULL, worker_main, s) != 0) {
        fclose(file);
        if (output)
            unlink(path); /* the open failed: leave no file behind */
        free(worker);
        remove_stream(s);
        return MMSYSERR_NOMEM;
    }
    *user = (DWORD_PTR)s;
    notify(s, output ? WOM_OPEN : WIM_OPEN, 0);
    return MMSYSERR_NOERROR;
}

static DWORD close_stream(STREAM *s)
{
    lock_stream(s);
    if (s->queue != NULL || s->finished != NULL) {
        pthread_mutex_unlock(&s->lock);
        return WAVERR_STILLPLAYING;
    }
    BOOL in_callback = s->delivering && pthread_equal(s->deliverer, pthread_self());
    while (s->delivering && !in_callback)
        pthread_cond_wait(&s->delivered, &s->lock);
    s->closing = TRUE;
    pthread_cond_broadcast(&s->wake);
    WORKER *worker = s->worker;
    BOOL on_worker = pthread_equal(worker->thread, pthread_self());
    pthread_mutex_unlock(&s->lock);
    if (on_worker) {
        adopt_orphan(worker); /* inside its own callback: it exits once that returns, and is joined later */
    } else {
        pthread_join(worker->thread, NULL);
        free(worker);
    }

    if (s->output) {
        BYTE header[64];
        size_t size = wav_header(&s->format, s->data_bytes, header);
        if (s->data_bytes & 1)
            fputc(0, s->file);
        if (fseek(s->file, 0, SEEK_SET) == 0)
            fwrite(header, 1, size, s->file);
    }
    fclose(s->file);
    notify(s, s->output ? WOM_CLOSE : WIM_CLOSE, 0);
    if (in_callback) {
        lock_stream(s);
        s->released = TRUE; /* deliver() frees it when the callback that called us returns */
        pthread_mutex_unlock(&s->lock);
    } else {
        remove_stream(s);
    }
    return MMSYSERR_NOERROR;
}

/* WODM_WRITE and WIDM_ADDBUFFER: queue a prepared buffer. */
static DWORD queue_buffer(STREAM *s, WAVEHDR *hdr)
{
    if (hdr == NULL)
        return MMSYSERR_INVALPARAM;
    if (!(hdr->dwFlags & WHDR_PREPARED))
        return WAVERR_UNPREPARED;
    lock_stream(s);
    if (hdr->dwFlags & WHDR_INQUEUE) {
        pthread_mutex_unlock(&s->lock);
        return WAVERR_STILLPLAYING;
    }
    hdr->dwFlags = (hdr->dwFlags & ~(DWORD)WHDR_DONE) | WHDR_INQUEUE;
    hdr->lpNext = NULL;
    if (!s->output)
        hdr->dwBytesRecorded = 0;
    if (s->queue_tail != NULL)
        s->queue_tail->lpNext = hdr;
    else
        s->queue = hdr;
    s->queue_tail = hdr;
    if (s->output && s->current == NULL)
        s->current = hdr;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

/* WODM_RESET and WIDM_RESET: stop, give every queued buffer back done, and start the position again from zero.
 * Output is no longer paused afterwards. Returns after the callbacks of those buffers were delivered. */
static DWORD reset_stream(STREAM *s)
{
    lock_stream(s);
    if (s->queue_tail != NULL)
        finish_through(s, s->queue_tail);
    s->current = NULL;
    s->current_offset = 0;
    s->loop_start = NULL;
    s->position = 0;
    s->running = s->output;
    pthread_cond_broadcast(&s->wake);
    if (!deliver(s))
        pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

static DWORD set_running(STREAM *s, BOOL running)
{
    lock_stream(s);
    s->running = running;
    pthread_cond_broadcast(&s->wake);
    pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

/* WIDM_STOP: stop recording; the buffer being filled goes back with what it holds, empty ones stay queued. */
static DWORD stop_input(STREAM *s)
{
    lock_stream(s);
    s->running = FALSE;
    if (s->queue != NULL && s->queue->dwBytesRecorded > 0)
        finish_through(s, s->queue);
    if (!deliver(s))
        pthread_mutex_unlock(&s->lock);
    return MMSYSERR_NOERROR;
}

/* WODM_GETPOS and WIDM_GETPOS. A time type the driver does not keep is answered in bytes, as Windows does. */
static DWORD get_position(STREAM *s, MMTIME *time, DWORD size)
{
    if (time == NULL || size < sizeof(UINT) + sizeof(DWORD))
        return MMSYSERR_INVALPARAM;
    lock_stream(s);
    DWORD bytes = s->position;
    pthread_mutex_unlock(&s->lock);
    switch (time->wType) {
    case TIME_SAMPLES:
        time->u.sample = bytes / s->format.block_align;
        break;
    case TIME_MS:
        time->u.ms = (DWORD)((uint64_t)bytes * 1000 / s->format.bytes_per_second);
        break;
    default:
        time->wType = TIME_BYTES;
        time->u.cb = bytes;
        break;
    }
    return MMSYSERR_NOERROR;
}

/* WODM_GETDEVCAPS and WIDM_GETDEVCAPS: the capabilities, cut to the size the caller's structure has. */
static DWORD get_caps(BOOL output, void *caps, DWORD size)
{
    static const char out_name[] = "WAV file out";
    static const char in_name[] = "WAV file in";
    const char *name = output ? out_name : in_name;
    WAVEOUTCAPSW full; /* WAVEINCAPSW is the same without the last member */
    if (caps == NULL)
        return MMSYSERR_INVALPARAM;
    memset(&full, 0, sizeof full);
    full.wMid = 0xFFFF; /* MM_UNMAPPED: no registered manufacturer id */
    full.wPid = 0xFFFF; /* MM_PID_UNMAPPED */
    full.vDriverVersion = 0x0100;
    for (size_t i = 0; name[i] != '\0'; i++)
        full.szPname[i] = (WCHAR)name[i];
    if (output) {
        full.dwFormats = 0x000FFFFF; /* every standard format, WAVE_FORMAT_1M08 to WAVE_FORMAT_96S16 */
        full.wChannels = 2;
        full.dwSupport = WAVECAPS_VOLUME | WAVECAPS_LRVOLUME | WAVECAPS_SAMPLEACCURATE;
    } else {
        FORMAT f;
        DWORD data_bytes;
        FILE *file = open_wav(current_config().in_file, &f, &data_bytes);
        if (file != NULL) {
            fclose(file);
            full.dwFormats = standard_format_bit(&f);
            full.wChannels = f.channels;
        }
    }
    size_t limit = output ? sizeof(WAVEOUTCAPSW) : sizeof(WAVEINCAPSW);
    memcpy(caps, &full, size < limit ? size : limit);
    return MMSYSERR_NOERROR;
}

/* ---- The wave-driver entry points ---------------------------------------------------------------------------------- */

DRIVER_EXPORT DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1,
                                        DWORD_PTR dwParam2);
DRIVER_EXPORT DWORD APIENTRY widMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1,
                                        DWORD_PTR dwParam2);

DWORD APIENTRY wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    STREAM *s = (STREAM *)dwUser;
    switch (uMsg) {
    case DRVM_INIT: /* the service loaded the driver; nothing to set up beyond DRV_OPEN's configuration */
    case DRVM_EXIT:
    case DRVM_ENABLE:
    case DRVM_DISABLE:
        return MMSYSERR_NOERROR;
    case WODM_OPEN:
        /* dwUser points to where the stream's value goes; dwParam2 holds WAVE_* flags and the CALLBACK_* type. */
        return uDeviceID != 0 ? MMSYSERR_BADDEVICEID
                              : open_stream(TRUE, (DWORD_PTR *)dwUser, (const WAVEOPENDESC *)dwParam1, (DWORD)dwParam2);
    case WODM_GETNUMDEVS:
        return 1;
    case WODM_GETDEVCAPS:
        return uDeviceID != 0 ? MMSYSERR_BADDEVICEID : get_caps(TRUE, (void *)dwParam1, (DWORD)dwParam2);
    case WODM_GETVOLUME:
        if (dwParam1 == 0)
            return MMSYSERR_INVALPARAM;
        if (s != NULL) {
            lock_stream(s);
            *(DWORD *)dwParam1 = s->volume;
            pthread_mutex_unlock(&s->lock);
        } else {
            pthread_mutex_lock(&config_lock);
            *(DWORD *)dwParam1 = device_volume;
            pthread_mutex_unlock(&config_lock);
        }
        return MMSYSERR_NOERROR;
    case WODM_SETVOLUME:
        /* With a stream, its volume; with only a device id, the volume streams opened later start with. */
        if (s != NULL) {
            lock_stream(s);
            s->volume = (DWORD)dwParam1;
            pthread_mutex_unlock(&s->lock);
        } else {
            pthread_mutex_lock(&config_lock);
            device_volume = (DWORD)dwParam1;
            pthread_mutex_unlock(&config_lock);
        }
        return MMSYSERR_NOERROR;
    case WODM_PREPARE:
    case WODM_UNPREPARE:
        return MMSYSERR_NOTSUPPORTED; /* nothing to prepare: the service marks the header itself */
    default:
        break;
    }
    if (s == NULL)
        return uMsg == WODM_CLOSE || uMsg == WODM_WRITE || uMsg == WODM_PAUSE || uMsg == WODM_RESTART ||
                       uMsg == WODM_RESET || uMsg == WODM_GETPOS || uMsg == WODM_BREAKLOOP
                   ? MMSYSERR_INVALHANDLE
                   : MMSYSERR_NOTSUPPORTED;
    switch (uMsg) {
    case WODM_CLOSE:
        return close_stream(s);
    case WODM_WRITE:
        return queue_buffer(s, (WAVEHDR *)dwParam1);
    case WODM_PAUSE:
        return set_running(s, FALSE);
    case WODM_RESTART:
        return set_running(s, TRUE);
    case WODM_RESET:
        return reset_stream(s);
    case WODM_GETPOS:
        return get_position(s, (MMTIME *)dwParam1, (DWORD)dwParam2);
    case WODM_BREAKLOOP:
        /* The loop plays to its end once more, then playback goes on after it. */
        lock_stream(s);
        if (s->loop_start != NULL)
            s->loops_left = 1;
        pthread_mutex_unlock(&s->lock);
        return MMSYSERR_NOERROR;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
}

DWORD APIENTRY widMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)
{
    STREAM *s = (STREAM *)dwUser;
    BOOL has_device = current_config().in_file[0] != '\0';
    switch (uMsg) {
    case DRVM_INIT:
    case DRVM_EXIT:
    case DRVM_ENABLE:
    case DRVM_DISABLE:
        return MMSYSERR_NOERROR;
    case WIDM_OPEN:
        return uDeviceID != 0 || !has_device
                   ? MMSYSERR_BADDEVICEID
                   : open_stream(FALSE, (DWORD_PTR *)dwUser, (const WAVEOPENDESC *)dwParam1, (DWORD)dwParam2);
    case WIDM_GETNUMDEVS:
        return has_device ? 1 : 0;
    case WIDM_GETDEVCAPS:
        return uDeviceID != 0 || !has_device ? MMSYSERR_BADDEVICEID
                                             : get_caps(FALSE, (void *)dwParam1, (DWORD)dwParam2);
    case WIDM_PREPARE:
    case WIDM_UNPREPARE:
        return MMSYSERR_NOTSUPPORTED;
    default:
        break;
    }
    if (s == NULL)
        return uMsg == WIDM_CLOSE || uMsg == WIDM_ADDBUFFER || uMsg == WIDM_START || uMsg == WIDM_STOP ||
                       uMsg == WIDM_RESET || uMsg == WIDM_GETPOS
                   ? MMSYSERR_INVALHANDLE
                   : MMSYSERR_NOTSUPPORTED;
    switch (uMsg) {
    case WIDM_CLOSE:
        return close_stream(s);
    case WIDM_ADDBUFFER:
        return queue_buffer(s, (WAVEHDR *)dwParam1);
    case WIDM_START:
        return set_running(s, TRUE);
    case WIDM_STOP:
        return stop_input(s);
    case WIDM_RESET:
        return reset_stream(s);
    case WIDM_GETPOS:
        return get_position(s, (MMTIME *)dwParam1, (DWORD)dwParam2);
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
}
