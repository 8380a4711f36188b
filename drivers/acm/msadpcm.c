/*
 * msadpcm.c - an ACM codec driver for Microsoft ADPCM (WAVE_FORMAT_ADPCM), decode and encode, mono and stereo.
 *
 * Written from Microsoft's published description of the format (the ADPCMWAVEFORMAT structure and the block layout of
 * its "Multimedia Standards Update"); no other codec's source was used. It converts between Microsoft ADPCM and 8- or
 * 16-bit PCM at the same rate and channel count, and is a complete ACM driver: a codec author can read it as an example
 * of every message a codec answers.
 *
 * The format, in short. Audio is cut into blocks of nBlockAlign bytes that decode independently. A block starts with a
 * header per channel, each field interleaved across channels: the predictor index (1 byte), the initial quantizer step
 * "delta" (2 bytes), then sample 1 and sample 2 (2 bytes each), the last two samples before the coded ones. Sample 2 is
 * the older: the block's first two frames are sample 2, then sample 1. 4-bit codes follow, high nibble first, channels
 * alternating. Each code c (two's complement, -8..7) gives the next sample as
 *     predicted = (sample1 * coef1 + sample2 * coef2) / 256,  sample = clamp16(predicted + c * delta)
 * with (coef1, coef2) the predictor pair the block chose from the format's table, and then adapts the step:
 *     delta = max(16, delta * adaptation[c & 15] / 256).
 * So a block of nBlockAlign bytes holds wSamplesPerBlock = (nBlockAlign - 7 * channels) * 8 / (4 * channels) + 2 frames.
 *
 * The encoder codes each channel of a block with every predictor pair of the format's table and keeps the pair whose
 * decoded result is nearest the input (least squared error); the first step is half the mean prediction error of the
 * samples right after the header. Round-trip signal-to-noise ratio of a half-scale sine (tested with margins in
 * tests/.../MsAdpcmCodecTests.cs): 55.7 dB at 440 Hz and 29.6 dB at 3 kHz at 22.05 kHz mono, 32.7 dB at 1 kHz at 8 kHz,
 * 66.9 and 46.2 dB for 440 Hz and 1.5 kHz at 44.1 kHz stereo, 59.0 dB at 440 Hz through 8-bit PCM.
 *
 * Streams. Blocks are independent, so a stream keeps no history, only its formats. Whole blocks convert while both buffers have room. A
 * partial block (PCM frames short of a block, or ADPCM bytes short of nBlockAlign) converts only at
 * ACM_STREAMCONVERTF_END without ACM_STREAMCONVERTF_BLOCKALIGN, as the stream's last: PCM becomes a short block (the
 * header and the codes it needs; with an odd number of mono codes the last byte's low nibble pads, so the block decodes
 * to one frame more), and a short ADPCM block decodes to the frames it holds, as WAV readers decode a file's last block.
 *
 * Build: cc -std=c11 -shared -fPIC -I sdk/include -I sdk/include/win32 -o msadpcm.so msadpcm.c
 * Register: [Drivers32] msacm.msadpcm=msadpcm.so
 */
#include "acmcodec.h"

#include <stdlib.h>

/* ---- The format's constants -------------------------------------------------------------------------------------- */

/* The step adaptation: small codes shrink the step, large ones grow it. Indexed by the code's 4 bits. */
static const int adaptation[16] = { 230, 230, 230, 230, 307, 409, 512, 614, 768, 614, 512, 409, 307, 230, 230, 230 };

/* The seven standard predictor pairs, scaled by 256, which every standard format lists in its aCoef table. */
#define STANDARD_COEFFICIENTS 7
static const ADPCMCOEFSET standard_coefficients[STANDARD_COEFFICIENTS] = {
    { 256, 0 }, { 512, -256 }, { 0, 0 }, { 192, 64 }, { 240, 0 }, { 460, -208 }, { 392, -232 },
};

#define MIN_DELTA 16
/* The format leaves the step unbounded; a corrupt block could grow it until it overflows. Valid streams stay far below
 * this bound (any step above 65536 already saturates every nonzero code), and capping it keeps delta * 768 an int. */
#define MAX_DELTA (0x7FFFFFFF / 768)

#define HEADER_BYTES_PER_CHANNEL 7
/* A standard format carries the seven pairs. */
#define STANDARD_FORMAT_BYTES (sizeof(ADPCMWAVEFORMAT) + STANDARD_COEFFICIENTS * sizeof(ADPCMCOEFSET)) /* 50 */

/* The formats this driver lists (ACMDM_FORMAT_DETAILS by index): the folder's standard rates, mono and stereo, and for
 * PCM 8 and 16 bits. Conversions work at any rate. The block grows with the rate as Windows sizes it: 256 bytes per
 * channel up to 11025 Hz, doubling with each doubling of the rate. */
#define LISTED_PCM_FORMATS (ACMCODEC_RATE_COUNT * 2 * 2)
#define LISTED_ADPCM_FORMATS (ACMCODEC_RATE_COUNT * 2)

/* Frames in a block of block_align bytes: the two header samples, then two codes a byte shared by the channels. */
static DWORD samples_per_block(DWORD block_align, DWORD channels)
{
    return (block_align - HEADER_BYTES_PER_CHANNEL * channels) * 8 / (4 * channels) + 2;
}

static WORD standard_block_align(DWORD rate, WORD channels)
{
    WORD per_channel = 256;
    for (DWORD r = 11025; r < rate && per_channel < 8192; r *= 2) {
        per_channel *= 2;
    }
    return (WORD)(per_channel * channels);
}

/* ---- Which formats are valid --------------------------------------------------------------------------------------- */

static BOOL is_pcm(const WAVEFORMATEX *wfx)
{
    return wfx->wFormatTag == WAVE_FORMAT_PCM && (wfx->nChannels == 1 || wfx->nChannels == 2) && wfx->nSamplesPerSec > 0 &&
           (wfx->wBitsPerSample == 8 || wfx->wBitsPerSample == 16) &&
           wfx->nBlockAlign == wfx->nChannels * wfx->wBitsPerSample / 8;
}

/* A Microsoft ADPCM format whose fields agree with each other. Any coefficient table of 1 to 256 pairs is accepted (the
 * format allows more than the standard seven); the block must hold the header and at least one byte of codes. */
static BOOL is_adpcm(const WAVEFORMATEX *wfx)
{
    if (wfx->wFormatTag != WAVE_FORMAT_ADPCM || (wfx->nChannels != 1 && wfx->nChannels != 2) || wfx->nSamplesPerSec == 0 ||
        wfx->wBitsPerSample != 4 || wfx->cbSize < sizeof(ADPCMWAVEFORMAT) - sizeof(WAVEFORMATEX) ||
        wfx->nBlockAlign <= HEADER_BYTES_PER_CHANNEL * wfx->nChannels) {
        return FALSE;
    }
    const ADPCMWAVEFORMAT *adpcm = (const ADPCMWAVEFORMAT *)wfx;
    return adpcm->wNumCoef >= 1 && adpcm->wNumCoef <= 256 &&
           wfx->cbSize >= sizeof(ADPCMWAVEFORMAT) - sizeof(WAVEFORMATEX) + adpcm->wNumCoef * sizeof(ADPCMCOEFSET) &&
           adpcm->wSamplesPerBlock == samples_per_block(wfx->nBlockAlign, wfx->nChannels);
}

/* ---- Building formats ---------------------------------------------------------------------------------------------- */

/* A PCM format (16 bytes, a PCMWAVEFORMAT: PCM formats carry no cbSize), 8 or 16 bits. */
static void fill_pcm(WAVEFORMATEX *wfx, DWORD rate, WORD channels, WORD bits)
{
    acmcodec_make_pcm16(wfx, channels, rate);
    wfx->wBitsPerSample = bits;
    wfx->nBlockAlign = (WORD)(channels * bits / 8);
    wfx->nAvgBytesPerSec = rate * wfx->nBlockAlign;
}

/* A standard format: the block size Windows uses for the rate, and the seven standard predictor pairs. */
static void fill_adpcm(ADPCMWAVEFORMAT *adpcm, DWORD rate, WORD channels)
{
    WAVEFORMATEX *wfx = &adpcm->wfx;
    wfx->wFormatTag = WAVE_FORMAT_ADPCM;
    wfx->nChannels = channels;
    wfx->nSamplesPerSec = rate;
    wfx->wBitsPerSample = 4;
    wfx->nBlockAlign = standard_block_align(rate, channels);
    wfx->cbSize = STANDARD_FORMAT_BYTES - sizeof(WAVEFORMATEX);
    adpcm->wSamplesPerBlock = (WORD)samples_per_block(wfx->nBlockAlign, channels);
    adpcm->wNumCoef = STANDARD_COEFFICIENTS;
    for (int i = 0; i < STANDARD_COEFFICIENTS; i++) {
        adpcm->aCoef[i] = standard_coefficients[i];
    }
    /* Blocks per second times block bytes, rounded down: 4096 at 8 kHz mono, 44359 at 44.1 kHz stereo, as Windows has it. */
    wfx->nAvgBytesPerSec = (DWORD)((uint64_t)rate * wfx->nBlockAlign / adpcm->wSamplesPerBlock);
}

/* ---- Format tags, formats and suggestions ------------------------------------------------------------------------ */

static const ACMCODEC_TAG tags[] = {
    {WAVE_FORMAT_PCM, ACMCODEC_PCM_FORMAT_SIZE, LISTED_PCM_FORMATS, u"PCM"},
    {WAVE_FORMAT_ADPCM, STANDARD_FORMAT_BYTES, LISTED_ADPCM_FORMATS, u"Microsoft ADPCM"},
};
#define TAG_COUNT ((DWORD)(sizeof tags / sizeof tags[0]))

static LRESULT format_details(ACMFORMATDETAILSW *details, DWORD flags)
{
    if (details == NULL || details->pwfx == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    switch (flags & ACM_FORMATDETAILSF_QUERYMASK) {
    case ACM_FORMATDETAILSF_INDEX: {
        DWORD index = details->dwFormatIndex;
        if (details->dwFormatTag == WAVE_FORMAT_PCM && index < LISTED_PCM_FORMATS) {
            if (details->cbwfx < ACMCODEC_PCM_FORMAT_SIZE) {
                return MMSYSERR_INVALPARAM;
            }
            fill_pcm(details->pwfx, acmcodec_rate(index / 4), (WORD)(1 + index / 2 % 2), (WORD)(8 + 8 * (index % 2)));
            details->cbwfx = ACMCODEC_PCM_FORMAT_SIZE;
        } else if (details->dwFormatTag == WAVE_FORMAT_ADPCM && index < LISTED_ADPCM_FORMATS) {
            if (details->cbwfx < STANDARD_FORMAT_BYTES) {
                return MMSYSERR_INVALPARAM;
            }
            fill_adpcm((ADPCMWAVEFORMAT *)details->pwfx, acmcodec_rate(index / 2), (WORD)(1 + index % 2));
            details->cbwfx = STANDARD_FORMAT_BYTES;
        } else {
            return ACMERR_NOTPOSSIBLE;
        }
        break;
    }
    case ACM_FORMATDETAILSF_FORMAT: {
        const WAVEFORMATEX *wfx = details->pwfx;
        BOOL known = wfx->wFormatTag == WAVE_FORMAT_PCM ? details->cbwfx >= ACMCODEC_PCM_FORMAT_SIZE && is_pcm(wfx)
                                                       : details->cbwfx >= sizeof(WAVEFORMATEX) + wfx->cbSize && is_adpcm(wfx);
        if (!known) {
            return ACMERR_NOTPOSSIBLE;
        }
        break;
    }
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    return acmcodec_format_found(details);
}

/* PCM suggests standard ADPCM at its rate and channels; ADPCM suggests 16-bit PCM, or 8-bit if the caller fixed 8 bits.
 * The suggestion must agree with every destination field the caller fixed (fdwSuggest). */
static LRESULT format_suggest(ACMDRVFORMATSUGGEST *suggest)
{
    if (!acmcodec_suggest_valid(suggest)) {
        return MMSYSERR_INVALPARAM;
    }
    const WAVEFORMATEX *src = suggest->pwfxSrc;
    BYTE proposed[STANDARD_FORMAT_BYTES];
    DWORD size;
    memset(proposed, 0, sizeof proposed);
    if (is_pcm(src)) {
        fill_adpcm((ADPCMWAVEFORMAT *)proposed, src->nSamplesPerSec, src->nChannels);
        size = STANDARD_FORMAT_BYTES;
    } else if (suggest->cbwfxSrc >= sizeof(WAVEFORMATEX) + src->cbSize && is_adpcm(src)) {
        BOOL eight = (suggest->fdwSuggest & ACM_FORMATSUGGESTF_WBITSPERSAMPLE) && suggest->pwfxDst->wBitsPerSample == 8;
        fill_pcm((WAVEFORMATEX *)proposed, src->nSamplesPerSec, src->nChannels, eight ? 8 : 16);
        size = ACMCODEC_PCM_FORMAT_SIZE;
    } else {
        return ACMERR_NOTPOSSIBLE;
    }
    if (!acmcodec_suggestion_fits(suggest, (const WAVEFORMATEX *)proposed) || suggest->cbwfxDst < size) {
        return ACMERR_NOTPOSSIBLE;
    }
    memcpy(suggest->pwfxDst, proposed, size);
    return MMSYSERR_NOERROR;
}

/* ---- One channel's coder state -------------------------------------------------------------------------------------- */

typedef struct {
    int coef1, coef2; /* the block's predictor pair */
    int delta;        /* the quantizer step */
    int sample1;      /* the last sample */
    int sample2;      /* the one before */
} channel_state;

static int clamp16(int64_t value)
{
    return value < -32768 ? -32768 : value > 32767 ? 32767 : (int)value;
}

static int predict(const channel_state *state)
{
    /* 64 bits: a custom coefficient table may hold any 16-bit pair. Division, not a shift, as the format specifies. */
    return (int)(((int64_t)state->sample1 * state->coef1 + (int64_t)state->sample2 * state->coef2) / 256);
}

/* Applies one 4-bit code: the next sample, and the step adapted. The encoder runs this too, to track the decoder. */
static int apply_code(channel_state *state, int code)
{
    int signed_code = code >= 8 ? code - 16 : code;
    int sample = clamp16(predict(state) + (int64_t)signed_code * state->delta);
    state->sample2 = state->sample1;
    state->sample1 = sample;
    int delta = (int)((int64_t)state->delta * adaptation[code] / 256);
    state->delta = delta < MIN_DELTA ? MIN_DELTA : delta > MAX_DELTA ? MAX_DELTA : delta;
    return sample;
}

/* The code that brings the prediction nearest the sample: the error in steps, rounded, within -8..7. */
static int choose_code(const channel_state *state, int sample)
{
    int error = sample - predict(state);
    int steps = (error + (error < 0 ? -state->delta / 2 : state->delta / 2)) / state->delta;
    steps = steps < -8 ? -8 : steps > 7 ? 7 : steps;
    return steps & 15;
}

/* ---- Samples in PCM buffers ----------------------------------------------------------------------------------------- */

/* 8-bit PCM is unsigned with 128 as silence; it maps to the top byte of a 16-bit sample, rounded to the nearest (a
 * truncation would pull every sample down half a step: about 6 dB more noise). */
static int read_pcm(const BYTE *p, int bytes)
{
    return bytes == 1 ? (p[0] - 128) * 256 : acmcodec_read16(p);
}

static void write_pcm(BYTE *p, int bytes, int sample)
{
    if (bytes == 1) {
        int rounded = (sample + 128) >> 8;
        p[0] = (BYTE)((rounded > 127 ? 127 : rounded) + 128);
    } else {
        acmcodec_write16(p, sample);
    }
}

/* ---- Blocks --------------------------------------------------------------------------------------------------------- */

/* An open stream (kept in the instance's dwDriver): the two formats in their roles, with the coefficient table copied
 * so that the stream does not depend on the caller's format memory. */
typedef struct {
    BOOL encode; /* PCM to ADPCM; else ADPCM to PCM */
    int channels;
    int pcm_bytes;   /* bytes of one PCM sample: 1 or 2 */
    DWORD pcm_frame; /* bytes of one PCM frame */
    DWORD block;     /* bytes of one ADPCM block */
    DWORD frames;    /* frames of one ADPCM block */
    WORD coefficients;
    ADPCMCOEFSET coef[256];
} stream_shape;

/* Whether the pair converts (one side PCM, the other ADPCM, same rate and channels), and if so how. */
static BOOL shape_of(const WAVEFORMATEX *src, const WAVEFORMATEX *dst, stream_shape *shape)
{
    const WAVEFORMATEX *pcm, *adpcm;
    if (is_pcm(src) && is_adpcm(dst)) {
        pcm = src;
        adpcm = dst;
    } else if (is_adpcm(src) && is_pcm(dst)) {
        pcm = dst;
        adpcm = src;
    } else {
        return FALSE;
    }
    if (pcm->nChannels != adpcm->nChannels || pcm->nSamplesPerSec != adpcm->nSamplesPerSec) {
        return FALSE; /* a codec, not a converter: the rate and channels stay */
    }
    if (shape != NULL) {
        const ADPCMWAVEFORMAT *format = (const ADPCMWAVEFORMAT *)adpcm;
        shape->encode = adpcm == dst;
        shape->channels = adpcm->nChannels;
        shape->pcm_bytes = pcm->wBitsPerSample / 8;
        shape->pcm_frame = pcm->nBlockAlign;
        shape->block = adpcm->nBlockAlign;
        shape->frames = format->wSamplesPerBlock;
        shape->coefficients = format->wNumCoef;
        for (int i = 0; i < format->wNumCoef; i++) {
            shape->coef[i] = format->aCoef[i];
        }
    }
    return TRUE;
}

/* The bytes a block of this many frames takes: a short block (the last of a stream) holds fewer codes. One frame
 * still needs the whole header, whose two samples then repeat it. */
static DWORD block_bytes(const stream_shape *shape, DWORD frames)
{
    DWORD codes = frames > 2 ? (frames - 2) * (DWORD)shape->channels : 0;
    return HEADER_BYTES_PER_CHANNEL * (DWORD)shape->channels + (codes + 1) / 2;
}

/* The frames a block of this many bytes decodes to (0 if it cannot hold the header). */
static DWORD block_frames(const stream_shape *shape, DWORD bytes)
{
    DWORD header = HEADER_BYTES_PER_CHANNEL * (DWORD)shape->channels;
    return bytes < header ? 0 : 2 + (bytes - header) * 2 / (DWORD)shape->channels;
}

/* The n-th code of a block (channels alternate, high nibble first) is in byte n / 2 after the header. */
static int code_at(const BYTE *codes, DWORD n)
{
    return n % 2 == 0 ? codes[n / 2] >> 4 : codes[n / 2] & 15;
}

static BOOL block_is_valid(const stream_shape *shape, const BYTE *block)
{
    for (int c = 0; c < shape->channels; c++) {
        if (block[c] >= shape->coefficients) {
            return FALSE;
        }
    }
    return TRUE;
}

static void decode_block(const stream_shape *shape, const BYTE *block, DWORD frames, BYTE *out)
{
    const int ch = shape->channels;
    channel_state state[2];
    for (int c = 0; c < ch; c++) {
        state[c].coef1 = shape->coef[block[c]].iCoef1;
        state[c].coef2 = shape->coef[block[c]].iCoef2;
        state[c].delta = acmcodec_read16(block + ch + 2 * c);
        state[c].sample1 = acmcodec_read16(block + 3 * ch + 2 * c);
        state[c].sample2 = acmcodec_read16(block + 5 * ch + 2 * c);
        write_pcm(out + c * shape->pcm_bytes, shape->pcm_bytes, state[c].sample2);
        write_pcm(out + shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes, state[c].sample1);
    }
    const BYTE *codes = block + HEADER_BYTES_PER_CHANNEL * ch;
    for (DWORD n = 0; n < (frames - 2) * (DWORD)ch; n++) {
        int c = (int)(n % (DWORD)ch);
        int sample = apply_code(&state[c], code_at(codes, n));
        write_pcm(out + (2 + n / (DWORD)ch) * shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes, sample);
    }
}

/* A channel's first step: about half the mean prediction error of the samples right after the header, so the first
 * codes land near the middle of their range; at least the format's minimum, and small enough for the 16-bit field. */
static int initial_delta(const stream_shape *shape, const BYTE *pcm, DWORD frames, int c, const ADPCMCOEFSET *pair)
{
    channel_state probe = { pair->iCoef1, pair->iCoef2, MIN_DELTA, 0, 0 };
    int64_t total = 0;
    DWORD counted = 0;
    for (DWORD k = 2; k < frames && k < 2 + 4; k++, counted++) {
        probe.sample1 = read_pcm(pcm + (k - 1) * shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes);
        probe.sample2 = read_pcm(pcm + (k - 2) * shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes);
        int error = read_pcm(pcm + k * shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes) - predict(&probe);
        total += error < 0 ? -error : error;
    }
    int64_t delta = counted > 0 ? total / counted / 2 : MIN_DELTA;
    return delta < MIN_DELTA ? MIN_DELTA : delta > 32767 ? 32767 : (int)delta;
}

/* Starts a channel with predictor pair p, as the decoder will start it from the header. */
static channel_state start_channel(const stream_shape *shape, const BYTE *pcm, DWORD frames, int c, int p)
{
    const ADPCMCOEFSET *pair = &shape->coef[p];
    channel_state state;
    state.coef1 = pair->iCoef1;
    state.coef2 = pair->iCoef2;
    state.delta = initial_delta(shape, pcm, frames, c, pair);
    state.sample2 = read_pcm(pcm + c * shape->pcm_bytes, shape->pcm_bytes);
    state.sample1 = frames > 1 ? read_pcm(pcm + shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes) : state.sample2;
    return state;
}

/* Encodes one channel of a block with predictor pair p, writing its codes if codes is not NULL; returns the squared
 * error of the decoded result, by which the encoder picks the pair. */
static int64_t encode_channel(const stream_shape *shape, const BYTE *pcm, DWORD frames, int c, int p, BYTE *codes)
{
    channel_state state = start_channel(shape, pcm, frames, c, p);
    int64_t squared_error = 0;
    for (DWORD k = 2; k < frames; k++) {
        int sample = read_pcm(pcm + k * shape->pcm_frame + c * shape->pcm_bytes, shape->pcm_bytes);
        int code = choose_code(&state, sample);
        int error = sample - apply_code(&state, code);
        squared_error += (int64_t)error * error;
        if (codes != NULL) {
            DWORD n = (k - 2) * (DWORD)shape->channels + (DWORD)c;
            codes[n / 2] |= (BYTE)(n % 2 == 0 ? code << 4 : code);
        }
    }
    return squared_error;
}

static void encode_block(const stream_shape *shape, const BYTE *pcm, DWORD frames, BYTE *block)
{
    const int ch = shape->channels;
    BYTE *codes = block + HEADER_BYTES_PER_CHANNEL * ch;
    memset(codes, 0, block_bytes(shape, frames) - HEADER_BYTES_PER_CHANNEL * (DWORD)ch);
    for (int c = 0; c < ch; c++) {
        int best = 0;
        int64_t best_error = INT64_MAX;
        for (int p = 0; p < shape->coefficients; p++) {
            int64_t error = encode_channel(shape, pcm, frames, c, p, NULL);
            if (error < best_error) {
                best = p;
                best_error = error;
            }
        }
        channel_state state = start_channel(shape, pcm, frames, c, best);
        block[c] = (BYTE)best;
        acmcodec_write16(block + ch + 2 * c, state.delta);
        acmcodec_write16(block + 3 * ch + 2 * c, state.sample1);
        acmcodec_write16(block + 5 * ch + 2 * c, state.sample2);
        encode_channel(shape, pcm, frames, c, best, codes);
    }
}

/* ---- Streams -------------------------------------------------------------------------------------------------------- */

static LRESULT stream_open(ACMDRVSTREAMINSTANCE *instance)
{
    if (!acmcodec_stream_valid(instance)) {
        return MMSYSERR_INVALPARAM;
    }
    if (instance->pwfltr != NULL || (instance->fdwOpen & ACM_STREAMOPENF_ASYNC) ||
        !shape_of(instance->pwfxSrc, instance->pwfxDst, NULL)) {
        return ACMERR_NOTPOSSIBLE; /* not this pair, not a filter, and conversions are synchronous only */
    }
    if (instance->fdwOpen & ACM_STREAMOPENF_QUERY) {
        return MMSYSERR_NOERROR;
    }
    stream_shape *shape = calloc(1, sizeof *shape);
    if (shape == NULL) {
        return MMSYSERR_NOMEM;
    }
    shape_of(instance->pwfxSrc, instance->pwfxDst, shape);
    instance->dwDriver = (DWORD_PTR)shape;
    return MMSYSERR_NOERROR;
}

static LRESULT stream_close(ACMDRVSTREAMINSTANCE *instance)
{
    if (instance == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    free((stream_shape *)instance->dwDriver);
    instance->dwDriver = 0;
    return MMSYSERR_NOERROR;
}

/* Sizes are whole blocks; a partial last block (at END) takes a whole block's room at most, so a source length rounds
 * up in both directions. */
static LRESULT stream_size(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMSIZE *size)
{
    if (instance == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    const stream_shape *shape = (const stream_shape *)instance->dwDriver;
    if (shape == NULL) {
        return MMSYSERR_INVALHANDLE; /* not a stream this driver opened */
    }
    const DWORD pcm_block = shape->frames * shape->pcm_frame;
    return shape->encode ? acmcodec_stream_size(size, pcm_block, shape->block, TRUE)
                         : acmcodec_stream_size(size, shape->block, pcm_block, TRUE);
}

/* Converts whole blocks while both buffers have room, and a partial block only as the stream's last (see the top of
 * this file). Bytes that are not converted stay unused (cbSrcLengthUsed), so the caller can pass them again. START
 * changes nothing: blocks are independent, so there is no history to reset. */
static LRESULT stream_convert(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMHEADER *header)
{
    if (instance == NULL || !acmcodec_header_valid(header)) {
        return MMSYSERR_INVALPARAM;
    }
    const stream_shape *shape = (const stream_shape *)instance->dwDriver;
    if (shape == NULL) {
        return MMSYSERR_INVALHANDLE;
    }
    const BOOL last = (header->fdwConvert & ACM_STREAMCONVERTF_END) && !(header->fdwConvert & ACM_STREAMCONVERTF_BLOCKALIGN);
    const BYTE *src = header->pbSrc;
    BYTE *dst = header->pbDst;
    DWORD src_left = header->cbSrcLength, dst_left = header->cbDstLength;

    if (shape->encode) {
        for (;;) {
            DWORD frames = min(src_left / shape->pcm_frame, shape->frames);
            if (frames == 0 || (frames < shape->frames && !last)) {
                break;
            }
            DWORD bytes = block_bytes(shape, frames);
            if (bytes > dst_left) {
                break;
            }
            encode_block(shape, src, frames, dst);
            src += frames * shape->pcm_frame;
            src_left -= frames * shape->pcm_frame;
            dst += bytes;
            dst_left -= bytes;
        }
    } else {
        /* Check every block this call may decode before writing anything: a corrupt one fails the call whole. */
        for (DWORD offset = 0; offset + HEADER_BYTES_PER_CHANNEL * (DWORD)shape->channels <= src_left; offset += shape->block) {
            if (!block_is_valid(shape, src + offset)) {
                header->cbSrcLengthUsed = 0;
                header->cbDstLengthUsed = 0;
                return MMSYSERR_INVALPARAM;
            }
        }
        for (;;) {
            DWORD bytes = min(src_left, shape->block);
            DWORD frames = block_frames(shape, bytes);
            if (frames == 0 || (bytes < shape->block && !last) || frames * shape->pcm_frame > dst_left) {
                break;
            }
            decode_block(shape, src, frames, dst);
            src += bytes;
            src_left -= bytes;
            dst += frames * shape->pcm_frame;
            dst_left -= frames * shape->pcm_frame;
        }
    }
    header->cbSrcLengthUsed = header->cbSrcLength - src_left;
    header->cbDstLengthUsed = header->cbDstLength - dst_left;
    return MMSYSERR_NOERROR;
}

/* ---- The entry point ------------------------------------------------------------------------------------------------ */

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_OPEN:
        return acmcodec_open(lParam2);
    case DRV_CLOSE:
        return 1;

    case ACMDM_DRIVER_DETAILS:
        return acmcodec_driver_details((ACMDRIVERDETAILSW *)lParam1, TAG_COUNT, u"MS-ADPCM", u"Microsoft ADPCM CODEC",
                                       u"Microsoft ADPCM to and from 8- or 16-bit PCM, mono and stereo.");
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
        return MMSYSERR_NOERROR; /* blocks are independent and conversions synchronous: nothing is pending */
    case ACMDM_STREAM_SIZE:
        return stream_size((const ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMSIZE *)lParam2);
    case ACMDM_STREAM_CONVERT:
        return stream_convert((const ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMHEADER *)lParam2);

    default:
        /* The about box, filters, hardware, prepare: not supported, so the ACM does its default. */
        return acmcodec_default(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
