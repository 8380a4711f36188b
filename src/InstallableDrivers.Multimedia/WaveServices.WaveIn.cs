using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave;

namespace InstallableDrivers.Multimedia;

/// <summary>The waveIn functions.</summary>
public sealed unsafe partial class WaveServices
{
    /// <summary>The number of waveform-audio input devices.</summary>
    /// <returns>The count; 0 if there are none.</returns>
    public uint waveInGetNumDevs() => GetNumDevs(WaveDirection.Input);

    /// <summary>Fills a WAVEINCAPSW with an input device's capabilities (at most <paramref name="cbwic"/> bytes of it).</summary>
    /// <param name="uDeviceID">A device id, WAVE_MAPPER, or an open HWAVEIN.</param>
    /// <param name="pwic">The structure to fill.</param>
    /// <param name="cbwic">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_BADDEVICEID, MMSYSERR_INVALPARAM (no structure), or the driver's error.</returns>
    public MMRESULT waveInGetDevCaps(nuint uDeviceID, WAVEINCAPSW* pwic, uint cbwic) =>
        GetDevCaps(WaveDirection.Input, uDeviceID, pwic, cbwic, sizeof(WAVEINCAPSW));

    /// <summary>Fills a WAVEINCAPSA (1-byte product name; characters beyond Latin-1 become '?').</summary>
    /// <param name="uDeviceID">A device id, WAVE_MAPPER, or an open HWAVEIN.</param>
    /// <param name="pwic">The structure to fill.</param>
    /// <param name="cbwic">Its size in bytes.</param>
    /// <returns>As <see cref="waveInGetDevCaps"/>.</returns>
    public MMRESULT waveInGetDevCapsA(nuint uDeviceID, WAVEINCAPSA* pwic, uint cbwic)
    {
        if (pwic == null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        WAVEINCAPSW wide;
        var result = waveInGetDevCaps(uDeviceID, &wide, (uint)sizeof(WAVEINCAPSW));
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            var narrow = new WAVEINCAPSA
            {
                wMid = wide.wMid, wPid = wide.wPid, vDriverVersion = wide.vDriverVersion, ProductName = wide.ProductName,
                dwFormats = wide.dwFormats, wChannels = wide.wChannels, wReserved1 = wide.wReserved1,
            };
            var copied = Math.Min(cbwic, (uint)sizeof(WAVEINCAPSA));
            Buffer.MemoryCopy(&narrow, pwic, copied, copied);
        }

        return result;
    }

    /// <summary>Opens an input device, or with WAVE_FORMAT_QUERY only asks whether it takes the format (see <see cref="waveOutOpen"/>).</summary>
    /// <param name="phwi">Receives the handle; may be null with WAVE_FORMAT_QUERY.</param>
    /// <param name="uDeviceID">A device id or WAVE_MAPPER.</param>
    /// <param name="pwfx">The format.</param>
    /// <param name="dwCallback">A function pointer, an event handle, or 0, as the CALLBACK_* flag says.</param>
    /// <param name="dwInstance">Given back to a callback function as its dwInstance.</param>
    /// <param name="fdwOpen">CALLBACK_* and WAVE_* flags.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_BADDEVICEID, WAVERR_BADFORMAT, MMSYSERR_INVALPARAM, MMSYSERR_INVALFLAG, or the driver's error.</returns>
    public MMRESULT waveInOpen(nint* phwi, uint uDeviceID, WAVEFORMATEX* pwfx, nuint dwCallback, nuint dwInstance, uint fdwOpen) =>
        Open(WaveDirection.Input, phwi, uDeviceID, pwfx, dwCallback, dwInstance, fdwOpen);

    /// <summary>Prepares a header for recording: the driver's WIDM_PREPARE, or the service marks it WHDR_PREPARED.</summary>
    /// <param name="hwi">The open device.</param>
    /// <param name="pwh">The header.</param>
    /// <param name="cbwh">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, WAVERR_STILLPLAYING (queued), or the driver's error.</returns>
    public MMRESULT waveInPrepareHeader(nint hwi, WAVEHDR* pwh, uint cbwh) => PrepareHeader(WaveDirection.Input, hwi, pwh, cbwh);

    /// <summary>Undoes <see cref="waveInPrepareHeader"/>; an unprepared header is left as it is.</summary>
    /// <param name="hwi">The open device.</param>
    /// <param name="pwh">The header.</param>
    /// <param name="cbwh">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, WAVERR_STILLPLAYING (still queued), or the driver's error.</returns>
    public MMRESULT waveInUnprepareHeader(nint hwi, WAVEHDR* pwh, uint cbwh) => UnprepareHeader(WaveDirection.Input, hwi, pwh, cbwh);

    /// <summary>Queues a prepared buffer to record into; WIM_DATA comes when it is full (dwBytesRecorded says how full).</summary>
    /// <param name="hwi">The open device.</param>
    /// <param name="pwh">The prepared header.</param>
    /// <param name="cbwh">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, WAVERR_UNPREPARED, WAVERR_STILLPLAYING (already queued), or the driver's error.</returns>
    public MMRESULT waveInAddBuffer(nint hwi, WAVEHDR* pwh, uint cbwh) => Queue(WaveDirection.Input, hwi, pwh, cbwh);

    /// <summary>Starts recording.</summary>
    /// <param name="hwi">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveInStart(nint hwi) => Send(WaveDirection.Input, hwi, WaveMessages.WIDM_START);

    /// <summary>Stops recording; the buffer being filled comes back with what it holds.</summary>
    /// <param name="hwi">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveInStop(nint hwi) => Send(WaveDirection.Input, hwi, WaveMessages.WIDM_STOP);

    /// <summary>Stops recording, returns every queued buffer done (WIM_DATA each) and sets the position to zero.</summary>
    /// <param name="hwi">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveInReset(nint hwi) => Reset(WaveDirection.Input, hwi);

    /// <summary>The recording position; a wType the driver does not keep is answered in one it does.</summary>
    /// <param name="hwi">The open device.</param>
    /// <param name="pmmt">The MMTIME whose wType asks for TIME_BYTES, TIME_SAMPLES or TIME_MS.</param>
    /// <param name="cbmmt">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, or the driver's error.</returns>
    public MMRESULT waveInGetPosition(nint hwi, MMTIME* pmmt, uint cbmmt) => GetPosition(WaveDirection.Input, hwi, pmmt, cbmmt);

    /// <summary>The device id an open device was opened on (for WAVE_MAPPER, the device the mapper chose).</summary>
    /// <param name="hwi">The open device.</param>
    /// <param name="puDeviceID">Receives the id.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM.</returns>
    public MMRESULT waveInGetID(nint hwi, uint* puDeviceID) => GetID(WaveDirection.Input, hwi, puDeviceID);

    /// <summary>Sends a driver's own message (DRVM_IOCTL and above) to an input device, by device id or open handle.</summary>
    /// <param name="hwi">A device id (cast to a handle) or an open device.</param>
    /// <param name="uMsg">The message.</param>
    /// <param name="dw1">The first parameter.</param>
    /// <param name="dw2">The second parameter.</param>
    /// <returns>What the driver returned; MMSYSERR_INVALHANDLE for an unknown device, MMSYSERR_INVALPARAM for a standard message.</returns>
    public nint waveInMessage(nint hwi, uint uMsg, nuint dw1, nuint dw2) => Message(WaveDirection.Input, hwi, uMsg, dw1, dw2);

    /// <summary>The description of an error, cut to fit and always null-terminated (the same texts as waveOut's).</summary>
    /// <param name="err">The error.</param>
    /// <param name="pszText">The buffer.</param>
    /// <param name="cchText">Its size in characters; 0 copies nothing.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_BADERRNUM for an unknown error, MMSYSERR_INVALPARAM for no buffer.</returns>
    public MMRESULT waveInGetErrorText(MMRESULT err, char* pszText, uint cchText) => waveOutGetErrorText(err, pszText, cchText);

    /// <summary>As <see cref="waveInGetErrorText"/>, in 1-byte characters.</summary>
    /// <param name="err">The error.</param>
    /// <param name="pszText">The buffer.</param>
    /// <param name="cchText">Its size in bytes; 0 copies nothing.</param>
    /// <returns>As <see cref="waveInGetErrorText"/>.</returns>
    public MMRESULT waveInGetErrorTextA(MMRESULT err, byte* pszText, uint cchText) => waveOutGetErrorTextA(err, pszText, cchText);

    /// <summary>Closes an open device; WIM_CLOSE is its callback's last message.</summary>
    /// <param name="hwi">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, WAVERR_STILLPLAYING (buffers queued), or the driver's error.</returns>
    public MMRESULT waveInClose(nint hwi) => Close(WaveDirection.Input, hwi);
}
