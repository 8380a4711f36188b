using System.Diagnostics.CodeAnalysis;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave;

namespace InstallableDrivers.Multimedia;

/// <summary>The waveOut functions.</summary>
public sealed unsafe partial class WaveServices
{
    /// <summary>The number of waveform-audio output devices.</summary>
    /// <returns>The count; 0 if there are none.</returns>
    public uint waveOutGetNumDevs() => GetNumDevs(WaveDirection.Output);

    /// <summary>Fills a WAVEOUTCAPSW with an output device's capabilities (at most <paramref name="cbwoc"/> bytes of it).</summary>
    /// <param name="uDeviceID">A device id, WAVE_MAPPER, or an open HWAVEOUT.</param>
    /// <param name="pwoc">The structure to fill.</param>
    /// <param name="cbwoc">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_BADDEVICEID, MMSYSERR_INVALPARAM (no structure), or the driver's error.</returns>
    public MMRESULT waveOutGetDevCaps(nuint uDeviceID, WAVEOUTCAPSW* pwoc, uint cbwoc) =>
        GetDevCaps(WaveDirection.Output, uDeviceID, pwoc, cbwoc, sizeof(WAVEOUTCAPSW));

    /// <summary>Fills a WAVEOUTCAPSA (1-byte product name; characters beyond Latin-1 become '?').</summary>
    /// <param name="uDeviceID">A device id, WAVE_MAPPER, or an open HWAVEOUT.</param>
    /// <param name="pwoc">The structure to fill.</param>
    /// <param name="cbwoc">Its size in bytes.</param>
    /// <returns>As <see cref="waveOutGetDevCaps"/>.</returns>
    public MMRESULT waveOutGetDevCapsA(nuint uDeviceID, WAVEOUTCAPSA* pwoc, uint cbwoc)
    {
        if (pwoc == null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        WAVEOUTCAPSW wide;
        var result = waveOutGetDevCaps(uDeviceID, &wide, (uint)sizeof(WAVEOUTCAPSW));
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            var narrow = new WAVEOUTCAPSA
            {
                wMid = wide.wMid, wPid = wide.wPid, vDriverVersion = wide.vDriverVersion, ProductName = wide.ProductName,
                dwFormats = wide.dwFormats, wChannels = wide.wChannels, wReserved1 = wide.wReserved1, dwSupport = wide.dwSupport,
            };
            var copied = Math.Min(cbwoc, (uint)sizeof(WAVEOUTCAPSA));
            Buffer.MemoryCopy(&narrow, pwoc, copied, copied);
        }

        return result;
    }

    /// <summary>
    /// Opens an output device, or with WAVE_FORMAT_QUERY only asks whether it takes the format. With WAVE_MAPPER the
    /// preferred device (<see cref="SoundMapperSection"/>) is tried first, then every device in order.
    /// </summary>
    /// <param name="phwo">Receives the handle; may be null with WAVE_FORMAT_QUERY.</param>
    /// <param name="uDeviceID">A device id or WAVE_MAPPER.</param>
    /// <param name="pwfx">The format.</param>
    /// <param name="dwCallback">A function pointer, an event handle, or 0, as the CALLBACK_* flag says.</param>
    /// <param name="dwInstance">Given back to a callback function as its dwInstance.</param>
    /// <param name="fdwOpen">CALLBACK_* and WAVE_* flags.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_BADDEVICEID, WAVERR_BADFORMAT, MMSYSERR_INVALPARAM, MMSYSERR_INVALFLAG, or the driver's error.</returns>
    public MMRESULT waveOutOpen(nint* phwo, uint uDeviceID, WAVEFORMATEX* pwfx, nuint dwCallback, nuint dwInstance, uint fdwOpen) =>
        Open(WaveDirection.Output, phwo, uDeviceID, pwfx, dwCallback, dwInstance, fdwOpen);

    /// <summary>Prepares a header for playing: the driver's WODM_PREPARE, or the service marks it WHDR_PREPARED.</summary>
    /// <param name="hwo">The open device.</param>
    /// <param name="pwh">The header.</param>
    /// <param name="cbwh">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, WAVERR_STILLPLAYING (queued), or the driver's error.</returns>
    public MMRESULT waveOutPrepareHeader(nint hwo, WAVEHDR* pwh, uint cbwh) => PrepareHeader(WaveDirection.Output, hwo, pwh, cbwh);

    /// <summary>Queues a prepared buffer for playing; WOM_DONE comes when it has played.</summary>
    /// <param name="hwo">The open device.</param>
    /// <param name="pwh">The prepared header.</param>
    /// <param name="cbwh">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, WAVERR_UNPREPARED, WAVERR_STILLPLAYING (already queued), or the driver's error.</returns>
    public MMRESULT waveOutWrite(nint hwo, WAVEHDR* pwh, uint cbwh) => Queue(WaveDirection.Output, hwo, pwh, cbwh);

    /// <summary>Undoes <see cref="waveOutPrepareHeader"/>; an unprepared header is left as it is.</summary>
    /// <param name="hwo">The open device.</param>
    /// <param name="pwh">The header.</param>
    /// <param name="cbwh">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, WAVERR_STILLPLAYING (still queued), or the driver's error.</returns>
    public MMRESULT waveOutUnprepareHeader(nint hwo, WAVEHDR* pwh, uint cbwh) => UnprepareHeader(WaveDirection.Output, hwo, pwh, cbwh);

    /// <summary>Pauses playback.</summary>
    /// <param name="hwo">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveOutPause(nint hwo) => Send(WaveDirection.Output, hwo, WaveMessages.WODM_PAUSE);

    /// <summary>Resumes paused playback.</summary>
    /// <param name="hwo">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveOutRestart(nint hwo) => Send(WaveDirection.Output, hwo, WaveMessages.WODM_RESTART);

    /// <summary>Stops playback, returns every queued buffer done (WOM_DONE each) and sets the position to zero.</summary>
    /// <param name="hwo">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveOutReset(nint hwo) => Reset(WaveDirection.Output, hwo);

    /// <summary>Ends the loop playing after its current pass.</summary>
    /// <param name="hwo">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, or the driver's error.</returns>
    public MMRESULT waveOutBreakLoop(nint hwo) => Send(WaveDirection.Output, hwo, WaveMessages.WODM_BREAKLOOP);

    /// <summary>The playback position; a wType the driver does not keep is answered in one it does.</summary>
    /// <param name="hwo">The open device.</param>
    /// <param name="pmmt">The MMTIME whose wType asks for TIME_BYTES, TIME_SAMPLES or TIME_MS.</param>
    /// <param name="cbmmt">Its size in bytes.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, or the driver's error.</returns>
    public MMRESULT waveOutGetPosition(nint hwo, MMTIME* pmmt, uint cbmmt) => GetPosition(WaveDirection.Output, hwo, pmmt, cbmmt);

    /// <summary>The volume of an open device, or of a device id (what later opens start with): low word left, high word right.</summary>
    /// <param name="hwo">An open device, a device id or WAVE_MAPPER.</param>
    /// <param name="pdwVolume">Receives the volume.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM, MMSYSERR_NOTSUPPORTED, or the driver's error.</returns>
    public MMRESULT waveOutGetVolume(nint hwo, uint* pdwVolume)
    {
        if (DeviceOrHandle(WaveDirection.Output, (nuint)hwo) is not { } target)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        return pdwVolume == null
            ? MMRESULT.MMSYSERR_INVALPARAM
            : (MMRESULT)target.Device.Message(WaveMessages.WODM_GETVOLUME, target.Stream is { } s ? *s.DriverValue : 0, (nuint)pdwVolume, 0);
    }

    /// <summary>Sets the volume of an open device, or of a device id: low word left, high word right, 0xFFFF full.</summary>
    /// <param name="hwo">An open device, a device id or WAVE_MAPPER.</param>
    /// <param name="dwVolume">The volume.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_NOTSUPPORTED, or the driver's error.</returns>
    public MMRESULT waveOutSetVolume(nint hwo, uint dwVolume) =>
        DeviceOrHandle(WaveDirection.Output, (nuint)hwo) is { } target
            ? (MMRESULT)target.Device.Message(WaveMessages.WODM_SETVOLUME, target.Stream is { } s ? *s.DriverValue : 0, dwVolume, 0)
            : MMRESULT.MMSYSERR_INVALHANDLE;

    /// <summary>The device id an open device was opened on (for WAVE_MAPPER, the device the mapper chose).</summary>
    /// <param name="hwo">The open device.</param>
    /// <param name="puDeviceID">Receives the id.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, MMSYSERR_INVALPARAM.</returns>
    public MMRESULT waveOutGetID(nint hwo, uint* puDeviceID) => GetID(WaveDirection.Output, hwo, puDeviceID);

    /// <summary>Sends a driver's own message (DRVM_IOCTL and above) to an output device, by device id or open handle.</summary>
    /// <param name="hwo">A device id (cast to a handle) or an open device.</param>
    /// <param name="uMsg">The message.</param>
    /// <param name="dw1">The first parameter.</param>
    /// <param name="dw2">The second parameter.</param>
    /// <returns>What the driver returned; MMSYSERR_INVALHANDLE for an unknown device, MMSYSERR_INVALPARAM for a standard message.</returns>
    public nint waveOutMessage(nint hwo, uint uMsg, nuint dw1, nuint dw2) => Message(WaveDirection.Output, hwo, uMsg, dw1, dw2);

    /// <summary>The description of an error, cut to fit and always null-terminated.</summary>
    /// <param name="err">The error.</param>
    /// <param name="pszText">The buffer.</param>
    /// <param name="cchText">Its size in characters; 0 copies nothing.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_BADERRNUM for an unknown error, MMSYSERR_INVALPARAM for no buffer.</returns>
    [SuppressMessage("Performance", "CA1822", Justification = "Every winmm function is a member of the services, so that WinMM forwards them alike.")]
    public MMRESULT waveOutGetErrorText(MMRESULT err, char* pszText, uint cchText)
    {
        var result = ErrorText(err, pszText, cchText, out var text);
        if (text is not null)
        {
            FixedName.Write(new Span<char>(pszText, (int)cchText), text);
        }

        return result;
    }

    /// <summary>As <see cref="waveOutGetErrorText"/>, in 1-byte characters.</summary>
    /// <param name="err">The error.</param>
    /// <param name="pszText">The buffer.</param>
    /// <param name="cchText">Its size in bytes; 0 copies nothing.</param>
    /// <returns>As <see cref="waveOutGetErrorText"/>.</returns>
    [SuppressMessage("Performance", "CA1822", Justification = "Every winmm function is a member of the services, so that WinMM forwards them alike.")]
    public MMRESULT waveOutGetErrorTextA(MMRESULT err, byte* pszText, uint cchText)
    {
        var result = ErrorText(err, pszText, cchText, out var text);
        if (text is not null)
        {
            FixedName.Write(new Span<byte>(pszText, (int)cchText), text);
        }

        return result;
    }

    /// <summary>Closes an open device; WOM_CLOSE is its callback's last message.</summary>
    /// <param name="hwo">The open device.</param>
    /// <returns>MMSYSERR_NOERROR, MMSYSERR_INVALHANDLE, WAVERR_STILLPLAYING (buffers queued), or the driver's error.</returns>
    public MMRESULT waveOutClose(nint hwo) => Close(WaveDirection.Output, hwo);
}
