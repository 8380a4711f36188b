/*
 *  pcmbits.c
 *
 *  PCM Bits Converter: an ACM converter between 8-bit and 16-bit PCM, written the way ACM codecs for Windows are.
 *
 *  This file is a test of the SDK, not a driver we ship: it must build unchanged, as a Windows codec source would, with
 *  only -fshort-wchar and the stand-in headers (-I sdk/include/win32) on the command line. Like many Windows codecs
 *  its entry point has its own name, which the Windows build exports as DriverProc through its .def file
 *  (EXPORTS DriverProc = PcmBitsDriverProc); here the build adds the same alias with -Wl,--defsym.
 *
 *  Keep it in that style: HeapAlloc for instance data, L"" strings and lstrcpyW into the details structures,
 *  MultiByteToWideChar for char strings, MessageBoxA for the About and Configure boxes, LOWORD/HIWORD/MAKELONG/min.
 */

#include <windows.h>
#include <mmsystem.h>
#include <mmreg.h>
#include <msacm.h>
#include <msacmdrv.h>
#include <assert.h>

#define VERSION_ACM         MAKE_ACM_VERSION(3, 50, 0)
#define VERSION_DRIVER      MAKE_ACM_VERSION(1, 2, 0)

//
//  Formats: the rate in the low word, the bits per sample in the high word.
//
static const DWORD gadwFormats[] =
{
    MAKELONG(8000, 8),  MAKELONG(8000, 16),
    MAKELONG(11025, 8), MAKELONG(11025, 16),
    MAKELONG(22050, 8), MAKELONG(22050, 16),
    MAKELONG(44100, 8), MAKELONG(44100, 16),
};
#define FORMATS_PER_CHANNELS    (sizeof(gadwFormats) / sizeof(gadwFormats[0]))
#define CHANNEL_COUNTS          2

static const char gszCopyright[] = "Copyright \xC2\xA9 InstallableDrivers tests";   // UTF-8, the ANSI code page here

typedef struct tDRIVERINSTANCE
{
    HDRVR   hdrvr;
    BOOL    fConfigOpen;        // opened without an ACMDRVOPENDESC: for configuration only
    DWORD   cStreams;
} DRIVERINSTANCE, FAR *PDRIVERINSTANCE;

typedef void (*CONVERTPROC)(const BYTE FAR *pbSrc, BYTE FAR *pbDst, DWORD cSamples);

typedef struct tSTREAMINSTANCE
{
    CONVERTPROC fnConvert;
    UINT        cbSrcSample;
    UINT        cbDstSample;
    UINT        nChannels;
} STREAMINSTANCE, FAR *PSTREAMINSTANCE;

//--------------------------------------------------------------------------;
//  The conversions
//--------------------------------------------------------------------------;

static void Convert8To16(const BYTE FAR *pbSrc, BYTE FAR *pbDst, DWORD cSamples)
{
    DWORD i;
    for (i = 0; i < cSamples; i++)
    {
        WORD w = (WORD)((pbSrc[i] - 128) << 8);
        pbDst[2 * i]     = LOBYTE(w);
        pbDst[2 * i + 1] = HIBYTE(w);
    }
}

static void Convert16To8(const BYTE FAR *pbSrc, BYTE FAR *pbDst, DWORD cSamples)
{
    DWORD i;
    for (i = 0; i < cSamples; i++)
    {
        SHORT s = (SHORT)MAKEWORD(pbSrc[2 * i], pbSrc[2 * i + 1]);
        pbDst[i] = (BYTE)((s >> 8) + 128);
    }
}

static BOOL IsValidPcm(LPWAVEFORMATEX pwfx)
{
    if (pwfx->wFormatTag != WAVE_FORMAT_PCM)
        return FALSE;
    if (pwfx->nChannels < 1 || pwfx->nChannels > CHANNEL_COUNTS)
        return FALSE;
    if (pwfx->wBitsPerSample != 8 && pwfx->wBitsPerSample != 16)
        return FALSE;
    return pwfx->nBlockAlign == pwfx->nChannels * pwfx->wBitsPerSample / 8 && pwfx->nSamplesPerSec != 0;
}

//--------------------------------------------------------------------------;
//  Details
//--------------------------------------------------------------------------;

static LRESULT acmdDriverDetails(PDRIVERINSTANCE pdi, LPACMDRIVERDETAILSW padd)
{
    ACMDRIVERDETAILSW add;
    (void)pdi;

    ZeroMemory(&add, sizeof(add));
    add.fccType     = ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC;
    add.fccComp     = ACMDRIVERDETAILS_FCCCOMP_UNDEFINED;
    add.wMid        = MM_UNMAPPED;
    add.wPid        = MM_PID_UNMAPPED;
    add.vdwACM      = VERSION_ACM;
    add.vdwDriver   = VERSION_DRIVER;
    add.fdwSupport  = ACMDRIVERDETAILS_SUPPORTF_CONVERTER;
    add.cFormatTags = 1;
    add.cFilterTags = 0;
    add.hicon       = NULL;

    lstrcpyW(add.szShortName, L"PCM Bits");
    lstrcpyW(add.szLongName,  L"PCM Bits Converter \u2013 8 \u2194 16 bit \U0001F3B5");
    MultiByteToWideChar(CP_ACP, 0, gszCopyright, -1, add.szCopyright, ACMDRIVERDETAILS_COPYRIGHT_CHARS);
    lstrcpynW(add.szLicensing, L"Test driver; no licence needed. This sentence is cut short by lstrcpynW", 30);
    lstrcpyW(add.szFeatures,  L"Converts 8-bit PCM to 16-bit PCM and back.");

    add.cbStruct = min(padd->cbStruct, (DWORD)sizeof(add));
    CopyMemory(padd, &add, add.cbStruct);
    return MMSYSERR_NOERROR;
}

static LRESULT acmdFormatTagDetails(PDRIVERINSTANCE pdi, LPACMFORMATTAGDETAILSW padft, DWORD fdwDetails)
{
    (void)pdi;
    switch (ACM_FORMATTAGDETAILSF_QUERYMASK & fdwDetails)
    {
        case ACM_FORMATTAGDETAILSF_INDEX:
            if (padft->dwFormatTagIndex != 0)
                return ACMERR_NOTPOSSIBLE;
            break;
        case ACM_FORMATTAGDETAILSF_FORMATTAG:
        case ACM_FORMATTAGDETAILSF_LARGESTSIZE:
            if (padft->dwFormatTag != WAVE_FORMAT_PCM &&
                !(fdwDetails == ACM_FORMATTAGDETAILSF_LARGESTSIZE && padft->dwFormatTag == WAVE_FORMAT_UNKNOWN))
                return ACMERR_NOTPOSSIBLE;
            break;
        default:
            return MMSYSERR_NOTSUPPORTED;
    }

    padft->cbStruct         = min(padft->cbStruct, (DWORD)sizeof(*padft));
    padft->dwFormatTagIndex = 0;
    padft->dwFormatTag      = WAVE_FORMAT_PCM;
    padft->cbFormatSize     = sizeof(WAVEFORMATEX) - sizeof(WORD);      // PCMWAVEFORMAT
    padft->fdwSupport       = ACMDRIVERDETAILS_SUPPORTF_CONVERTER;
    padft->cStandardFormats = FORMATS_PER_CHANNELS * CHANNEL_COUNTS;
    padft->szFormatTag[0]   = 0;                                        // the ACM names PCM
    return MMSYSERR_NOERROR;
}

static LRESULT acmdFormatDetails(PDRIVERINSTANCE pdi, LPACMFORMATDETAILSW padf, DWORD fdwDetails)
{
    LPWAVEFORMATEX pwfx = padf->pwfx;
    DWORD dwFormat;
    (void)pdi;

    switch (ACM_FORMATDETAILSF_QUERYMASK & fdwDetails)
    {
        case ACM_FORMATDETAILSF_INDEX:
            if (padf->dwFormatTag != WAVE_FORMAT_PCM || padf->dwFormatIndex >= FORMATS_PER_CHANNELS * CHANNEL_COUNTS)
                return ACMERR_NOTPOSSIBLE;
            dwFormat = gadwFormats[padf->dwFormatIndex % FORMATS_PER_CHANNELS];
            pwfx->wFormatTag      = WAVE_FORMAT_PCM;
            pwfx->nChannels       = (WORD)(1 + padf->dwFormatIndex / FORMATS_PER_CHANNELS);
            pwfx->nSamplesPerSec  = LOWORD(dwFormat);
            pwfx->wBitsPerSample  = HIWORD(dwFormat);
            pwfx->nBlockAlign     = (WORD)(pwfx->nChannels * pwfx->wBitsPerSample / 8);
            pwfx->nAvgBytesPerSec = pwfx->nSamplesPerSec * pwfx->nBlockAlign;
            padf->cbwfx           = sizeof(WAVEFORMATEX) - sizeof(WORD);
            break;
        case ACM_FORMATDETAILSF_FORMAT:
            if (!IsValidPcm(pwfx))
                return ACMERR_NOTPOSSIBLE;
            break;
        default:
            return MMSYSERR_NOTSUPPORTED;
    }

    padf->fdwSupport  = ACMDRIVERDETAILS_SUPPORTF_CONVERTER;
    padf->szFormat[0] = 0;
    return MMSYSERR_NOERROR;
}

//--------------------------------------------------------------------------;
//  Streams
//--------------------------------------------------------------------------;

static LRESULT acmdStreamOpen(PDRIVERINSTANCE pdi, LPACMDRVSTREAMINSTANCE padsi)
{
    LPWAVEFORMATEX  pwfxSrc = padsi->pwfxSrc;
    LPWAVEFORMATEX  pwfxDst = padsi->pwfxDst;
    PSTREAMINSTANCE psi;

    if (!IsValidPcm(pwfxSrc) || !IsValidPcm(pwfxDst) || padsi->pwfltr != NULL)
        return ACMERR_NOTPOSSIBLE;
    if (pwfxSrc->nChannels != pwfxDst->nChannels || pwfxSrc->nSamplesPerSec != pwfxDst->nSamplesPerSec)
        return ACMERR_NOTPOSSIBLE;
    if (pwfxSrc->wBitsPerSample == pwfxDst->wBitsPerSample)
        return ACMERR_NOTPOSSIBLE;
    if (ACM_STREAMOPENF_QUERY & padsi->fdwOpen)
        return MMSYSERR_NOERROR;

    psi = (PSTREAMINSTANCE)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(STREAMINSTANCE));
    if (psi == NULL)
        return MMSYSERR_NOMEM;

    psi->fnConvert   = pwfxSrc->wBitsPerSample == 8 ? Convert8To16 : Convert16To8;
    psi->cbSrcSample = pwfxSrc->wBitsPerSample / 8;
    psi->cbDstSample = pwfxDst->wBitsPerSample / 8;
    psi->nChannels   = pwfxSrc->nChannels;

    padsi->dwDriver = (DWORD_PTR)psi;
    pdi->cStreams++;
    return MMSYSERR_NOERROR;
}

static LRESULT acmdStreamClose(PDRIVERINSTANCE pdi, LPACMDRVSTREAMINSTANCE padsi)
{
    PSTREAMINSTANCE psi = (PSTREAMINSTANCE)padsi->dwDriver;

    assert(psi != NULL);
    HeapFree(GetProcessHeap(), 0, psi);
    padsi->dwDriver = 0;
    pdi->cStreams--;
    return MMSYSERR_NOERROR;
}

static LRESULT acmdStreamSize(LPACMDRVSTREAMINSTANCE padsi, LPACMDRVSTREAMSIZE padss)
{
    UINT cbSrc = padsi->pwfxSrc->nBlockAlign;
    UINT cbDst = padsi->pwfxDst->nBlockAlign;

    switch (ACM_STREAMSIZEF_QUERYMASK & padss->fdwSize)
    {
        case ACM_STREAMSIZEF_SOURCE:
            if (padss->cbSrcLength / cbSrc == 0)
                return ACMERR_NOTPOSSIBLE;
            padss->cbDstLength = padss->cbSrcLength / cbSrc * cbDst;
            return MMSYSERR_NOERROR;
        case ACM_STREAMSIZEF_DESTINATION:
            if (padss->cbDstLength / cbDst == 0)
                return ACMERR_NOTPOSSIBLE;
            padss->cbSrcLength = padss->cbDstLength / cbDst * cbSrc;
            return MMSYSERR_NOERROR;
        default:
            return MMSYSERR_NOTSUPPORTED;
    }
}

static LRESULT acmdStreamConvert(LPACMDRVSTREAMINSTANCE padsi, LPACMDRVSTREAMHEADER padsh)
{
    PSTREAMINSTANCE psi = (PSTREAMINSTANCE)padsi->dwDriver;
    DWORD cFrames;

    cFrames = min(padsh->cbSrcLength / (psi->cbSrcSample * psi->nChannels),
                  padsh->cbDstLength / (psi->cbDstSample * psi->nChannels));
    psi->fnConvert(padsh->pbSrc, padsh->pbDst, cFrames * psi->nChannels);

    padsh->cbSrcLengthUsed = cFrames * psi->cbSrcSample * psi->nChannels;
    padsh->cbDstLengthUsed = cFrames * psi->cbDstSample * psi->nChannels;
    return MMSYSERR_NOERROR;
}

//--------------------------------------------------------------------------;
//  The driver's About and Configure boxes
//--------------------------------------------------------------------------;

static LRESULT acmdDriverAbout(PDRIVERINSTANCE pdi, HWND hwnd)
{
    (void)pdi;
    if ((LPARAM)hwnd == -1L)
        return MMSYSERR_NOERROR;        // yes, there is a custom About box

    MessageBoxA(hwnd, "PCM Bits Converter 1.2\nConverts 8-bit PCM to 16-bit PCM and back.",
                "About PCM Bits", MB_OK | MB_ICONINFORMATION);
    return MMSYSERR_NOERROR;
}

static LRESULT acmdDriverConfigure(PDRIVERINSTANCE pdi, HWND hwnd)
{
    (void)pdi;
    if (MessageBoxA(hwnd, "Restore the default settings of PCM Bits?", "Configure PCM Bits",
                    MB_OKCANCEL | MB_ICONQUESTION) == IDOK)
        return DRVCNF_OK;
    return DRVCNF_CANCEL;
}

//--------------------------------------------------------------------------;
//  PcmBitsDriverProc: exported as DriverProc by the .def file (by an alias on Linux)
//--------------------------------------------------------------------------;

LRESULT FAR PASCAL PcmBitsDriverProc(DWORD_PTR dwId, HDRVR hdrvr, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
    PDRIVERINSTANCE pdi = (PDRIVERINSTANCE)dwId;

    switch (uMsg)
    {
        case DRV_LOAD:
        case DRV_FREE:
            return 1L;

        case DRV_OPEN:
        {
            LPACMDRVOPENDESCW paod = (LPACMDRVOPENDESCW)lParam2;

            if (paod != NULL && paod->fccType != ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC)
                return 0L;

            pdi = (PDRIVERINSTANCE)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(DRIVERINSTANCE));
            if (pdi == NULL)
            {
                if (paod != NULL)
                    paod->dwError = MMSYSERR_NOMEM;
                return 0L;
            }
            pdi->hdrvr       = hdrvr;
            pdi->fConfigOpen = (paod == NULL);
            if (paod != NULL)
                paod->dwError = MMSYSERR_NOERROR;
            return (LRESULT)pdi;
        }

        case DRV_CLOSE:
            if (pdi != NULL)
                HeapFree(GetProcessHeap(), 0, pdi);
            return 1L;

        case DRV_QUERYCONFIGURE:
            return 1L;

        case DRV_CONFIGURE:
            return acmdDriverConfigure(pdi, (HWND)lParam1);

        case ACMDM_DRIVER_ABOUT:
            return acmdDriverAbout(pdi, (HWND)lParam1);

        case ACMDM_DRIVER_DETAILS:
            return acmdDriverDetails(pdi, (LPACMDRIVERDETAILSW)lParam1);

        case ACMDM_FORMATTAG_DETAILS:
            return acmdFormatTagDetails(pdi, (LPACMFORMATTAGDETAILSW)lParam1, (DWORD)lParam2);

        case ACMDM_FORMAT_DETAILS:
            return acmdFormatDetails(pdi, (LPACMFORMATDETAILSW)lParam1, (DWORD)lParam2);

        case ACMDM_STREAM_OPEN:
            return acmdStreamOpen(pdi, (LPACMDRVSTREAMINSTANCE)lParam1);

        case ACMDM_STREAM_CLOSE:
            return acmdStreamClose(pdi, (LPACMDRVSTREAMINSTANCE)lParam1);

        case ACMDM_STREAM_SIZE:
            return acmdStreamSize((LPACMDRVSTREAMINSTANCE)lParam1, (LPACMDRVSTREAMSIZE)lParam2);

        case ACMDM_STREAM_CONVERT:
            return acmdStreamConvert((LPACMDRVSTREAMINSTANCE)lParam1, (LPACMDRVSTREAMHEADER)lParam2);
    }

    if (uMsg >= ACMDM_USER)
        return MMSYSERR_NOTSUPPORTED;

    return DefDriverProc(dwId, hdrvr, uMsg, lParam1, lParam2);
}
