/*
 * imaadpcm.c - an ACM codec driver for IMA ADPCM (WAVE_FORMAT_IMA_ADPCM, 0x0011) to and from 16-bit PCM, mono and
 * stereo. The algorithm is the one the IMA Digital Audio Technical Working Group published in "Recommended Practices
 * for Enhancing Digital Audio Compatibility in Multimedia Systems" (rev. 3.00, 1992), also known as DVI ADPCM; the
 * block layout is the one WAV files use for this tag (Microsoft's "Multimedia Standards Update", 1994).
 *
 * The algorithm. Each 16-bit sample becomes a 4-bit code: the difference from a predicted sample, quantised with an
 * adaptive step size. The decoder keeps the same prediction and step, so it follows the encoder exactly:
 *   - the code's top bit is the sign of the difference; its three other bits say how many of step, step/2 and step/4
 *     the difference holds, and the decoder adds step/8 for rounding;
 *   - the step is a table entry (89 steps, about 10% apart, from 7 to 32767); each code moves the index into the
 *     table: down by 1 after a small code (0-3), up by 2, 4, 6 or 8 after a large one (4-7).
 *
 * The WAV block. Audio is cut into blocks of nBlockAlign bytes, each decodable on its own:
 *   - a 4-byte header per channel: the block's first sample (16-bit little-endian, stored whole, not coded), the step
 *     index (one byte) and a zero byte;
 *   - then the codes of the remaining samples, in groups of 4 bytes per channel taking turns (channel 0's 4 bytes,
 *     channel 1's 4 bytes, ...); each 4 bytes hold 8 codes of one channel, the earlier sample in the low nibble.
 * So a block holds 1 + (nBlockAlign - 4 * nChannels) * 8 / (4 * nChannels) samples per channel (wSamplesPerBlock):
 * 505 for the standard 256-byte mono block.
 *
 * The encoder carries the step index from one block to the next, as the decoder would have it, so the first codes of
 * a block are not spent re-learning the signal's level; ACM_STREAMCONVERTF_START resets it. At
 * ACM_STREAMCONVERTF_END the last, partial block is completed with silence so that no sample is lost.
 *
 * Build: cc -std=c11 -shared -fPIC -I sdk/include -I sdk/include/win32 -o imaadpcm.so imaadpcm.c
 * Register: [Drivers32] msacm.imaadpcm=imaadpcm.so
 */
#include "acmcodec.h"

#include <stdlib.h>

/* ---- The IMA tables ----------------------------------------------------------------------------------------------- */
static const SHORT step_table[89] = {
    7,     8,     9,     10,    11,    12,    13,    14,    16,    17,    19,    21,    23,    25,    28,
    31,    34,    37,    41,    45,    50,    55,    60,    66,    73,    80,    88,    97,    107,   118,
    130,   143,   157,   173,   190,   209,   230,   253,   279,   307,   337,   371,   408,   449,   494,
    544,   598,   658,   724,   796,   876,   963,   1060,  1166,  1282,  1411,  1552,  1707,  1878,  2066,
    2272,  2499,  2749,  3024,  3327,  3660,  4026,  4428,  4871,  5358,  5894,  6484,  7132,  7845,  8630,
    9493,  10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767};

static const signed char index_table[8] = {-1, -1, -1, -1, 2, 4, 6, 8}; /* by the code's magnitude bits */

#define STEP_INDEX_MAX 88

/* What encoder and decoder both keep, per channel. */
typedef struct channel_state {
    int predicted; /* the last sample as the decoder reconstructs it */
    int index;     /* into step_table */
} CHANNEL_STATE;

static int clamp(int value, int low, int high)
{
    return value < low ? low : value > high ? high : value;
}

/* Applies a code to the state: the decoder's whole job, and the encoder's way of staying in step with it. */
static int apply_code(CHANNEL_STATE *state, int code)
{
    int step = step_table[state->index];
    int difference = step >> 3;
    if (code & 4) {
        difference += step;
    }
    if (code & 2) {
        difference += step >> 1;
    }
    if (code & 1) {
        difference += step >> 2;
    }
    state->predicted = clamp(state->predicted + ((code & 8) ? -difference : difference), -32768, 32767);
    state->index = clamp(state->index + index_table[code & 7], 0, STEP_INDEX_MAX);
    return state->predicted;
}

/* Chooses the code whose reconstruction comes nearest the sample, the way the recommended practice does: bit by bit,
 * taking step, then step/2, then step/4 off the difference while it is at least that large. */
static int encode_sample(CHANNEL_STATE *state, int sample)
{
    int difference = sample - state->predicted;
    int code = 0;
    if (difference < 0) {
        code = 8;
        difference = -difference;
    }
    int step = step_table[state->index];
    for (int bit = 4; bit != 0; bit >>= 1) {
        if (difference >= step) {
            code |= bit;
            difference -= step;
        }
        step >>= 1;
    }
    apply_code(state, code);
    return code;
}

/* ---- Formats ------------------------------------------------------------------------------------------------------ */
#define IMA_FORMAT_SIZE ((DWORD)sizeof(IMAADPCMWAVEFORMAT)) /* cbSize 2: wSamplesPerBlock */
#define IMA_EXTRA_BYTES ((WORD)(sizeof(IMAADPCMWAVEFORMAT) - sizeof(WAVEFORMATEX)))
#define STANDARD_FORMATS (ACMCODEC_RATE_COUNT * 2)

static const ACMCODEC_TAG tags[] = {
    {WAVE_FORMAT_PCM, ACMCODEC_PCM_FORMAT_SIZE, STANDARD_FORMATS, u"PCM"},
    {WAVE_FORMAT_IMA_ADPCM, IMA_FORMAT_SIZE, STANDARD_FORMATS, u"IMA ADPCM"},
};
#define TAG_COUNT ((DWORD)(sizeof tags / sizeof tags[0]))

static DWORD samples_per_block(DWORD blockAlign, DWORD channels)
{
    return (blockAlign - 4 * channels) * 8 / (4 * channels) + 1;
}

/* An IMA ADPCM format this driver decodes and encodes: the block must hold the headers and whole 4-byte groups, and
 * wSamplesPerBlock must be what such a block holds. */
static BOOL is_ima(const WAVEFORMATEX *wfx)
{
    if (wfx->wFormatTag != WAVE_FORMAT_IMA_ADPCM || (wfx->nChannels != 1 && wfx->nChannels != 2) ||
        wfx->nSamplesPerSec == 0 || wfx->wBitsPerSample != 4 || wfx->cbSize < IMA_EXTRA_BYTES) {
        return FALSE;
    }
    DWORD groups = 4u * wfx->nChannels;
    if (wfx->nBlockAlign <= groups || wfx->nBlockAlign % groups != 0) {
        return FALSE;
    }
    return ((const IMAADPCMWAVEFORMAT *)wfx)->wSamplesPerBlock == samples_per_block(wfx->nBlockAlign, wfx->nChannels);
}

/* The standard block size: 256 bytes per channel up to 11.025 kHz, 512 up to 22.05 kHz, 1024 above, so that a block
 * lasts about the same time at every rate. */
static void make_ima(IMAADPCMWAVEFORMAT *ima, WORD channels, DWORD rate)
{
    DWORD perChannel = rate <= 11025 ? 256 : rate <= 22050 ? 512 : 1024;
    ima->wfx.wFormatTag = WAVE_FORMAT_IMA_ADPCM;
    ima->wfx.nChannels = channels;
    ima->wfx.nSamplesPerSec = rate;
    ima->wfx.nBlockAlign = (WORD)(perChannel * channels);
    ima->wfx.wBitsPerSample = 4;
    ima->wfx.cbSize = IMA_EXTRA_BYTES;
    ima->wSamplesPerBlock = (WORD)samples_per_block(ima->wfx.nBlockAlign, channels);
    ima->wfx.nAvgBytesPerSec = (DWORD)((unsigned long long)rate * ima->wfx.nBlockAlign / ima->wSamplesPerBlock);
}

static LRESULT format_details(ACMFORMATDETAILSW *pafd, DWORD flags)
{
    if (pafd == NULL || pafd->pwfx == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    switch (flags & ACM_FORMATDETAILSF_QUERYMASK) {
    case ACM_FORMATDETAILSF_INDEX: {
        DWORD i = acmcodec_find_tag(tags, TAG_COUNT, pafd->dwFormatTag);
        if (i == TAG_COUNT || pafd->dwFormatIndex >= STANDARD_FORMATS) {
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
            make_ima((IMAADPCMWAVEFORMAT *)pafd->pwfx, channels, rate);
        }
        break;
    }
    case ACM_FORMATDETAILSF_FORMAT: {
        const WAVEFORMATEX *wfx = pafd->pwfx;
        BOOL known = wfx->wFormatTag == WAVE_FORMAT_PCM
                         ? pafd->cbwfx >= ACMCODEC_PCM_FORMAT_SIZE && acmcodec_is_pcm16(wfx)
                         : pafd->cbwfx >= IMA_FORMAT_SIZE && is_ima(wfx);
        if (!known) {
            return ACMERR_NOTPOSSIBLE;
        }
        break;
    }
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    return acmcodec_format_found(pafd);
}

/* PCM suggests IMA ADPCM with the standard block for its rate; IMA ADPCM suggests 16-bit PCM. */
static LRESULT format_suggest(ACMDRVFORMATSUGGEST *suggest)
{
    if (!acmcodec_suggest_valid(suggest)) {
        return MMSYSERR_INVALPARAM;
    }
    const WAVEFORMATEX *src = suggest->pwfxSrc;
    IMAADPCMWAVEFORMAT proposed;
    memset(&proposed, 0, sizeof proposed);
    DWORD size;
    if (acmcodec_is_pcm16(src)) {
        make_ima(&proposed, src->nChannels, src->nSamplesPerSec);
        size = IMA_FORMAT_SIZE;
    } else if (suggest->cbwfxSrc >= IMA_FORMAT_SIZE && is_ima(src)) {
        acmcodec_make_pcm16(&proposed.wfx, src->nChannels, src->nSamplesPerSec);
        size = ACMCODEC_PCM_FORMAT_SIZE;
    } else {
        return ACMERR_NOTPOSSIBLE;
    }
    if (!acmcodec_suggestion_fits(suggest, &proposed.wfx) || suggest->cbwfxDst < size) {
        return ACMERR_NOTPOSSIBLE;
    }
    memcpy(suggest->pwfxDst, &proposed, size);
    return MMSYSERR_NOERROR;
}

/* ---- Streams ------------------------------------------------------------------------------------------------------
 * Each open stream has one of these, kept in the instance's dwDriver. */
typedef struct stream {
    BOOL encoding;            /* PCM to IMA ADPCM; else IMA ADPCM to PCM */
    DWORD channels;
    DWORD samplesPerBlock;    /* per channel */
    DWORD blockAlign;         /* bytes of one ADPCM block */
    CHANNEL_STATE carried[2]; /* the encoder's state at the end of the last block */
} STREAM;

static LRESULT stream_open(ACMDRVSTREAMINSTANCE *instance)
{
    if (!acmcodec_stream_valid(instance)) {
        return MMSYSERR_INVALPARAM;
    }
    const WAVEFORMATEX *src = instance->pwfxSrc, *dst = instance->pwfxDst;
    BOOL encoding = acmcodec_is_pcm16(src) && is_ima(dst);
    BOOL decoding = is_ima(src) && acmcodec_is_pcm16(dst);
    if ((!encoding && !decoding) || src->nChannels != dst->nChannels || src->nSamplesPerSec != dst->nSamplesPerSec ||
        instance->pwfltr != NULL || (instance->fdwOpen & ACM_STREAMOPENF_ASYNC)) {
        return ACMERR_NOTPOSSIBLE;
    }
    if (instance->fdwOpen & ACM_STREAMOPENF_QUERY) {
        return MMSYSERR_NOERROR;
    }
    STREAM *stream = calloc(1, sizeof *stream);
    if (stream == NULL) {
        return MMSYSERR_NOMEM;
    }
    const WAVEFORMATEX *ima = encoding ? dst : src;
    stream->encoding = encoding;
    stream->channels = ima->nChannels;
    stream->samplesPerBlock = ((const IMAADPCMWAVEFORMAT *)ima)->wSamplesPerBlock;
    stream->blockAlign = ima->nBlockAlign;
    instance->dwDriver = (DWORD_PTR)stream;
    return MMSYSERR_NOERROR;
}

static LRESULT stream_close(ACMDRVSTREAMINSTANCE *instance)
{
    if (instance == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    free((STREAM *)instance->dwDriver);
    instance->dwDriver = 0;
    return MMSYSERR_NOERROR;
}

/* One ADPCM block and the PCM it stands for. */
static DWORD pcm_block_bytes(const STREAM *stream)
{
    return stream->samplesPerBlock * stream->channels * 2;
}

static LRESULT stream_size(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMSIZE *size)
{
    if (instance == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    const STREAM *stream = (const STREAM *)instance->dwDriver;
    if (stream == NULL) {
        return MMSYSERR_INVALHANDLE; /* not a stream this driver opened */
    }
    if (stream->encoding) {
        return acmcodec_stream_size(size, pcm_block_bytes(stream), stream->blockAlign, TRUE);
    }
    return acmcodec_stream_size(size, stream->blockAlign, pcm_block_bytes(stream), FALSE);
}

/* Decodes one block into samplesPerBlock interleaved frames. */
static void decode_block(const STREAM *stream, const BYTE *block, BYTE *pcm)
{
    DWORD channels = stream->channels;
    CHANNEL_STATE state[2];
    for (DWORD c = 0; c < channels; c++) {
        state[c].predicted = acmcodec_read16(block + 4 * c);
        state[c].index = clamp(block[4 * c + 2], 0, STEP_INDEX_MAX); /* a damaged index must not read past the table */
        acmcodec_write16(pcm + 2 * c, state[c].predicted);
    }
    const BYTE *codes = block + 4 * channels;
    DWORD groups = (stream->samplesPerBlock - 1) / 8; /* 8 samples per channel per group */
    for (DWORD g = 0; g < groups; g++) {
        for (DWORD c = 0; c < channels; c++) {
            const BYTE *bytes = codes + (g * channels + c) * 4;
            for (DWORD k = 0; k < 8; k++) {
                int code = (k & 1) ? bytes[k / 2] >> 4 : bytes[k / 2] & 0x0F;
                DWORD frame = 1 + g * 8 + k;
                acmcodec_write16(pcm + 2 * (frame * channels + c), apply_code(&state[c], code));
            }
        }
    }
}

/* Encodes samplesPerBlock frames (the first `frames` from pcm, silence after) into one block. */
static void encode_block(STREAM *stream, const BYTE *pcm, DWORD frames, BYTE *block)
{
    DWORD channels = stream->channels;
#define SAMPLE(frame, c) ((frame) < frames ? acmcodec_read16(pcm + 2 * ((frame) * channels + (c))) : 0)
    for (DWORD c = 0; c < channels; c++) {
        CHANNEL_STATE *state = &stream->carried[c];
        state->predicted = SAMPLE(0, c); /* the header's sample is exact, so the prediction starts from it */
        acmcodec_write16(block + 4 * c, state->predicted);
        block[4 * c + 2] = (BYTE)state->index;
        block[4 * c + 3] = 0;
    }
    BYTE *codes = block + 4 * channels;
    DWORD groups = (stream->samplesPerBlock - 1) / 8;
    for (DWORD g = 0; g < groups; g++) {
        for (DWORD c = 0; c < channels; c++) {
            BYTE *bytes = codes + (g * channels + c) * 4;
            for (DWORD k = 0; k < 8; k += 2) {
                DWORD frame = 1 + g * 8 + k;
                int low = encode_sample(&stream->carried[c], SAMPLE(frame, c));
                int high = encode_sample(&stream->carried[c], SAMPLE(frame + 1, c));
                bytes[k / 2] = (BYTE)(low | (high << 4));
            }
        }
    }
#undef SAMPLE
}

/* Converts whole blocks while both buffers have room; an encoder at END (without BLOCKALIGN) also flushes the
 * frames of a last, partial block. */
static LRESULT stream_convert(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMHEADER *header)
{
    if (instance == NULL || !acmcodec_header_valid(header)) {
        return MMSYSERR_INVALPARAM;
    }
    STREAM *stream = (STREAM *)instance->dwDriver;
    if (stream == NULL) {
        return MMSYSERR_INVALHANDLE;
    }
    DWORD pcmBlock = pcm_block_bytes(stream), frameBytes = 2 * stream->channels;
    const BYTE *src = header->pbSrc;
    BYTE *dst = header->pbDst;
    DWORD srcUsed = 0, dstUsed = 0;

    if (header->fdwConvert & ACM_STREAMCONVERTF_START) {
        memset(stream->carried, 0, sizeof stream->carried); /* a new stream: no history */
    }

    if (stream->encoding) {
        while (header->cbSrcLength - srcUsed >= pcmBlock && header->cbDstLength - dstUsed >= stream->blockAlign) {
            encode_block(stream, src + srcUsed, stream->samplesPerBlock, dst + dstUsed);
            srcUsed += pcmBlock;
            dstUsed += stream->blockAlign;
        }
        DWORD restFrames = (header->cbSrcLength - srcUsed) / frameBytes;
        BOOL flush = (header->fdwConvert & ACM_STREAMCONVERTF_END) &&
                     !(header->fdwConvert & ACM_STREAMCONVERTF_BLOCKALIGN);
        if (flush && restFrames > 0 && restFrames < stream->samplesPerBlock &&
            header->cbDstLength - dstUsed >= stream->blockAlign) {
            encode_block(stream, src + srcUsed, restFrames, dst + dstUsed);
            srcUsed += restFrames * frameBytes;
            dstUsed += stream->blockAlign;
        }
    } else {
        while (header->cbSrcLength - srcUsed >= stream->blockAlign && header->cbDstLength - dstUsed >= pcmBlock) {
            decode_block(stream, src + srcUsed, dst + dstUsed);
            srcUsed += stream->blockAlign;
            dstUsed += pcmBlock;
        }
    }
    header->cbSrcLengthUsed = srcUsed;
    header->cbDstLengthUsed = dstUsed;
    return MMSYSERR_NOERROR;
}

/* ---- The entry point ---------------------------------------------------------------------------------------------- */
DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_OPEN:
        return acmcodec_open(lParam2);
    case DRV_CLOSE:
        return 1;

    case ACMDM_DRIVER_DETAILS:
        return acmcodec_driver_details((ACMDRIVERDETAILSW *)lParam1, TAG_COUNT, u"IMA ADPCM",
                                       u"IMA ADPCM (DVI) CODEC",
                                       u"IMA ADPCM to and from 16-bit PCM, mono and stereo, WAV block layout.");
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
        return MMSYSERR_NOERROR; /* conversions are synchronous: nothing is pending */
    case ACMDM_STREAM_SIZE:
        return stream_size((ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMSIZE *)lParam2);
    case ACMDM_STREAM_CONVERT:
        return stream_convert((ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMHEADER *)lParam2);

    default:
        return acmcodec_default(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
