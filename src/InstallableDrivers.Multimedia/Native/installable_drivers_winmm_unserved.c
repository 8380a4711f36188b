/*
 * The winmm functions the export library has although the services serve no such devices: MIDI and the mixer. A .NET
 * program (NAudio imports all of them) or a C program that asks finds the answers of a Windows machine without
 * MIDI or mixer drivers: no devices, and MMSYSERR_NODRIVER from everything that would need one, instead of failing to
 * bind. mmioStringToFOURCC needs no device and works as documented.
 *
 * The device-independent pieces follow winmm: a MIDI function's error text for a general MMSYSERR_* code is the one
 * waveOutGetErrorText gives; the MIDIERR_* range has no text here (MMSYSERR_BADERRNUM).
 */
#include "installable_drivers_winmm.h"

#include <ctype.h>
#include <mmreg.h>

/* The waveOut error texts (installable_drivers_winmm.c), which the general MMSYSERR_* codes share. */
MMRESULT WINAPI waveOutGetErrorTextA(MMRESULT mmrError, LPSTR pszText, UINT cchText);
MMRESULT WINAPI waveOutGetErrorTextW(MMRESULT mmrError, LPWSTR pszText, UINT cchText);

/* The handle and structure types of the MIDI and mixer functions: only passed through, never looked into. */
typedef HANDLE HMIDI, HMIDIIN, HMIDIOUT, HMIDISTRM, HMIXER, HMIXEROBJ;
typedef HMIDIIN *LPHMIDIIN;
typedef HMIDIOUT *LPHMIDIOUT;
typedef HMIDISTRM *LPHMIDISTRM;
typedef HMIXER *LPHMIXER;
typedef void *LPMIDIHDR, *LPMIDIINCAPSA, *LPMIDIINCAPSW, *LPMIDIOUTCAPSA, *LPMIDIOUTCAPSW, *LPMIXERCAPSA, *LPMIXERCAPSW,
    *LPMIXERLINEA, *LPMIXERLINEW, *LPMIXERLINECONTROLSA, *LPMIXERLINECONTROLSW, *LPMIXERCONTROLDETAILS;

#define MMIO_TOUPPER 0x0010 /* mmioStringToFOURCC: upper-case the characters */

/* The MIDI and mixer functions answer without looking at most of their parameters. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

/* ---- Answers shared by every MIDI and mixer function -------------------------------------------------------------- */

#define NO_DEVICES 0
#define NO_DRIVER MMSYSERR_NODRIVER

/* The text of an error a MIDI function returned: the general MMSYSERR_* codes share winmm's texts. */
static MMRESULT midi_error_text_a(MMRESULT error, LPSTR text, UINT length)
{
    return error < WAVERR_BASE ? waveOutGetErrorTextA(error, text, length) : MMSYSERR_BADERRNUM;
}

static MMRESULT midi_error_text_w(MMRESULT error, LPWSTR text, UINT length)
{
    return error < WAVERR_BASE ? waveOutGetErrorTextW(error, text, length) : MMSYSERR_BADERRNUM;
}

/* ---- midiIn ------------------------------------------------------------------------------------------------------ */

DRIVER_EXPORT UINT WINAPI midiInGetNumDevs(void) { return NO_DEVICES; }
DRIVER_EXPORT MMRESULT WINAPI midiInGetDevCapsA(UINT_PTR uDeviceID, LPMIDIINCAPSA pmic, UINT cbmic) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInGetDevCapsW(UINT_PTR uDeviceID, LPMIDIINCAPSW pmic, UINT cbmic) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInGetDevCaps(UINT_PTR uDeviceID, LPMIDIINCAPSA pmic, UINT cbmic)
{
    return midiInGetDevCapsA(uDeviceID, pmic, cbmic);
}
DRIVER_EXPORT MMRESULT WINAPI midiInGetErrorTextA(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    return midi_error_text_a(mmrError, pszText, cchText);
}
DRIVER_EXPORT MMRESULT WINAPI midiInGetErrorTextW(MMRESULT mmrError, LPWSTR pszText, UINT cchText)
{
    return midi_error_text_w(mmrError, pszText, cchText);
}
DRIVER_EXPORT MMRESULT WINAPI midiInGetErrorText(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    return midi_error_text_a(mmrError, pszText, cchText);
}
DRIVER_EXPORT MMRESULT WINAPI midiInOpen(LPHMIDIIN phmi, UINT uDeviceID, DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen)
{
    if (phmi != NULL) {
        *phmi = NULL; /* winmm clears the handle of an open that fails */
    }
    return NO_DRIVER;
}
DRIVER_EXPORT MMRESULT WINAPI midiInClose(HMIDIIN hmi) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInPrepareHeader(HMIDIIN hmi, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInUnprepareHeader(HMIDIIN hmi, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInAddBuffer(HMIDIIN hmi, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInStart(HMIDIIN hmi) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInStop(HMIDIIN hmi) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInReset(HMIDIIN hmi) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInGetID(HMIDIIN hmi, LPUINT puDeviceID) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiInMessage(HMIDIIN hmi, UINT uMsg, DWORD_PTR dw1, DWORD_PTR dw2) { return NO_DRIVER; }

/* ---- midiOut ----------------------------------------------------------------------------------------------------- */

DRIVER_EXPORT UINT WINAPI midiOutGetNumDevs(void) { return NO_DEVICES; }
DRIVER_EXPORT MMRESULT WINAPI midiOutGetDevCapsA(UINT_PTR uDeviceID, LPMIDIOUTCAPSA pmoc, UINT cbmoc) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutGetDevCapsW(UINT_PTR uDeviceID, LPMIDIOUTCAPSW pmoc, UINT cbmoc) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutGetDevCaps(UINT_PTR uDeviceID, LPMIDIOUTCAPSA pmoc, UINT cbmoc)
{
    return midiOutGetDevCapsA(uDeviceID, pmoc, cbmoc);
}
DRIVER_EXPORT MMRESULT WINAPI midiOutGetErrorTextA(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    return midi_error_text_a(mmrError, pszText, cchText);
}
DRIVER_EXPORT MMRESULT WINAPI midiOutGetErrorTextW(MMRESULT mmrError, LPWSTR pszText, UINT cchText)
{
    return midi_error_text_w(mmrError, pszText, cchText);
}
DRIVER_EXPORT MMRESULT WINAPI midiOutGetErrorText(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    return midi_error_text_a(mmrError, pszText, cchText);
}
DRIVER_EXPORT MMRESULT WINAPI midiOutOpen(LPHMIDIOUT phmo, UINT uDeviceID, DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen)
{
    if (phmo != NULL) {
        *phmo = NULL;
    }
    return NO_DRIVER;
}
DRIVER_EXPORT MMRESULT WINAPI midiOutClose(HMIDIOUT hmo) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutPrepareHeader(HMIDIOUT hmo, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutUnprepareHeader(HMIDIOUT hmo, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutShortMsg(HMIDIOUT hmo, DWORD dwMsg) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutLongMsg(HMIDIOUT hmo, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutReset(HMIDIOUT hmo) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutGetVolume(HMIDIOUT hmo, LPDWORD pdwVolume) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutSetVolume(HMIDIOUT hmo, DWORD dwVolume) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutCachePatches(HMIDIOUT hmo, UINT uBank, LPWORD pwpa, UINT fuCache) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutCacheDrumPatches(HMIDIOUT hmo, UINT uPatch, LPWORD pwkya, UINT fuCache) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutGetID(HMIDIOUT hmo, LPUINT puDeviceID) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiOutMessage(HMIDIOUT hmo, UINT uMsg, DWORD_PTR dw1, DWORD_PTR dw2) { return NO_DRIVER; }

/* ---- midiStream and MIDI thru ------------------------------------------------------------------------------------ */

DRIVER_EXPORT MMRESULT WINAPI midiStreamOpen(LPHMIDISTRM phms, LPUINT puDeviceID, DWORD cMidi, DWORD_PTR dwCallback, DWORD_PTR dwInstance,
                                             DWORD fdwOpen)
{
    if (phms != NULL) {
        *phms = NULL;
    }
    return NO_DRIVER;
}
DRIVER_EXPORT MMRESULT WINAPI midiStreamClose(HMIDISTRM hms) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiStreamOut(HMIDISTRM hms, LPMIDIHDR pmh, UINT cbmh) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiStreamPause(HMIDISTRM hms) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiStreamRestart(HMIDISTRM hms) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiStreamStop(HMIDISTRM hms) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiStreamPosition(HMIDISTRM hms, LPMMTIME lpmmt, UINT cbmmt) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiStreamProperty(HMIDISTRM hms, LPBYTE lppropdata, DWORD dwProperty) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiConnect(HMIDI hmi, HMIDIOUT hmo, LPVOID pReserved) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI midiDisconnect(HMIDI hmi, HMIDIOUT hmo, LPVOID pReserved) { return NO_DRIVER; }

/* ---- mixer ------------------------------------------------------------------------------------------------------- */

DRIVER_EXPORT UINT WINAPI mixerGetNumDevs(void) { return NO_DEVICES; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetDevCapsA(UINT_PTR uMxId, LPMIXERCAPSA pmxcaps, UINT cbmxcaps) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetDevCapsW(UINT_PTR uMxId, LPMIXERCAPSW pmxcaps, UINT cbmxcaps) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetDevCaps(UINT_PTR uMxId, LPMIXERCAPSA pmxcaps, UINT cbmxcaps)
{
    return mixerGetDevCapsA(uMxId, pmxcaps, cbmxcaps);
}
DRIVER_EXPORT MMRESULT WINAPI mixerOpen(LPHMIXER phmx, UINT uMxId, DWORD_PTR dwCallback, DWORD_PTR dwInstance, DWORD fdwOpen)
{
    if (phmx != NULL) {
        *phmx = NULL;
    }
    return NO_DRIVER;
}
DRIVER_EXPORT MMRESULT WINAPI mixerClose(HMIXER hmx) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetID(HMIXEROBJ hmxobj, LPUINT puMxId, DWORD fdwId) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetLineInfoA(HMIXEROBJ hmxobj, LPMIXERLINEA pmxl, DWORD fdwInfo) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetLineInfoW(HMIXEROBJ hmxobj, LPMIXERLINEW pmxl, DWORD fdwInfo) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetLineInfo(HMIXEROBJ hmxobj, LPMIXERLINEA pmxl, DWORD fdwInfo)
{
    return mixerGetLineInfoA(hmxobj, pmxl, fdwInfo);
}
DRIVER_EXPORT MMRESULT WINAPI mixerGetLineControlsA(HMIXEROBJ hmxobj, LPMIXERLINECONTROLSA pmxlc, DWORD fdwControls) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetLineControlsW(HMIXEROBJ hmxobj, LPMIXERLINECONTROLSW pmxlc, DWORD fdwControls) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetLineControls(HMIXEROBJ hmxobj, LPMIXERLINECONTROLSA pmxlc, DWORD fdwControls)
{
    return mixerGetLineControlsA(hmxobj, pmxlc, fdwControls);
}
DRIVER_EXPORT MMRESULT WINAPI mixerGetControlDetailsA(HMIXEROBJ hmxobj, LPMIXERCONTROLDETAILS pmxcd, DWORD fdwDetails) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetControlDetailsW(HMIXEROBJ hmxobj, LPMIXERCONTROLDETAILS pmxcd, DWORD fdwDetails) { return NO_DRIVER; }
DRIVER_EXPORT MMRESULT WINAPI mixerGetControlDetails(HMIXEROBJ hmxobj, LPMIXERCONTROLDETAILS pmxcd, DWORD fdwDetails)
{
    return mixerGetControlDetailsA(hmxobj, pmxcd, fdwDetails);
}
DRIVER_EXPORT MMRESULT WINAPI mixerSetControlDetails(HMIXEROBJ hmxobj, LPMIXERCONTROLDETAILS pmxcd, DWORD fdwDetails) { return NO_DRIVER; }
DRIVER_EXPORT DWORD WINAPI mixerMessage(HMIXER hmx, UINT uMsg, DWORD_PTR dwParam1, DWORD_PTR dwParam2) { return NO_DRIVER; }

/* ---- mmio -------------------------------------------------------------------------------------------------------- */

/* The string's first four characters, padded with spaces, the first in the low byte; upper-cased with MMIO_TOUPPER. */
static FOURCC string_to_fourcc(const void *text, size_t char_size, UINT flags)
{
    FOURCC code = 0;
    int ended = text == NULL;
    for (int i = 0; i < 4; i++) {
        unsigned c = ' ';
        if (!ended) {
            c = char_size == 1 ? ((const unsigned char *)text)[i] : ((const WCHAR *)text)[i];
            ended = c == 0;
            c = ended ? ' ' : c;
        }
        if ((flags & MMIO_TOUPPER) != 0 && c < 0x80) {
            c = (unsigned)toupper((int)c);
        }
        code |= (FOURCC)(c & 0xFF) << (8 * i);
    }
    return code;
}

DRIVER_EXPORT FOURCC WINAPI mmioStringToFOURCCA(LPCSTR sz, UINT uFlags) { return string_to_fourcc(sz, 1, uFlags); }
DRIVER_EXPORT FOURCC WINAPI mmioStringToFOURCCW(LPCWSTR sz, UINT uFlags) { return string_to_fourcc(sz, sizeof(WCHAR), uFlags); }
DRIVER_EXPORT FOURCC WINAPI mmioStringToFOURCC(LPCSTR sz, UINT uFlags) { return string_to_fourcc(sz, 1, uFlags); }
