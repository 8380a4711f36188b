using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The waveform-audio functions of winmm with their Win32 names and shapes, over <see cref="WaveServices.Default"/>
/// (the wave drivers of <see cref="DriverManager.Default"/>'s registry). Each forwards to the <see cref="WaveServices"/>
/// member of the same name, which documents it; use a <see cref="WaveServices"/> of your own for another manager.
/// </summary>
public static unsafe class WinMM
{
    /// <inheritdoc cref="WaveServices.waveOutGetNumDevs"/>
    public static uint waveOutGetNumDevs() => WaveServices.Default.waveOutGetNumDevs();

    /// <inheritdoc cref="WaveServices.waveOutGetDevCaps"/>
    public static MMRESULT waveOutGetDevCaps(nuint uDeviceID, WAVEOUTCAPSW* pwoc, uint cbwoc) => WaveServices.Default.waveOutGetDevCaps(uDeviceID, pwoc, cbwoc);

    /// <inheritdoc cref="WaveServices.waveOutGetDevCapsA"/>
    public static MMRESULT waveOutGetDevCapsA(nuint uDeviceID, WAVEOUTCAPSA* pwoc, uint cbwoc) => WaveServices.Default.waveOutGetDevCapsA(uDeviceID, pwoc, cbwoc);

    /// <inheritdoc cref="WaveServices.waveOutOpen"/>
    public static MMRESULT waveOutOpen(nint* phwo, uint uDeviceID, WAVEFORMATEX* pwfx, nuint dwCallback, nuint dwInstance, uint fdwOpen) => WaveServices.Default.waveOutOpen(phwo, uDeviceID, pwfx, dwCallback, dwInstance, fdwOpen);

    /// <inheritdoc cref="WaveServices.waveOutPrepareHeader"/>
    public static MMRESULT waveOutPrepareHeader(nint hwo, WAVEHDR* pwh, uint cbwh) => WaveServices.Default.waveOutPrepareHeader(hwo, pwh, cbwh);

    /// <inheritdoc cref="WaveServices.waveOutWrite"/>
    public static MMRESULT waveOutWrite(nint hwo, WAVEHDR* pwh, uint cbwh) => WaveServices.Default.waveOutWrite(hwo, pwh, cbwh);

    /// <inheritdoc cref="WaveServices.waveOutUnprepareHeader"/>
    public static MMRESULT waveOutUnprepareHeader(nint hwo, WAVEHDR* pwh, uint cbwh) => WaveServices.Default.waveOutUnprepareHeader(hwo, pwh, cbwh);

    /// <inheritdoc cref="WaveServices.waveOutPause"/>
    public static MMRESULT waveOutPause(nint hwo) => WaveServices.Default.waveOutPause(hwo);

    /// <inheritdoc cref="WaveServices.waveOutRestart"/>
    public static MMRESULT waveOutRestart(nint hwo) => WaveServices.Default.waveOutRestart(hwo);

    /// <inheritdoc cref="WaveServices.waveOutReset"/>
    public static MMRESULT waveOutReset(nint hwo) => WaveServices.Default.waveOutReset(hwo);

    /// <inheritdoc cref="WaveServices.waveOutBreakLoop"/>
    public static MMRESULT waveOutBreakLoop(nint hwo) => WaveServices.Default.waveOutBreakLoop(hwo);

    /// <inheritdoc cref="WaveServices.waveOutGetPosition"/>
    public static MMRESULT waveOutGetPosition(nint hwo, MMTIME* pmmt, uint cbmmt) => WaveServices.Default.waveOutGetPosition(hwo, pmmt, cbmmt);

    /// <inheritdoc cref="WaveServices.waveOutGetVolume"/>
    public static MMRESULT waveOutGetVolume(nint hwo, uint* pdwVolume) => WaveServices.Default.waveOutGetVolume(hwo, pdwVolume);

    /// <inheritdoc cref="WaveServices.waveOutSetVolume"/>
    public static MMRESULT waveOutSetVolume(nint hwo, uint dwVolume) => WaveServices.Default.waveOutSetVolume(hwo, dwVolume);

    /// <inheritdoc cref="WaveServices.waveOutGetID"/>
    public static MMRESULT waveOutGetID(nint hwo, uint* puDeviceID) => WaveServices.Default.waveOutGetID(hwo, puDeviceID);

    /// <inheritdoc cref="WaveServices.waveOutMessage"/>
    public static nint waveOutMessage(nint hwo, uint uMsg, nuint dw1, nuint dw2) => WaveServices.Default.waveOutMessage(hwo, uMsg, dw1, dw2);

    /// <inheritdoc cref="WaveServices.waveOutGetErrorText"/>
    public static MMRESULT waveOutGetErrorText(MMRESULT err, char* pszText, uint cchText) => WaveServices.Default.waveOutGetErrorText(err, pszText, cchText);

    /// <inheritdoc cref="WaveServices.waveOutGetErrorTextA"/>
    public static MMRESULT waveOutGetErrorTextA(MMRESULT err, byte* pszText, uint cchText) => WaveServices.Default.waveOutGetErrorTextA(err, pszText, cchText);

    /// <inheritdoc cref="WaveServices.waveOutClose"/>
    public static MMRESULT waveOutClose(nint hwo) => WaveServices.Default.waveOutClose(hwo);

    /// <inheritdoc cref="WaveServices.waveInGetNumDevs"/>
    public static uint waveInGetNumDevs() => WaveServices.Default.waveInGetNumDevs();

    /// <inheritdoc cref="WaveServices.waveInGetDevCaps"/>
    public static MMRESULT waveInGetDevCaps(nuint uDeviceID, WAVEINCAPSW* pwic, uint cbwic) => WaveServices.Default.waveInGetDevCaps(uDeviceID, pwic, cbwic);

    /// <inheritdoc cref="WaveServices.waveInGetDevCapsA"/>
    public static MMRESULT waveInGetDevCapsA(nuint uDeviceID, WAVEINCAPSA* pwic, uint cbwic) => WaveServices.Default.waveInGetDevCapsA(uDeviceID, pwic, cbwic);

    /// <inheritdoc cref="WaveServices.waveInOpen"/>
    public static MMRESULT waveInOpen(nint* phwi, uint uDeviceID, WAVEFORMATEX* pwfx, nuint dwCallback, nuint dwInstance, uint fdwOpen) => WaveServices.Default.waveInOpen(phwi, uDeviceID, pwfx, dwCallback, dwInstance, fdwOpen);

    /// <inheritdoc cref="WaveServices.waveInPrepareHeader"/>
    public static MMRESULT waveInPrepareHeader(nint hwi, WAVEHDR* pwh, uint cbwh) => WaveServices.Default.waveInPrepareHeader(hwi, pwh, cbwh);

    /// <inheritdoc cref="WaveServices.waveInUnprepareHeader"/>
    public static MMRESULT waveInUnprepareHeader(nint hwi, WAVEHDR* pwh, uint cbwh) => WaveServices.Default.waveInUnprepareHeader(hwi, pwh, cbwh);

    /// <inheritdoc cref="WaveServices.waveInAddBuffer"/>
    public static MMRESULT waveInAddBuffer(nint hwi, WAVEHDR* pwh, uint cbwh) => WaveServices.Default.waveInAddBuffer(hwi, pwh, cbwh);

    /// <inheritdoc cref="WaveServices.waveInStart"/>
    public static MMRESULT waveInStart(nint hwi) => WaveServices.Default.waveInStart(hwi);

    /// <inheritdoc cref="WaveServices.waveInStop"/>
    public static MMRESULT waveInStop(nint hwi) => WaveServices.Default.waveInStop(hwi);

    /// <inheritdoc cref="WaveServices.waveInReset"/>
    public static MMRESULT waveInReset(nint hwi) => WaveServices.Default.waveInReset(hwi);

    /// <inheritdoc cref="WaveServices.waveInGetPosition"/>
    public static MMRESULT waveInGetPosition(nint hwi, MMTIME* pmmt, uint cbmmt) => WaveServices.Default.waveInGetPosition(hwi, pmmt, cbmmt);

    /// <inheritdoc cref="WaveServices.waveInGetID"/>
    public static MMRESULT waveInGetID(nint hwi, uint* puDeviceID) => WaveServices.Default.waveInGetID(hwi, puDeviceID);

    /// <inheritdoc cref="WaveServices.waveInMessage"/>
    public static nint waveInMessage(nint hwi, uint uMsg, nuint dw1, nuint dw2) => WaveServices.Default.waveInMessage(hwi, uMsg, dw1, dw2);

    /// <inheritdoc cref="WaveServices.waveInGetErrorText"/>
    public static MMRESULT waveInGetErrorText(MMRESULT err, char* pszText, uint cchText) => WaveServices.Default.waveInGetErrorText(err, pszText, cchText);

    /// <inheritdoc cref="WaveServices.waveInGetErrorTextA"/>
    public static MMRESULT waveInGetErrorTextA(MMRESULT err, byte* pszText, uint cchText) => WaveServices.Default.waveInGetErrorTextA(err, pszText, cchText);

    /// <inheritdoc cref="WaveServices.waveInClose"/>
    public static MMRESULT waveInClose(nint hwi) => WaveServices.Default.waveInClose(hwi);
}
