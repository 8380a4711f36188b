/*
 * acmcodec.h - small helpers the ACM codec drivers in this folder share: handing a structure back to the ACM, UTF-16
 * strings, and the 16-bit PCM side every codec here converts to and from. Everything is static inline, so a driver
 * that includes this and uses only part of it compiles cleanly under -Wall -Wextra -Werror.
 *
 * Compiled against the SDK's Windows stand-ins: -I sdk/include/win32 (the drivers' CFlags say so).
 */
#ifndef ACMCODEC_H
#define ACMCODEC_H

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>
#include <msacmdrv.h>

#include <stdio.h>
#include <string.h>

/* The ACM version our drivers are written for (3.50, the Win32 ACM), and their own version. */
#define ACMCODEC_VERSION_ACM MAKE_ACM_VERSION(3, 50, 0)
#define ACMCODEC_VERSION_DRIVER MAKE_ACM_VERSION(1, 0, 0)

/* The sample rates every codec here lists as its standard formats (any positive rate converts). */
#define ACMCODEC_RATE_COUNT 4
static inline DWORD acmcodec_rate(DWORD index)
{
    static const DWORD rates[ACMCODEC_RATE_COUNT] = {8000, 11025, 22050, 44100};
    return rates[index];
}

/* Every ACM details structure starts with cbStruct, the size the caller allocated: write no more than that, and
 * tell the caller how much was written. The driver builds the full structure locally and hands it over here. */
static inline void acmcodec_give(void *callers, const void *filled, DWORD size)
{
    DWORD room = *(const DWORD *)callers;
    DWORD count = room < size ? room : size;
    memcpy(callers, filled, count);
    memcpy(callers, &count, sizeof count); /* cbStruct: the bytes that are valid */
}

/* Copies a UTF-16 string (a u"" literal or a built one) into a fixed WCHAR array, cut to fit, always terminated. */
static inline void acmcodec_copy_string(WCHAR *to, size_t capacity, const WCHAR *from)
{
    size_t i = 0;
    for (; i + 1 < capacity && from[i] != 0; i++) {
        to[i] = from[i];
    }
    to[i] = 0;
}

/* Appends ASCII text to a UTF-16 string being built at *at, within end. */
static inline void acmcodec_append_ascii(WCHAR **at, WCHAR *end, const char *text)
{
    while (*text != 0 && *at + 1 < end) {
        *(*at)++ = (WCHAR)(unsigned char)*text++;
    }
    **at = 0;
}

/* Describes a format the way the ACM's format chooser shows one: "8.000 kHz, 16 Bit, Stereo". */
static inline void acmcodec_describe(WCHAR *to, size_t capacity, const WAVEFORMATEX *wfx)
{
    const char *channels = wfx->nChannels == 1 ? "Mono" : wfx->nChannels == 2 ? "Stereo" : "Multichannel";
    char text[64];
    snprintf(text, sizeof text, "%u.%03u kHz, %u Bit, %s", (unsigned)(wfx->nSamplesPerSec / 1000),
             (unsigned)(wfx->nSamplesPerSec % 1000), (unsigned)wfx->wBitsPerSample, channels);
    WCHAR *at = to;
    acmcodec_append_ascii(&at, to + capacity, text);
}

/* ---- 16-bit PCM, the uncompressed side of every codec here ----------------------------------------------------- */

/* The end of every ACMDM_FORMAT_DETAILS answer once the format is known to the codec: its tag, what the driver does
 * with it, and its description. */
static inline LRESULT acmcodec_format_found(ACMFORMATDETAILSW *pafd)
{
    pafd->dwFormatTag = pafd->pwfx->wFormatTag;
    pafd->fdwSupport = ACMDRIVERDETAILS_SUPPORTF_CODEC;
    acmcodec_describe(pafd->szFormat, ACMFORMATDETAILS_FORMAT_CHARS, pafd->pwfx);
    return MMSYSERR_NOERROR;
}

/* A 16-bit PCM format this folder's codecs accept: mono or stereo, any positive rate, consistent sizes. */
static inline BOOL acmcodec_is_pcm16(const WAVEFORMATEX *wfx)
{
    return wfx->wFormatTag == WAVE_FORMAT_PCM && (wfx->nChannels == 1 || wfx->nChannels == 2) &&
           wfx->nSamplesPerSec > 0 && wfx->wBitsPerSample == 16 && wfx->nBlockAlign == 2 * wfx->nChannels &&
           wfx->nAvgBytesPerSec == wfx->nSamplesPerSec * wfx->nBlockAlign;
}

/* Fills a 16-bit PCM format (16 bytes, a PCMWAVEFORMAT: PCM formats carry no cbSize). */
static inline void acmcodec_make_pcm16(WAVEFORMATEX *wfx, WORD channels, DWORD rate)
{
    wfx->wFormatTag = WAVE_FORMAT_PCM;
    wfx->nChannels = channels;
    wfx->nSamplesPerSec = rate;
    wfx->nBlockAlign = (WORD)(2 * channels);
    wfx->nAvgBytesPerSec = rate * wfx->nBlockAlign;
    wfx->wBitsPerSample = 16;
}

/* The size of a PCM format: a PCMWAVEFORMAT, which is WAVEFORMATEX without cbSize. */
#define ACMCODEC_PCM_FORMAT_SIZE ((DWORD)offsetof(WAVEFORMATEX, cbSize))

/* 16-bit little-endian samples, read and written byte by byte so that neither alignment nor host order matters. */
static inline SHORT acmcodec_read16(const BYTE *p)
{
    return (SHORT)(WORD)(p[0] | (p[1] << 8));
}

static inline void acmcodec_write16(BYTE *p, int value)
{
    p[0] = (BYTE)(value & 0xFF);
    p[1] = (BYTE)((value >> 8) & 0xFF);
}

/* ---- ACMDM_FORMAT_SUGGEST: the checks every codec makes ----------------------------------------------------------
 * The caller may have fixed the destination's tag, channels, rate or bits (ACM_FORMATSUGGESTF_*); a codec proposes
 * a destination and keeps it only if it agrees with every fixed field. */
static inline BOOL acmcodec_suggestion_fits(const ACMDRVFORMATSUGGEST *suggest, const WAVEFORMATEX *proposed)
{
    const WAVEFORMATEX *fixed = suggest->pwfxDst;
    DWORD flags = suggest->fdwSuggest;
    return (!(flags & ACM_FORMATSUGGESTF_WFORMATTAG) || fixed->wFormatTag == proposed->wFormatTag) &&
           (!(flags & ACM_FORMATSUGGESTF_NCHANNELS) || fixed->nChannels == proposed->nChannels) &&
           (!(flags & ACM_FORMATSUGGESTF_NSAMPLESPERSEC) || fixed->nSamplesPerSec == proposed->nSamplesPerSec) &&
           (!(flags & ACM_FORMATSUGGESTF_WBITSPERSAMPLE) || fixed->wBitsPerSample == proposed->wBitsPerSample);
}

/* ---- ACMDM_FORMATTAG_DETAILS, from a table of the tags a codec knows ------------------------------------------- */
typedef struct acmcodec_tag {
    WORD tag;              /* WAVE_FORMAT_* */
    DWORD formatSize;      /* cbFormatSize: bytes of this tag's largest format */
    DWORD standardFormats; /* how many formats ACMDM_FORMAT_DETAILS lists for it by index */
    const WCHAR *name;     /* szFormatTag */
} ACMCODEC_TAG;

/* The position of a tag in the table, or count if the codec does not know it. */
static inline DWORD acmcodec_find_tag(const ACMCODEC_TAG *tags, DWORD count, DWORD tag)
{
    DWORD i = 0;
    while (i < count && tags[i].tag != tag) {
        i++;
    }
    return i;
}

/* Answers ACMDM_FORMATTAG_DETAILS: by index, by tag, or the tag with the largest format (WAVE_FORMAT_UNKNOWN asks
 * across all tags; a known tag asks for that tag's own). */
static inline LRESULT acmcodec_formattag_details(ACMFORMATTAGDETAILSW *paftd, DWORD flags, const ACMCODEC_TAG *tags,
                                                 DWORD count)
{
    if (paftd == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    DWORD i;
    switch (flags & ACM_FORMATTAGDETAILSF_QUERYMASK) {
    case ACM_FORMATTAGDETAILSF_INDEX:
        i = paftd->dwFormatTagIndex;
        break;
    case ACM_FORMATTAGDETAILSF_FORMATTAG:
        i = acmcodec_find_tag(tags, count, paftd->dwFormatTag);
        break;
    case ACM_FORMATTAGDETAILSF_LARGESTSIZE:
        if (paftd->dwFormatTag == WAVE_FORMAT_UNKNOWN) {
            i = 0;
            for (DWORD j = 1; j < count; j++) {
                if (tags[j].formatSize > tags[i].formatSize) {
                    i = j;
                }
            }
        } else {
            i = acmcodec_find_tag(tags, count, paftd->dwFormatTag);
        }
        break;
    default:
        return MMSYSERR_NOTSUPPORTED;
    }
    if (i >= count) {
        return ACMERR_NOTPOSSIBLE;
    }

    ACMFORMATTAGDETAILSW details;
    memset(&details, 0, sizeof details);
    details.cbStruct = sizeof details;
    details.dwFormatTagIndex = i;
    details.dwFormatTag = tags[i].tag;
    details.cbFormatSize = tags[i].formatSize;
    details.fdwSupport = ACMDRIVERDETAILS_SUPPORTF_CODEC;
    details.cStandardFormats = tags[i].standardFormats;
    acmcodec_copy_string(details.szFormatTag, ACMFORMATTAGDETAILS_FORMATTAG_CHARS, tags[i].name);
    acmcodec_give(paftd, &details, sizeof details);
    return MMSYSERR_NOERROR;
}

/* ---- ACMDM_STREAM_SIZE for a codec that converts whole blocks -------------------------------------------------------
 * srcBlock source bytes become dstBlock destination bytes. Given a source length, the destination must hold every
 * block it yields: rounded up when the codec flushes a partial last block (an encoder at END), down otherwise.
 * Given a destination length, the source is what fills it with whole blocks. A length too short for one block has no
 * answer: acmStreamSize promises a nonzero size on success. */
static inline LRESULT acmcodec_stream_size(ACMDRVSTREAMSIZE *size, DWORD srcBlock, DWORD dstBlock, BOOL flushesPartial)
{
    if (size == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    DWORD blocks;
    switch (size->fdwSize & ACM_STREAMSIZEF_QUERYMASK) {
    case ACM_STREAMSIZEF_SOURCE:
        blocks = size->cbSrcLength / srcBlock;
        if (flushesPartial && size->cbSrcLength % srcBlock != 0) {
            blocks++;
        }
        if (blocks == 0 || blocks > 0xFFFFFFFFu / dstBlock) {
            return ACMERR_NOTPOSSIBLE;
        }
        size->cbDstLength = blocks * dstBlock;
        return MMSYSERR_NOERROR;
    case ACM_STREAMSIZEF_DESTINATION:
        blocks = size->cbDstLength / dstBlock;
        if (blocks == 0 || blocks > 0xFFFFFFFFu / srcBlock) {
            return ACMERR_NOTPOSSIBLE;
        }
        size->cbSrcLength = blocks * srcBlock;
        return MMSYSERR_NOERROR;
    default:
        return MMSYSERR_INVALFLAG;
    }
}

/* ---- Checking what the caller passed ------------------------------------------------------------------------------
 * The ACM validates its callers' pointers before it calls a driver, but a driver can be sent messages directly: a
 * missing structure is an error to answer (MMSYSERR_INVALPARAM), not a reason to crash the host. */
static inline BOOL acmcodec_stream_valid(const ACMDRVSTREAMINSTANCE *instance)
{
    return instance != NULL && instance->pwfxSrc != NULL && instance->pwfxDst != NULL;
}

/* A length with no buffer behind it is the caller's mistake too. */
static inline BOOL acmcodec_header_valid(const ACMDRVSTREAMHEADER *header)
{
    return header != NULL && (header->pbSrc != NULL || header->cbSrcLength == 0) &&
           (header->pbDst != NULL || header->cbDstLength == 0);
}

static inline BOOL acmcodec_suggest_valid(const ACMDRVFORMATSUGGEST *suggest)
{
    return suggest != NULL && suggest->pwfxSrc != NULL && suggest->pwfxDst != NULL;
}

/* ---- ACMDM_DRIVER_DETAILS ----------------------------------------------------------------------------------------- */
static inline LRESULT acmcodec_driver_details(ACMDRIVERDETAILSW *padd, DWORD formatTags, const WCHAR *shortName,
                                              const WCHAR *longName, const WCHAR *features)
{
    if (padd == NULL) {
        return MMSYSERR_INVALPARAM;
    }
    ACMDRIVERDETAILSW details;
    memset(&details, 0, sizeof details);
    details.cbStruct = sizeof details;
    details.fccType = ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC;
    details.fccComp = ACMDRIVERDETAILS_FCCCOMP_UNDEFINED;
    details.wMid = MM_UNMAPPED; /* no registered manufacturer id: say so rather than borrow one */
    details.wPid = MM_PID_UNMAPPED;
    details.vdwACM = ACMCODEC_VERSION_ACM;
    details.vdwDriver = ACMCODEC_VERSION_DRIVER;
    details.fdwSupport = ACMDRIVERDETAILS_SUPPORTF_CODEC;
    details.cFormatTags = formatTags;
    details.cFilterTags = 0;
    details.hicon = NULL;
    acmcodec_copy_string(details.szShortName, ACMDRIVERDETAILS_SHORTNAME_CHARS, shortName);
    acmcodec_copy_string(details.szLongName, ACMDRIVERDETAILS_LONGNAME_CHARS, longName);
    acmcodec_copy_string(details.szCopyright, ACMDRIVERDETAILS_COPYRIGHT_CHARS,
                         u"The InstallableDrivers project");
    acmcodec_copy_string(details.szLicensing, ACMDRIVERDETAILS_LICENSING_CHARS,
                         u"See the InstallableDrivers project.");
    acmcodec_copy_string(details.szFeatures, ACMDRIVERDETAILS_FEATURES_CHARS, features);
    acmcodec_give(padd, &details, sizeof details);
    return MMSYSERR_NOERROR;
}

/* What a codec answers for the messages it does not handle: the ACM range (and a driver's own, above ACMDM_USER)
 * must not fall to DefDriverProc, whose 0 would read as MMSYSERR_NOERROR. */
static inline LRESULT acmcodec_default(DWORD_PTR id, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    if (msg >= ACMDM_USER) {
        return MMSYSERR_NOTSUPPORTED;
    }
    return DefDriverProc(id, hdrvr, msg, lParam1, lParam2);
}

/* ---- DRV_OPEN ------------------------------------------------------------------------------------------------------
 * lParam2 is the ACM's ACMDRVOPENDESCW, or 0 when the driver is opened to be configured. A codec accepts only the
 * audio codec type; the id it returns is what every later message brings back as dwDriverId, and must not be 0. */
static inline LRESULT acmcodec_open(LPARAM lParam2)
{
    ACMDRVOPENDESCW *desc = (ACMDRVOPENDESCW *)lParam2;
    if (desc == NULL) {
        return 1; /* a configuration open */
    }
    if (desc->fccType != ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC) {
        return 0; /* not for us: the opener asked for something else than an audio codec */
    }
    desc->dwError = MMSYSERR_NOERROR;
    return 1; /* these codecs keep no per-open state: every stream carries its own */
}

#endif /* ACMCODEC_H */
