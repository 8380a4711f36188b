/*
 * mp3.c - an ACM codec driver that decodes MPEG audio layer 3 (WAVE_FORMAT_MPEGLAYER3, MPEGLAYER3WAVEFORMAT) to 16-bit
 * PCM at the same rate and channel count. Decode only: PCM to MP3 answers ACMERR_NOTPOSSIBLE.
 *
 * The decoding itself is libmpg123's, a maintained decoder found on every Linux distribution. The library is loaded
 * at run time (dlopen) and the few functions used are declared by hand below, so the driver builds without
 * mpg123's headers and loads without the library: DRV_LOAD succeeds, and a stream open answers MMSYSERR_NODRIVER
 * after one line on stderr saying libmpg123 is not installed.
 *
 * How a stream works. An MP3 stream is a sequence of frames (1152 samples each in MPEG-1, 576 in MPEG-2 and 2.5),
 * and a caller's buffer rarely ends on a frame boundary. Every ACMDM_STREAM_CONVERT hands all its source bytes to
 * the stream's mpg123 handle in feed mode (cbSrcLengthUsed is always the whole source), then reads as much 16-bit
 * PCM as has decoded and fits the destination. The bytes of a frame that is not complete yet wait in mpg123's feed
 * buffer for the next call, and so does decoded PCM the destination had no room for. ACMDM_STREAM_RESET (a seek, to
 * the ACM) forgets both. mpg123's gapless mode is on (its default): when the stream starts with the Xing/LAME
 * header an encoder writes, the encoder's delay and padding are cut, so a whole file decodes to its original length.
 *
 * Build: cc -std=c11 -shared -fPIC -I sdk/include -I sdk/include/win32 -o mp3.so mp3.c -ldl
 * Register: [Drivers32] msacm.mp3=mp3.so
 */
#include "acmcodec.h"

#include <dlfcn.h>
#include <stdlib.h>

/* ---- libmpg123, declared by hand ----------------------------------------------------------------------------------
 * The values are mpg123.h's (API version 1.x, stable since 2008); the functions are looked up in libmpg123.so.0 at
 * DRV_LOAD. The handle is opaque. */
typedef struct mpg123_handle_struct mpg123_handle;

#define MPG123_OK 0
#define MPG123_NEED_MORE (-10)  /* the feed holds no complete frame: give more input */
#define MPG123_NEW_FORMAT (-11) /* the output format is (now) known: no data this time */
#define MPG123_DONE (-12)
#define MPG123_ADD_FLAGS 2      /* mpg123_param: set flags on top of the current ones */
#define MPG123_QUIET 0x20       /* no messages on stderr: a driver reports through its results */
#define MPG123_ENC_SIGNED_16 0xD0

static struct {
    int (*init)(void);
    mpg123_handle *(*create)(const char *decoder, int *error);
    void (*destroy)(mpg123_handle *mh);
    int (*param)(mpg123_handle *mh, int type, long value, double fvalue);
    int (*format_none)(mpg123_handle *mh);
    int (*format)(mpg123_handle *mh, long rate, int channels, int encodings);
    int (*open_feed)(mpg123_handle *mh);
    int (*feed)(mpg123_handle *mh, const unsigned char *in, size_t size);
    int (*read)(mpg123_handle *mh, void *out, size_t size, size_t *done);
    int (*getformat)(mpg123_handle *mh, long *rate, int *channels, int *encoding);
} mpg123;

static const struct {
    const char *name;
    void **slot;
} mpg123_functions[] = {
    {"mpg123_init", (void **)&mpg123.init},
    {"mpg123_new", (void **)&mpg123.create},
    {"mpg123_delete", (void **)&mpg123.destroy},
    {"mpg123_param", (void **)&mpg123.param},
    {"mpg123_format_none", (void **)&mpg123.format_none},
    {"mpg123_format", (void **)&mpg123.format},
    {"mpg123_open_feed", (void **)&mpg123.open_feed},
    {"mpg123_feed", (void **)&mpg123.feed},
    {"mpg123_read", (void **)&mpg123.read},
    {"mpg123_getformat", (void **)&mpg123.getformat},
};

static void *libmpg123;       /* dlopen handle, or NULL */
static char why_not[128];     /* why libmpg123 could not be loaded, said on stderr at the first stream open */
static BOOL said_why_not;

/* Loads libmpg123 at DRV_LOAD, which the driver manager sends once, before any other message and from one thread: so
 * no stream open races another over the function pointers. Without the library the driver still loads (its details
 * and formats answer); only decoding needs it, so the reason is kept to be said when a stream is opened. */
static void load_mpg123(void)
{
    void *library = dlopen("libmpg123.so.0", RTLD_NOW | RTLD_LOCAL);
    const char *missing = NULL;
    for (size_t i = 0; library != NULL && missing == NULL && i < sizeof mpg123_functions / sizeof mpg123_functions[0];
         i++) {
        void *function = dlsym(library, mpg123_functions[i].name);
        /* POSIX guarantees a data pointer from dlsym converts to a function pointer; memcpy says so portably. */
        memcpy(mpg123_functions[i].slot, &function, sizeof function);
        if (function == NULL) {
            missing = mpg123_functions[i].name;
        }
    }
    if (library == NULL) {
        snprintf(why_not, sizeof why_not, "libmpg123 is not installed (libmpg123.so.0 not found)");
    } else if (missing != NULL) {
        snprintf(why_not, sizeof why_not, "libmpg123.so.0 lacks %s; libmpg123 is too old", missing);
    } else if (mpg123.init() != MPG123_OK) { /* a no-op since 1.27; required before */
        snprintf(why_not, sizeof why_not, "mpg123_init failed");
    } else {
        libmpg123 = library;
        return;
    }
    if (library != NULL) {
        dlclose(library);
    }
}

/* TRUE when streams can be decoded; otherwise says why on stderr, once. */
static BOOL have_mpg123(void)
{
    if (libmpg123 == NULL && !said_why_not) {
        said_why_not = TRUE;
        fprintf(stderr, "mp3 codec: %s\n", why_not);
    }
    return libmpg123 != NULL;
}

/* ---- Formats -------------------------------------------------------------------------------------------------------
 * The rates MPEG audio has: MPEG-1 (32, 44.1, 48 kHz; 1152 samples a frame), MPEG-2 (16, 22.05, 24 kHz) and MPEG-2.5
 * (8, 11.025, 12 kHz; both 576 samples a frame). */
static BOOL is_mpeg_rate(DWORD rate)
{
    static const DWORD rates[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        if (rates[i] == rate) {
            return TRUE;
        }
    }
    return FALSE;
}

/* An MP3 format we decode: mono or stereo at an MPEG rate. The rest of MPEGLAYER3WAVEFORMAT describes how the
 * stream was cut into blocks, which the decoder finds out from the frames themselves. */
static BOOL is_mp3(const WAVEFORMATEX *wfx)
{
    return wfx->wFormatTag == WAVE_FORMAT_MPEGLAYER3 && (wfx->nChannels == 1 || wfx->nChannels == 2) &&
           is_mpeg_rate(wfx->nSamplesPerSec);
}

#define MP3_FORMAT_SIZE ((DWORD)sizeof(MPEGLAYER3WAVEFORMAT))
#define MP3_STANDARD_FORMATS (ACMCODEC_RATE_COUNT * 2)

static const ACMCODEC_TAG tags[] = {
    {WAVE_FORMAT_PCM, ACMCODEC_PCM_FORMAT_SIZE, MP3_STANDARD_FORMATS, u"PCM"},
    {WAVE_FORMAT_MPEGLAYER3, MP3_FORMAT_SIZE, MP3_STANDARD_FORMATS, u"MPEG Layer-3"},
};
#define TAG_COUNT ((DWORD)(sizeof tags / sizeof tags[0]))

/* Samples in one frame at a rate: 1152 for MPEG-1, 576 below 32 kHz. */
static DWORD samples_per_frame(DWORD rate)
{
    return rate >= 32000 ? 1152 : 576;
}

/* The standard formats: the folder's four rates, mono then stereo, at a constant bit rate of 8 kbit/s per channel
 * at 8 kHz, 16 at 11.025, 32 at 22.05 and 64 at 44.1 kHz (128 kbit/s stereo: the common MP3). A block is one frame
 * (without its optional padding byte); nCodecDelay is left 0: the decoder compensates its own delay. */
static void make_mp3(MPEGLAYER3WAVEFORMAT *mp3, WORD channels, DWORD rate)
{
    static const DWORD kbitsPerChannel[ACMCODEC_RATE_COUNT] = {8, 16, 32, 64};
    DWORD index = 0;
    while (index + 1 < ACMCODEC_RATE_COUNT && acmcodec_rate(index) != rate) {
        index++;
    }
    DWORD bytesPerSecond = kbitsPerChannel[index] * 1000 / 8 * channels;
    memset(mp3, 0, sizeof *mp3);
    mp3->wfx.wFormatTag = WAVE_FORMAT_MPEGLAYER3;
    mp3->wfx.nChannels = channels;
    mp3->wfx.nSamplesPerSec = rate;
    mp3->wfx.nAvgBytesPerSec = bytesPerSecond;
    mp3->wfx.nBlockAlign = 1; /* frames vary in size by their padding byte: the stream is byte-aligned */
    mp3->wfx.wBitsPerSample = 0;
    mp3->wfx.cbSize = MPEGLAYER3_WFX_EXTRA_BYTES;
    mp3->wID = MPEGLAYER3_ID_MPEG;
    mp3->fdwFlags = MPEGLAYER3_FLAG_PADDING_ISO;
    mp3->nBlockSize = (WORD)(bytesPerSecond * samples_per_frame(rate) / rate);
    mp3->nFramesPerBlock = 1;
    mp3->nCodecDelay = 0;
}

/* An MP3 format is told by its bit rate, not its bits a sample (0): "128 kBit/s, 44.100 kHz, Stereo". */
static void describe_mp3(WCHAR *to, size_t capacity, const WAVEFORMATEX *wfx)
{
    char text[64];
    snprintf(text, sizeof text, "%u kBit/s, %u.%03u kHz, %s", (unsigned)(wfx->nAvgBytesPerSec * 8 / 1000),
             (unsigned)(wfx->nSamplesPerSec / 1000), (unsigned)(wfx->nSamplesPerSec % 1000),
             wfx->nChannels == 1 ? "Mono" : "Stereo");
    WCHAR *at = to;
    acmcodec_append_ascii(&at, to + capacity, text);
}

/* ACMDM_FORMAT_DETAILS: fill the format at an index of a tag, or describe a format the caller has. */
static LRESULT format_details(ACMFORMATDETAILSW *pafd, DWORD flags)
{
    if (pafd == NULL || pafd->pwfx == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    switch (flags & ACM_FORMATDETAILSF_QUERYMASK) {
    case ACM_FORMATDETAILSF_INDEX: {
        DWORD i = acmcodec_find_tag(tags, TAG_COUNT, pafd->dwFormatTag);
        if (i == TAG_COUNT || pafd->dwFormatIndex >= MP3_STANDARD_FORMATS) {
            return ACMERR_NOTPOSSIBLE;
        }
        if (pafd->cbwfx < tags[i].formatSize) {
            return MMSYSERR_INVALPARAM;
        }
        WORD channels = (WORD)(pafd->dwFormatIndex % 2 + 1);
        DWORD rate = acmcodec_rate(pafd->dwFormatIndex / 2);
        if (pafd->dwFormatTag == WAVE_FORMAT_PCM) {
            acmcodec_make_pcm16(pafd->pwfx, channels, rate);
        } else {
            make_mp3((MPEGLAYER3WAVEFORMAT *)pafd->pwfx, channels, rate);
        }
        break;
    }
    case ACM_FORMATDETAILSF_FORMAT:
        if (pafd->cbwfx < ACMCODEC_PCM_FORMAT_SIZE || !(acmcodec_is_pcm16(pafd->pwfx) || is_mp3(pafd->pwfx))) {
            return ACMERR_NOTPOSSIBLE;
        }
        break;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    LRESULT found = acmcodec_format_found(pafd);
    if (pafd->pwfx->wFormatTag == WAVE_FORMAT_MPEGLAYER3) {
        describe_mp3(pafd->szFormat, ACMFORMATDETAILS_FORMAT_CHARS, pafd->pwfx);
    }
    return found;
}

/* ACMDM_FORMAT_SUGGEST: MP3 suggests 16-bit PCM at its rate and channel count; PCM suggests nothing (no encoder). */
static LRESULT format_suggest(ACMDRVFORMATSUGGEST *suggest)
{
    if (!acmcodec_suggest_valid(suggest)) {
        return MMSYSERR_INVALPARAM;
    }
    if (suggest->cbwfxSrc < ACMCODEC_PCM_FORMAT_SIZE || !is_mp3(suggest->pwfxSrc)) {
        return ACMERR_NOTPOSSIBLE;
    }
    WAVEFORMATEX proposed;
    memset(&proposed, 0, sizeof proposed);
    acmcodec_make_pcm16(&proposed, suggest->pwfxSrc->nChannels, suggest->pwfxSrc->nSamplesPerSec);
    if (!acmcodec_suggestion_fits(suggest, &proposed) || suggest->cbwfxDst < ACMCODEC_PCM_FORMAT_SIZE) {
        return ACMERR_NOTPOSSIBLE;
    }
    memcpy(suggest->pwfxDst, &proposed, ACMCODEC_PCM_FORMAT_SIZE);
    return MMSYSERR_NOERROR;
}

/* ---- Streams -------------------------------------------------------------------------------------------------------
 * An open stream's dwDriver is its mpg123 handle, in feed mode, allowed one output format: the destination's. */
static mpg123_handle *decoder_of(const ACMDRVSTREAMINSTANCE *instance)
{
    return (mpg123_handle *)instance->dwDriver;
}

/* Starts (or restarts) a feed: whatever was buffered, input or output, is dropped. */
static BOOL start_feed(mpg123_handle *mh, const WAVEFORMATEX *pcm)
{
    return mpg123.open_feed(mh) == MPG123_OK && mpg123.format_none(mh) == MPG123_OK &&
           mpg123.format(mh, (long)pcm->nSamplesPerSec, pcm->nChannels, MPG123_ENC_SIGNED_16) == MPG123_OK;
}

static LRESULT stream_open(ACMDRVSTREAMINSTANCE *instance)
{
    if (!acmcodec_stream_valid(instance)) {
        return MMSYSERR_INVALPARAM;
    }
    const WAVEFORMATEX *src = instance->pwfxSrc, *dst = instance->pwfxDst;
    if (!is_mp3(src) || !acmcodec_is_pcm16(dst) || src->nChannels != dst->nChannels ||
        src->nSamplesPerSec != dst->nSamplesPerSec || instance->pwfltr != NULL ||
        (instance->fdwOpen & ACM_STREAMOPENF_ASYNC)) {
        return ACMERR_NOTPOSSIBLE; /* MP3 to PCM of the same shape only: no encoder, no filter, synchronous */
    }
    if (!have_mpg123()) {
        return MMSYSERR_NODRIVER;
    }
    if (instance->fdwOpen & ACM_STREAMOPENF_QUERY) {
        return MMSYSERR_NOERROR; /* the caller only asked */
    }
    int error = MPG123_OK;
    mpg123_handle *mh = mpg123.create(NULL, &error);
    if (mh == NULL) {
        return MMSYSERR_NOMEM;
    }
    if (mpg123.param(mh, MPG123_ADD_FLAGS, MPG123_QUIET, 0.0) != MPG123_OK || !start_feed(mh, dst)) {
        mpg123.destroy(mh);
        return MMSYSERR_ERROR;
    }
    instance->dwDriver = (DWORD_PTR)mh;
    return MMSYSERR_NOERROR;
}

static LRESULT stream_close(ACMDRVSTREAMINSTANCE *instance)
{
    if (instance == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    if (decoder_of(instance) != NULL) {
        mpg123.destroy(decoder_of(instance));
        instance->dwDriver = 0;
    }
    return MMSYSERR_NOERROR;
}

/* ACMDM_STREAM_RESET: the caller is about to feed from elsewhere in the stream (a seek), so nothing buffered from
 * before may come out. */
static LRESULT stream_reset(const ACMDRVSTREAMINSTANCE *instance)
{
    if (!acmcodec_stream_valid(instance)) {
        return MMSYSERR_INVALPARAM;
    }
    if (decoder_of(instance) == NULL) {
        return MMSYSERR_INVALHANDLE;
    }
    return start_feed(decoder_of(instance), instance->pwfxDst) ? MMSYSERR_NOERROR : MMSYSERR_ERROR;
}

/* ACMDM_STREAM_SIZE. MP3 is variable: a bound, not an exact size. The most samples a source byte can hold is the
 * rate over the lowest bit rate in bytes a second (32 kbit/s for MPEG-1, 8 kbit/s for MPEG-2 and 2.5), and the feed
 * may carry up to two frames from earlier buffers (an incomplete frame's bytes and PCM that found no room). */
static LRESULT stream_size(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMSIZE *size)
{
    if (!acmcodec_stream_valid(instance) || size == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    if (decoder_of(instance) == NULL) {
        return MMSYSERR_INVALHANDLE;
    }
    DWORD rate = instance->pwfxSrc->nSamplesPerSec;
    unsigned long long samplesPerByte = (rate + (rate >= 32000 ? 3999 : 999)) / (rate >= 32000 ? 4000 : 1000);
    unsigned long long carried = 2ull * samples_per_frame(rate);
    unsigned long long frameBytes = instance->pwfxDst->nBlockAlign;
    switch (size->fdwSize & ACM_STREAMSIZEF_QUERYMASK) {
    case ACM_STREAMSIZEF_SOURCE: {
        unsigned long long bytes = (size->cbSrcLength * samplesPerByte + carried) * frameBytes;
        if (size->cbSrcLength == 0 || bytes > 0xFFFFFFFFull) {
            return ACMERR_NOTPOSSIBLE;
        }
        size->cbDstLength = (DWORD)bytes;
        return MMSYSERR_NOERROR;
    }
    case ACM_STREAMSIZEF_DESTINATION: {
        unsigned long long samples = size->cbDstLength / frameBytes;
        if (samples <= carried || (samples - carried) / samplesPerByte == 0) {
            return ACMERR_NOTPOSSIBLE; /* not even room for what the feed may hold already */
        }
        size->cbSrcLength = (DWORD)((samples - carried) / samplesPerByte);
        return MMSYSERR_NOERROR;
    }
    default:
        return MMSYSERR_INVALFLAG;
    }
}

/* ACMDM_STREAM_CONVERT: feed every source byte, then read the PCM that decodes, as much as fits. */
static LRESULT stream_convert(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMHEADER *header)
{
    if (!acmcodec_stream_valid(instance) || !acmcodec_header_valid(header)) {
        return MMSYSERR_INVALPARAM;
    }
    mpg123_handle *mh = decoder_of(instance);
    if (mh == NULL) {
        return MMSYSERR_INVALHANDLE;
    }
    if (header->cbSrcLength > 0 && mpg123.feed(mh, header->pbSrc, header->cbSrcLength) != MPG123_OK) {
        return MMSYSERR_NOMEM; /* the feed buffer could not grow */
    }
    /* Whole sample frames only, so that a frame never straddles two destinations. */
    DWORD room = header->cbDstLength - header->cbDstLength % instance->pwfxDst->nBlockAlign;
    DWORD written = 0;
    int status = MPG123_OK;
    while (written < room && (status == MPG123_OK || status == MPG123_NEW_FORMAT)) {
        size_t done = 0;
        status = mpg123.read(mh, header->pbDst + written, room - written, &done);
        written += (DWORD)done;
        if (status == MPG123_NEW_FORMAT) {
            /* Frames of another rate or channel count than the format block said are resampled or mixed by mpg123
             * into the one format it was allowed; a library that answered another anyway must not be trusted. */
            long rate = 0;
            int channels = 0, encoding = 0;
            mpg123.getformat(mh, &rate, &channels, &encoding);
            if (rate != (long)instance->pwfxDst->nSamplesPerSec || channels != instance->pwfxDst->nChannels ||
                encoding != MPG123_ENC_SIGNED_16) {
                return ACMERR_NOTPOSSIBLE;
            }
        }
    }
    if (status != MPG123_OK && status != MPG123_NEED_MORE && status != MPG123_DONE &&
        status != MPG123_NEW_FORMAT) {
        return MMSYSERR_ERROR; /* mpg123 gave up on the data (it resynchronises over garbage by itself) */
    }
    header->cbSrcLengthUsed = header->cbSrcLength;
    header->cbDstLengthUsed = written;
    return MMSYSERR_NOERROR;
}

/* ---- The entry point ---------------------------------------------------------------------------------------------- */
DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_LOAD:
        load_mpg123();
        return 1; /* with or without libmpg123: the driver loads either way */
    case DRV_FREE:
        if (libmpg123 != NULL) {
            dlclose(libmpg123);
        }
        libmpg123 = NULL;
        said_why_not = FALSE;
        return 1;
    case DRV_OPEN:
        return acmcodec_open(lParam2);
    case DRV_CLOSE:
        return 1;

    case ACMDM_DRIVER_DETAILS:
        return acmcodec_driver_details((ACMDRIVERDETAILSW *)lParam1, TAG_COUNT, u"MPEG Layer-3",
                                       u"MPEG Layer-3 decoder (libmpg123)",
                                       u"MPEG audio layer 3 to 16-bit PCM, mono and stereo, through libmpg123.");
    case ACMDM_DRIVER_ABOUT:
        return MMSYSERR_NOTSUPPORTED;

    case ACMDM_FORMATTAG_DETAILS:
        return acmcodec_formattag_details((ACMFORMATTAGDETAILSW *)lParam1, (DWORD)lParam2, tags, TAG_COUNT);
    case ACMDM_FORMAT_DETAILS:
        return format_details((ACMFORMATDETAILSW *)lParam1, (DWORD)lParam2);
    case ACMDM_FORMAT_SUGGEST:
        return format_suggest((ACMDRVFORMATSUGGEST *)lParam1);

    case ACMDM_STREAM_OPEN:
        return stream_open((ACMDRVSTREAMINSTANCE *)lParam1);
    case ACMDM_STREAM_CLOSE:
        return stream_close((ACMDRVSTREAMINSTANCE *)lParam1);
    case ACMDM_STREAM_RESET:
        return stream_reset((ACMDRVSTREAMINSTANCE *)lParam1);
    case ACMDM_STREAM_SIZE:
        return stream_size((ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMSIZE *)lParam2);
    case ACMDM_STREAM_CONVERT:
        return stream_convert((ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMHEADER *)lParam2);

    default:
        return acmcodec_default(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
