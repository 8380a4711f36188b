using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;

namespace InstallableDrivers.Multimedia;

/// <summary>The operations on open streams, shared by waveOut and waveIn (which differ only in message numbers).</summary>
public sealed unsafe partial class WaveServices
{
    /// <summary>mmddk.h DRVM_IOCTL: below it are the standard DRVM_/WODM_/WIDM_ messages the services send themselves.</summary>
    private const uint DRVM_IOCTL = 0x100;

    internal MMRESULT PrepareHeader(WaveDirection direction, nint handle, WAVEHDR* header, uint size)
    {
        if (Check(direction, handle, direction.Prepare, header, size, out var stream) is not MMRESULT.MMSYSERR_NOERROR and var invalid)
        {
            return invalid;
        }

        if ((header->dwFlags & WHDR_INQUEUE) != 0)
        {
            return MMRESULT.WAVERR_STILLPLAYING;
        }

        if ((header->dwFlags & WHDR_PREPARED) != 0)
        {
            return MMRESULT.MMSYSERR_NOERROR;
        }

        var result = stream.Message(direction.Prepare, (nuint)header, size);
        if (result != MMRESULT.MMSYSERR_NOTSUPPORTED)
        {
            return result;
        }

        // The driver has nothing to prepare: the service marks the header, as winmm does.
        header->dwFlags |= WHDR_PREPARED;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    internal MMRESULT UnprepareHeader(WaveDirection direction, nint handle, WAVEHDR* header, uint size)
    {
        if (Check(direction, handle, direction.Unprepare, header, size, out var stream) is not MMRESULT.MMSYSERR_NOERROR and var invalid)
        {
            return invalid;
        }

        if ((header->dwFlags & WHDR_INQUEUE) != 0)
        {
            return MMRESULT.WAVERR_STILLPLAYING;
        }

        if ((header->dwFlags & WHDR_PREPARED) == 0)
        {
            return MMRESULT.MMSYSERR_NOERROR;
        }

        var result = stream.Message(direction.Unprepare, (nuint)header, size);
        if (result != MMRESULT.MMSYSERR_NOTSUPPORTED)
        {
            return result;
        }

        header->dwFlags &= ~WHDR_PREPARED;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>waveOutWrite and waveInAddBuffer.</summary>
    internal MMRESULT Queue(WaveDirection direction, nint handle, WAVEHDR* header, uint size)
    {
        // MMSYSERR_INVALHANDLE first, as Windows checks (see Check).
        if (Find(direction, handle) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (WaveMessageParameters.CheckHeader(header, size) is not MMRESULT.MMSYSERR_NOERROR and var invalid)
        {
            return invalid;
        }

        var flags = header->dwFlags;
        if ((flags & WHDR_PREPARED) == 0)
        {
            return MMRESULT.WAVERR_UNPREPARED;
        }

        // A buffer already queued would be linked into the driver's queue twice.
        if ((flags & WHDR_INQUEUE) != 0)
        {
            return MMRESULT.WAVERR_STILLPLAYING;
        }

        // Counted before the driver sees it, since its WOM_DONE may come before the driver returns. The driver marks it
        // WHDR_INQUEUE (mmddk.h), and refuses a header that already is.
        stream.BeginQueue();
        var result = stream.Message(direction.Queue, (nuint)header, size);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            stream.CancelQueue();
        }

        return result;
    }

    /// <summary>A message with no parameters to an open stream: pause, restart, start, stop, breakloop.</summary>
    internal MMRESULT Send(WaveDirection direction, nint handle, uint message) =>
        Find(direction, handle) is { } stream ? stream.Message(message, 0, 0) : MMRESULT.MMSYSERR_INVALHANDLE;

    /// <summary>
    /// waveOutReset and waveInReset: the driver returns every queued buffer done; the call returns once their callbacks
    /// have, so the application hears nothing about them afterwards.
    /// </summary>
    internal MMRESULT Reset(WaveDirection direction, nint handle)
    {
        if (Find(direction, handle) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        var result = stream.Message(direction.Reset, 0, 0);
        stream.WaitUntilIdle();
        return result;
    }

    internal MMRESULT GetPosition(WaveDirection direction, nint handle, MMTIME* time, uint size) =>
        Check(direction, handle, direction.GetPosition, time, size, out var stream) is not MMRESULT.MMSYSERR_NOERROR and var invalid
            ? invalid
            : stream.Message(direction.GetPosition, (nuint)time, size);

    private MMRESULT GetID(WaveDirection direction, nint handle, uint* deviceId)
    {
        if (Find(direction, handle) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (deviceId == null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        *deviceId = stream.DeviceId;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// waveOutMessage and waveInMessage: a device id or an open handle, and a driver's own message (DRVM_IOCTL and
    /// above). The standard messages are refused: sent past the services they would break the buffer bookkeeping.
    /// </summary>
    private nint Message(WaveDirection direction, nint deviceOrHandle, uint message, nuint param1, nuint param2)
    {
        if (DeviceOrHandle(direction, (nuint)deviceOrHandle) is not { } target)
        {
            return (nint)MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (message < DRVM_IOCTL)
        {
            return (nint)MMRESULT.MMSYSERR_INVALPARAM;
        }

        return (nint)target.Device.Message(message, target.Stream is { } stream ? *stream.DriverValue : 0, param1, param2);
    }

    internal MMRESULT Close(WaveDirection direction, nint handle)
    {
        if (Find(direction, handle) is not { } stream || !stream.TryBeginClose())
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (stream.HasQueuedBuffers)
        {
            stream.CancelClose();
            return MMRESULT.WAVERR_STILLPLAYING;
        }

        var result = stream.Message(direction.Close, 0, 0);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            stream.CancelClose();
            return result;
        }

        stream.Release();
        return result;
    }

    /// <summary>The open stream of a handle, and the message's structure checked (MMSYSERR_INVALHANDLE first, as Windows checks).</summary>
    private MMRESULT Check(WaveDirection direction, nint handle, uint message, void* structure, uint size, out WaveStream stream)
    {
        stream = Find(direction, handle)!;
        return stream is null ? MMRESULT.MMSYSERR_INVALHANDLE : WaveMessageParameters.Check(message, structure, size);
    }
}
