/*
 * The winmm export library: off Windows, .NET code that P/Invokes winmm.dll (NAudio's WaveOut, WaveIn, ...) finds the
 * waveOut and waveIn functions here once WinMM.RedirectImports points its imports at this library. Each function has
 * winmm's C name and signature and only forwards to the waveform services through the entry points the runtime hands
 * over when it loads the library. Until then (a C program linking it directly), there are no devices and every call
 * answers MMSYSERR_NODRIVER.
 *
 * Functions with strings or capability structures come three times: the A and W names C callers use, and the
 * undecorated name with the A layout. .NET on Linux and macOS binds a CharSet.Auto or Ansi import by its exact name,
 * without trying an A or W suffix, and marshals its strings as 1-byte UTF-8: that is the A layout.
 */
#include "installable_drivers_winmm.h"

static installable_drivers_winmm winmm;

DRIVER_EXPORT void installable_drivers_winmm_attach(const installable_drivers_winmm *entry_points);

DRIVER_EXPORT void installable_drivers_winmm_attach(const installable_drivers_winmm *entry_points)
{
    winmm = *entry_points;
}

/* Calls the entry point with the arguments if the runtime attached, else answers `detached`. */
#define FORWARD(entry, detached, ...) return winmm.entry != NULL ? winmm.entry(__VA_ARGS__) : (detached)

/* ---- waveOut ------------------------------------------------------------------------------------------------- */

DRIVER_EXPORT UINT WINAPI waveOutGetNumDevs(void)
{
    return winmm.out_get_num_devs != NULL ? winmm.out_get_num_devs() : 0;
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetDevCapsA(UINT_PTR uDeviceID, LPWAVEOUTCAPSA pwoc, UINT cbwoc)
{
    FORWARD(out_get_dev_caps_a, MMSYSERR_NODRIVER, uDeviceID, pwoc, cbwoc);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetDevCapsW(UINT_PTR uDeviceID, LPWAVEOUTCAPSW pwoc, UINT cbwoc)
{
    FORWARD(out_get_dev_caps_w, MMSYSERR_NODRIVER, uDeviceID, pwoc, cbwoc);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetDevCaps(UINT_PTR uDeviceID, LPWAVEOUTCAPSA pwoc, UINT cbwoc)
{
    return waveOutGetDevCapsA(uDeviceID, pwoc, cbwoc);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutOpen(LPHWAVEOUT phwo, UINT uDeviceID, LPCWAVEFORMATEX pwfx, DWORD_PTR dwCallback,
                                          DWORD_PTR dwInstance, DWORD fdwOpen)
{
    FORWARD(out_open, MMSYSERR_NODRIVER, phwo, uDeviceID, pwfx, dwCallback, dwInstance, fdwOpen);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutPrepareHeader(HWAVEOUT hwo, LPWAVEHDR pwh, UINT cbwh)
{
    FORWARD(out_prepare_header, MMSYSERR_NODRIVER, hwo, pwh, cbwh);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutWrite(HWAVEOUT hwo, LPWAVEHDR pwh, UINT cbwh) { FORWARD(out_write, MMSYSERR_NODRIVER, hwo, pwh, cbwh); }

DRIVER_EXPORT MMRESULT WINAPI waveOutUnprepareHeader(HWAVEOUT hwo, LPWAVEHDR pwh, UINT cbwh)
{
    FORWARD(out_unprepare_header, MMSYSERR_NODRIVER, hwo, pwh, cbwh);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutPause(HWAVEOUT hwo) { FORWARD(out_pause, MMSYSERR_NODRIVER, hwo); }

DRIVER_EXPORT MMRESULT WINAPI waveOutRestart(HWAVEOUT hwo) { FORWARD(out_restart, MMSYSERR_NODRIVER, hwo); }

DRIVER_EXPORT MMRESULT WINAPI waveOutReset(HWAVEOUT hwo) { FORWARD(out_reset, MMSYSERR_NODRIVER, hwo); }

DRIVER_EXPORT MMRESULT WINAPI waveOutBreakLoop(HWAVEOUT hwo) { FORWARD(out_break_loop, MMSYSERR_NODRIVER, hwo); }

DRIVER_EXPORT MMRESULT WINAPI waveOutGetPosition(HWAVEOUT hwo, LPMMTIME pmmt, UINT cbmmt)
{
    FORWARD(out_get_position, MMSYSERR_NODRIVER, hwo, pmmt, cbmmt);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetVolume(HWAVEOUT hwo, LPDWORD pdwVolume) { FORWARD(out_get_volume, MMSYSERR_NODRIVER, hwo, pdwVolume); }

DRIVER_EXPORT MMRESULT WINAPI waveOutSetVolume(HWAVEOUT hwo, DWORD dwVolume) { FORWARD(out_set_volume, MMSYSERR_NODRIVER, hwo, dwVolume); }

DRIVER_EXPORT MMRESULT WINAPI waveOutGetID(HWAVEOUT hwo, LPUINT puDeviceID) { FORWARD(out_get_id, MMSYSERR_NODRIVER, hwo, puDeviceID); }

/* Declared as returning MMRESULT; a driver's answer to a custom message is a DWORD, which fits. */
DRIVER_EXPORT MMRESULT WINAPI waveOutMessage(HWAVEOUT hwo, UINT uMsg, DWORD_PTR dw1, DWORD_PTR dw2)
{
    FORWARD(out_message, MMSYSERR_NODRIVER, hwo, uMsg, dw1, dw2);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetErrorTextA(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    FORWARD(out_get_error_text_a, MMSYSERR_NODRIVER, mmrError, pszText, cchText);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetErrorTextW(MMRESULT mmrError, LPWSTR pszText, UINT cchText)
{
    FORWARD(out_get_error_text_w, MMSYSERR_NODRIVER, mmrError, pszText, cchText);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutGetErrorText(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    return waveOutGetErrorTextA(mmrError, pszText, cchText);
}

DRIVER_EXPORT MMRESULT WINAPI waveOutClose(HWAVEOUT hwo) { FORWARD(out_close, MMSYSERR_NODRIVER, hwo); }

/* ---- waveIn -------------------------------------------------------------------------------------------------- */

DRIVER_EXPORT UINT WINAPI waveInGetNumDevs(void)
{
    return winmm.in_get_num_devs != NULL ? winmm.in_get_num_devs() : 0;
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetDevCapsA(UINT_PTR uDeviceID, LPWAVEINCAPSA pwic, UINT cbwic)
{
    FORWARD(in_get_dev_caps_a, MMSYSERR_NODRIVER, uDeviceID, pwic, cbwic);
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetDevCapsW(UINT_PTR uDeviceID, LPWAVEINCAPSW pwic, UINT cbwic)
{
    FORWARD(in_get_dev_caps_w, MMSYSERR_NODRIVER, uDeviceID, pwic, cbwic);
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetDevCaps(UINT_PTR uDeviceID, LPWAVEINCAPSA pwic, UINT cbwic)
{
    return waveInGetDevCapsA(uDeviceID, pwic, cbwic);
}

DRIVER_EXPORT MMRESULT WINAPI waveInOpen(LPHWAVEIN phwi, UINT uDeviceID, LPCWAVEFORMATEX pwfx, DWORD_PTR dwCallback,
                                         DWORD_PTR dwInstance, DWORD fdwOpen)
{
    FORWARD(in_open, MMSYSERR_NODRIVER, phwi, uDeviceID, pwfx, dwCallback, dwInstance, fdwOpen);
}

DRIVER_EXPORT MMRESULT WINAPI waveInPrepareHeader(HWAVEIN hwi, LPWAVEHDR pwh, UINT cbwh)
{
    FORWARD(in_prepare_header, MMSYSERR_NODRIVER, hwi, pwh, cbwh);
}

DRIVER_EXPORT MMRESULT WINAPI waveInUnprepareHeader(HWAVEIN hwi, LPWAVEHDR pwh, UINT cbwh)
{
    FORWARD(in_unprepare_header, MMSYSERR_NODRIVER, hwi, pwh, cbwh);
}

DRIVER_EXPORT MMRESULT WINAPI waveInAddBuffer(HWAVEIN hwi, LPWAVEHDR pwh, UINT cbwh) { FORWARD(in_add_buffer, MMSYSERR_NODRIVER, hwi, pwh, cbwh); }

DRIVER_EXPORT MMRESULT WINAPI waveInStart(HWAVEIN hwi) { FORWARD(in_start, MMSYSERR_NODRIVER, hwi); }

DRIVER_EXPORT MMRESULT WINAPI waveInStop(HWAVEIN hwi) { FORWARD(in_stop, MMSYSERR_NODRIVER, hwi); }

DRIVER_EXPORT MMRESULT WINAPI waveInReset(HWAVEIN hwi) { FORWARD(in_reset, MMSYSERR_NODRIVER, hwi); }

DRIVER_EXPORT MMRESULT WINAPI waveInGetPosition(HWAVEIN hwi, LPMMTIME pmmt, UINT cbmmt)
{
    FORWARD(in_get_position, MMSYSERR_NODRIVER, hwi, pmmt, cbmmt);
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetID(HWAVEIN hwi, LPUINT puDeviceID) { FORWARD(in_get_id, MMSYSERR_NODRIVER, hwi, puDeviceID); }

DRIVER_EXPORT MMRESULT WINAPI waveInMessage(HWAVEIN hwi, UINT uMsg, DWORD_PTR dw1, DWORD_PTR dw2)
{
    FORWARD(in_message, MMSYSERR_NODRIVER, hwi, uMsg, dw1, dw2);
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetErrorTextA(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    FORWARD(in_get_error_text_a, MMSYSERR_NODRIVER, mmrError, pszText, cchText);
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetErrorTextW(MMRESULT mmrError, LPWSTR pszText, UINT cchText)
{
    FORWARD(in_get_error_text_w, MMSYSERR_NODRIVER, mmrError, pszText, cchText);
}

DRIVER_EXPORT MMRESULT WINAPI waveInGetErrorText(MMRESULT mmrError, LPSTR pszText, UINT cchText)
{
    return waveInGetErrorTextA(mmrError, pszText, cchText);
}

DRIVER_EXPORT MMRESULT WINAPI waveInClose(HWAVEIN hwi) { FORWARD(in_close, MMSYSERR_NODRIVER, hwi); }
