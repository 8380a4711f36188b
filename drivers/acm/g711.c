/*
 * g711.c - an ACM codec driver for ITU-T G.711: A-law (WAVE_FORMAT_ALAW) and mu-law (WAVE_FORMAT_MULAW) to and from
 * 16-bit PCM, mono or stereo, at any sample rate. One driver, three format tags (PCM, A-law, mu-law), as Windows'
 * own G.711 codec has them. Written from ITU-T Recommendation G.711 (11/88), tables 1a and 2a.
 *
 * G.711 in one paragraph. Each sample becomes one byte: a sign bit, a 3-bit segment number and a 4-bit step within
 * the segment. Segments double in width as the magnitude grows, so small signals keep fine steps and loud ones
 * coarse ones: roughly 13 bits of dynamic range (A-law: 12 bits of magnitude plus sign; mu-law: 13 plus sign) in 8.
 * The decoder returns the middle of the interval the encoder found the sample in. On the line, A-law inverts the
 * even bits (XOR 0x55) and mu-law inverts all of them, which keeps quiet signals from sending runs of zeros.
 *
 * As an ACM driver it is the simplest kind: every sample converts on its own, so a "block" is one sample frame,
 * there is no state from one buffer to the next, and START, END and BLOCKALIGN change nothing.
 *
 * Build: cc -std=c11 -shared -fPIC -I sdk/include -I sdk/include/win32 -o g711.so g711.c
 * Register: [Drivers32] msacm.g711=g711.so
 */
#include "acmcodec.h"

/* ---- The G.711 companding laws ----------------------------------------------------------------------------------
 * Negative samples use the one's complement of the magnitude (-x - 1), so the negative half mirrors the positive half
 * exactly: -1 encodes like 0, with the sign bit clear. */

/* The segment of a magnitude: the position of its highest set bit, less the width of the first segment. */
static int segment_of(int magnitude, int firstSegmentBits)
{
    int segment = 0;
    while (segment < 7 && (magnitude >> (firstSegmentBits + segment)) != 0) {
        segment++;
    }
    return segment;
}

/* A-law works on 13-bit samples: the top 13 bits of our 16. Segments 0 and 1 both have steps of 2 (magnitudes 0-31
 * and 32-63); from there each segment's step doubles, up to 128 in segment 7 (2048-4095). */
static BYTE alaw_encode(SHORT pcm)
{
    int sign = pcm >= 0 ? 0x80 : 0x00; /* A-law: sign bit set for positive */
    int magnitude = (pcm >= 0 ? pcm : -pcm - 1) >> 3;
    int segment = segment_of(magnitude, 5);
    int step = segment == 0 ? magnitude >> 1 : (magnitude >> segment) & 0x0F;
    return (BYTE)((sign | (segment << 4) | step) ^ 0x55);
}

static SHORT alaw_decode(BYTE code)
{
    int bits = code ^ 0x55;
    int segment = (bits >> 4) & 0x07, step = bits & 0x0F;
    /* The middle of the step's interval, in 13-bit units: 2 * step + 1 in segment 0, (2 * step + 33) << (segment - 1)
     * above it. */
    int magnitude = segment == 0 ? 2 * step + 1 : (2 * step + 33) << (segment - 1);
    magnitude <<= 3; /* back to 16 bits */
    return (SHORT)((bits & 0x80) ? magnitude : -magnitude);
}

/* mu-law works on 14-bit samples. Adding a bias of 33 makes the segments exact powers of two: the biased magnitude
 * of segment s lies in [32 << s, 64 << s), with 16 steps of 2 << s each. The largest magnitude coded is 8158. */
#define MULAW_BIAS 33
#define MULAW_BIASED_MAX 8191

static BYTE mulaw_encode(SHORT pcm)
{
    int sign = pcm >= 0 ? 0x00 : 0x80; /* before the inversion: sign bit set for negative */
    int biased = ((pcm >= 0 ? pcm : -pcm - 1) >> 2) + MULAW_BIAS;
    if (biased > MULAW_BIASED_MAX) {
        biased = MULAW_BIASED_MAX; /* beyond the last decision value: the loudest code */
    }
    int segment = segment_of(biased, 6);
    int step = (biased >> (segment + 1)) & 0x0F;
    return (BYTE)~(sign | (segment << 4) | step);
}

static SHORT mulaw_decode(BYTE code)
{
    int bits = (BYTE)~code;
    int segment = (bits >> 4) & 0x07, step = bits & 0x0F;
    /* The middle of the interval, unbiased, in 14-bit units; then in 16 bits. */
    int magnitude = (((2 * step + 33) << segment) - MULAW_BIAS) << 2;
    return (SHORT)((bits & 0x80) ? -magnitude : magnitude);
}

/* ---- Formats -------------------------------------------------------------------------------------------------------
 * Each tag lists the same standard formats: 8000, 11025, 22050 and 44100 Hz, mono and stereo. */
#define STANDARD_FORMATS (ACMCODEC_RATE_COUNT * 2)
#define G711_FORMAT_SIZE ((DWORD)sizeof(WAVEFORMATEX)) /* cbSize 0: G.711 needs nothing more */

static const ACMCODEC_TAG tags[] = {
    {WAVE_FORMAT_PCM, ACMCODEC_PCM_FORMAT_SIZE, STANDARD_FORMATS, u"PCM"},
    {WAVE_FORMAT_ALAW, G711_FORMAT_SIZE, STANDARD_FORMATS, u"ITU-T G.711 A-law"},
    {WAVE_FORMAT_MULAW, G711_FORMAT_SIZE, STANDARD_FORMATS, u"ITU-T G.711 \u00B5-law"},
};
#define TAG_COUNT ((DWORD)(sizeof tags / sizeof tags[0]))

static BOOL is_g711(const WAVEFORMATEX *wfx)
{
    return (wfx->wFormatTag == WAVE_FORMAT_ALAW || wfx->wFormatTag == WAVE_FORMAT_MULAW) &&
           (wfx->nChannels == 1 || wfx->nChannels == 2) && wfx->nSamplesPerSec > 0 && wfx->wBitsPerSample == 8 &&
           wfx->nBlockAlign == wfx->nChannels && wfx->nAvgBytesPerSec == wfx->nSamplesPerSec * wfx->nChannels;
}

static BOOL is_known(const WAVEFORMATEX *wfx)
{
    return acmcodec_is_pcm16(wfx) || is_g711(wfx);
}

static void make_g711(WAVEFORMATEX *wfx, WORD tag, WORD channels, DWORD rate)
{
    wfx->wFormatTag = tag;
    wfx->nChannels = channels;
    wfx->nSamplesPerSec = rate;
    wfx->nAvgBytesPerSec = rate * channels;
    wfx->nBlockAlign = channels;
    wfx->wBitsPerSample = 8;
    wfx->cbSize = 0;
}

/* Writes the format a tag lists at an index: rates in order, mono before stereo. */
static void make_format(WAVEFORMATEX *wfx, WORD tag, DWORD index)
{
    WORD channels = (WORD)(index % 2 + 1);
    DWORD rate = acmcodec_rate(index / 2);
    if (tag == WAVE_FORMAT_PCM) {
        acmcodec_make_pcm16(wfx, channels, rate);
    } else {
        make_g711(wfx, tag, channels, rate);
    }
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
        if (i == TAG_COUNT || pafd->dwFormatIndex >= STANDARD_FORMATS) {
            return ACMERR_NOTPOSSIBLE;
        }
        if (pafd->cbwfx < tags[i].formatSize) {
            return MMSYSERR_INVALPARAM;
        }
        make_format(pafd->pwfx, (WORD)pafd->dwFormatTag, pafd->dwFormatIndex);
        break;
    }
    case ACM_FORMATDETAILSF_FORMAT:
        if (pafd->cbwfx < ACMCODEC_PCM_FORMAT_SIZE || !is_known(pafd->pwfx)) {
            return ACMERR_NOTPOSSIBLE;
        }
        break;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    return acmcodec_format_found(pafd);
}

/* ACMDM_FORMAT_SUGGEST: PCM suggests mu-law (or A-law, if the caller fixed that tag); either law suggests PCM. */
static LRESULT format_suggest(ACMDRVFORMATSUGGEST *suggest)
{
    if (!acmcodec_suggest_valid(suggest)) {
        return MMSYSERR_INVALPARAM;
    }
    const WAVEFORMATEX *src = suggest->pwfxSrc;
    WAVEFORMATEX proposed;
    memset(&proposed, 0, sizeof proposed);
    if (acmcodec_is_pcm16(src)) {
        BOOL wantsAlaw = (suggest->fdwSuggest & ACM_FORMATSUGGESTF_WFORMATTAG) &&
                         suggest->pwfxDst->wFormatTag == WAVE_FORMAT_ALAW;
        make_g711(&proposed, wantsAlaw ? WAVE_FORMAT_ALAW : WAVE_FORMAT_MULAW, src->nChannels, src->nSamplesPerSec);
    } else if (is_g711(src)) {
        acmcodec_make_pcm16(&proposed, src->nChannels, src->nSamplesPerSec);
    } else {
        return ACMERR_NOTPOSSIBLE;
    }
    DWORD size = proposed.wFormatTag == WAVE_FORMAT_PCM ? ACMCODEC_PCM_FORMAT_SIZE : G711_FORMAT_SIZE;
    if (!acmcodec_suggestion_fits(suggest, &proposed) || suggest->cbwfxDst < size) {
        return ACMERR_NOTPOSSIBLE;
    }
    memcpy(suggest->pwfxDst, &proposed, size);
    return MMSYSERR_NOERROR;
}

/* ---- Streams -------------------------------------------------------------------------------------------------------
 * A stream is one of four conversions; ACMDM_STREAM_OPEN keeps which in the instance's dwDriver. */
enum conversion { NOT_POSSIBLE, PCM_TO_ALAW, PCM_TO_MULAW, ALAW_TO_PCM, MULAW_TO_PCM };

static enum conversion conversion_of(const WAVEFORMATEX *src, const WAVEFORMATEX *dst)
{
    if (src->nChannels != dst->nChannels || src->nSamplesPerSec != dst->nSamplesPerSec) {
        return NOT_POSSIBLE; /* G.711 converts samples, not rates or channel counts */
    }
    if (acmcodec_is_pcm16(src) && is_g711(dst)) {
        return dst->wFormatTag == WAVE_FORMAT_ALAW ? PCM_TO_ALAW : PCM_TO_MULAW;
    }
    if (is_g711(src) && acmcodec_is_pcm16(dst)) {
        return src->wFormatTag == WAVE_FORMAT_ALAW ? ALAW_TO_PCM : MULAW_TO_PCM;
    }
    return NOT_POSSIBLE;
}

static LRESULT stream_open(ACMDRVSTREAMINSTANCE *instance)
{
    if (!acmcodec_stream_valid(instance)) {
        return MMSYSERR_INVALPARAM;
    }
    enum conversion conversion = conversion_of(instance->pwfxSrc, instance->pwfxDst);
    if (conversion == NOT_POSSIBLE || instance->pwfltr != NULL || (instance->fdwOpen & ACM_STREAMOPENF_ASYNC)) {
        return ACMERR_NOTPOSSIBLE; /* not these formats, not a filter, and only synchronous conversion */
    }
    if (instance->fdwOpen & ACM_STREAMOPENF_QUERY) {
        return MMSYSERR_NOERROR; /* the caller only asked */
    }
    instance->dwDriver = conversion;
    return MMSYSERR_NOERROR;
}

/* A stream this driver opened: its dwDriver holds one of the conversions (and its formats passed the checks). */
static BOOL is_open(const ACMDRVSTREAMINSTANCE *instance)
{
    return instance->dwDriver >= PCM_TO_ALAW && instance->dwDriver <= MULAW_TO_PCM;
}

static LRESULT stream_size(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMSIZE *size)
{
    if (!acmcodec_stream_valid(instance)) {
        return MMSYSERR_INVALPARAM;
    }
    if (!is_open(instance)) {
        return MMSYSERR_INVALHANDLE;
    }
    return acmcodec_stream_size(size, instance->pwfxSrc->nBlockAlign, instance->pwfxDst->nBlockAlign, FALSE);
}

/* Converts every whole sample frame that fits both buffers. */
static LRESULT stream_convert(const ACMDRVSTREAMINSTANCE *instance, ACMDRVSTREAMHEADER *header)
{
    if (!acmcodec_stream_valid(instance) || !acmcodec_header_valid(header)) {
        return MMSYSERR_INVALPARAM;
    }
    if (!is_open(instance)) {
        return MMSYSERR_INVALHANDLE;
    }
    DWORD srcAlign = instance->pwfxSrc->nBlockAlign, dstAlign = instance->pwfxDst->nBlockAlign;
    DWORD frames = header->cbSrcLength / srcAlign;
    if (frames > header->cbDstLength / dstAlign) {
        frames = header->cbDstLength / dstAlign;
    }
    DWORD samples = frames * instance->pwfxSrc->nChannels;
    const BYTE *src = header->pbSrc;
    BYTE *dst = header->pbDst;

    switch ((enum conversion)instance->dwDriver) {
    case PCM_TO_ALAW:
        for (DWORD i = 0; i < samples; i++) {
            dst[i] = alaw_encode(acmcodec_read16(src + 2 * i));
        }
        break;
    case PCM_TO_MULAW:
        for (DWORD i = 0; i < samples; i++) {
            dst[i] = mulaw_encode(acmcodec_read16(src + 2 * i));
        }
        break;
    case ALAW_TO_PCM:
        for (DWORD i = 0; i < samples; i++) {
            acmcodec_write16(dst + 2 * i, alaw_decode(src[i]));
        }
        break;
    case MULAW_TO_PCM:
        for (DWORD i = 0; i < samples; i++) {
            acmcodec_write16(dst + 2 * i, mulaw_decode(src[i]));
        }
        break;
    default: /* unreachable: is_open checked */
        return MMSYSERR_INVALHANDLE;
    }
    header->cbSrcLengthUsed = frames * srcAlign;
    header->cbDstLengthUsed = frames * dstAlign;
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
        return acmcodec_driver_details((ACMDRIVERDETAILSW *)lParam1, TAG_COUNT, u"G.711",
                                       u"ITU-T G.711 A-law and \u00B5-law CODEC",
                                       u"A-law and \u00B5-law to and from 16-bit PCM, mono and stereo, any rate.");
    case ACMDM_DRIVER_ABOUT:
        return MMSYSERR_NOTSUPPORTED; /* no about box: the ACM shows its own */

    case ACMDM_FORMATTAG_DETAILS:
        return acmcodec_formattag_details((ACMFORMATTAGDETAILSW *)lParam1, (DWORD)lParam2, tags, TAG_COUNT);
    case ACMDM_FORMAT_DETAILS:
        return format_details((ACMFORMATDETAILSW *)lParam1, (DWORD)lParam2);
    case ACMDM_FORMAT_SUGGEST:
        return format_suggest((ACMDRVFORMATSUGGEST *)lParam1);

    case ACMDM_STREAM_OPEN:
        return stream_open((ACMDRVSTREAMINSTANCE *)lParam1);
    case ACMDM_STREAM_CLOSE:
    case ACMDM_STREAM_RESET: /* nothing to free, nothing pending: conversions are synchronous */
        return MMSYSERR_NOERROR;
    case ACMDM_STREAM_SIZE:
        return stream_size((ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMSIZE *)lParam2);
    case ACMDM_STREAM_CONVERT:
        return stream_convert((ACMDRVSTREAMINSTANCE *)lParam1, (ACMDRVSTREAMHEADER *)lParam2);

    default:
        /* ACMDM_STREAM_PREPARE/UNPREPARE among them: MMSYSERR_NOTSUPPORTED tells the ACM to prepare headers itself. */
        return acmcodec_default(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
