using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// What a <see cref="WavePlayer"/> or <see cref="WaveRecorder"/> keeps open: the device's handle (waveOutOpen or
/// waveInOpen with the CALLBACK_FUNCTION of a <see cref="WaveCallbackSignal"/>), the signal, and the buffers it cycles;
/// with the per-buffer calls of its direction. Disposing closes the device, and frees the signal and the buffers only
/// once the close succeeded (until then the driver may still call back or hold a buffer).
/// </summary>
internal sealed unsafe class WaveDeviceHandle : IDisposable
{
    private readonly WaveServices services;
    private readonly bool output;
    private nint handle;

    /// <exception cref="MmException">waveOutOpen or waveInOpen failed.</exception>
    public WaveDeviceHandle(WaveServices services, bool output, WaveFormat format, uint deviceId, int bufferCount, TimeSpan bufferDuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(format);
        this.services = services;
        this.output = output;
        Buffers = new WaveBufferSet(bufferCount, format, bufferDuration);
        try
        {
            var block = format.ToBytes();
            nint opened;
            fixed (byte* wfx = block)
            {
                var callback = WaveCallbackSignal.Callback;
                // A device id goes through the mapper restricted to that device (WAVE_MAPPED): the format as it is if the
                // device takes it, else converted by the ACM, as with WAVE_MAPPER.
                var flags = DriverMessages.CALLBACK_FUNCTION | (deviceId == WaveOpenFlags.WAVE_MAPPER ? 0 : WaveOpenFlags.WAVE_MAPPED);
                Check(output
                    ? services.waveOutOpen(&opened, deviceId, (WAVEFORMATEX*)wfx, callback, Signal.Instance, flags)
                    : services.waveInOpen(&opened, deviceId, (WAVEFORMATEX*)wfx, callback, Signal.Instance, flags), "Open");
            }

            handle = opened;
        }
        catch
        {
            Buffers.Dispose();
            Signal.Dispose();
            throw;
        }
    }

    public WaveCallbackSignal Signal { get; } = new();

    public WaveBufferSet Buffers { get; }

    /// <summary>The open handle (HWAVEOUT or HWAVEIN); 0 once disposed.</summary>
    public nint Value => handle;

    /// <summary>The open handle.</summary>
    /// <exception cref="ObjectDisposedException">The device was closed.</exception>
    public nint Open(object owner)
    {
        var open = handle;
        ObjectDisposedException.ThrowIf(open == 0, owner);
        return open;
    }

    /// <summary>waveOutPrepareHeader / waveInPrepareHeader, then waveOutWrite / waveInAddBuffer; unprepared again if that fails.</summary>
    public void Queue(int index)
    {
        var header = Buffers.Header(index);
        Check(output ? services.waveOutPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)) : services.waveInPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "PrepareHeader");
        var queued = output ? services.waveOutWrite(handle, header, (uint)sizeof(WAVEHDR)) : services.waveInAddBuffer(handle, header, (uint)sizeof(WAVEHDR));
        if (queued != MMRESULT.MMSYSERR_NOERROR)
        {
            Unprepare(index, throwOnError: false);
            Check(queued, output ? "Write" : "AddBuffer");
        }
    }

    /// <summary>waveOutUnprepareHeader / waveInUnprepareHeader.</summary>
    public void Unprepare(int index, bool throwOnError = true)
    {
        var header = Buffers.Header(index);
        var result = output ? services.waveOutUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR)) : services.waveInUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR));
        if (throwOnError)
        {
            Check(result, "UnprepareHeader");
        }
    }

    /// <summary>waveOutReset / waveInReset: every queued buffer comes back done.</summary>
    public void Reset() => Check(output ? services.waveOutReset(handle) : services.waveInReset(handle), "Reset");

    /// <summary>Throws an <see cref="MmException"/> naming the call (waveOut or waveIn, then <paramref name="function"/>) for an error.</summary>
    public void Check(MMRESULT result, string function) =>
        MmException.ThrowIfFailed(services, result, (output ? "waveOut" : "waveIn") + function);

    /// <summary>
    /// Closes the device; frees the signal and the buffers once the close succeeded. Buffers still queued (the close
    /// answers WAVERR_STILLPLAYING) are taken back with a reset first. A device with nothing queued is not reset: a
    /// driver that still holds sound plays it out at close (the ALSA driver drains), and a reset would cut it off.
    /// </summary>
    public void Dispose()
    {
        var open = Interlocked.Exchange(ref handle, 0);
        if (open == 0)
        {
            return;
        }

        var closed = Close(open);
        if (closed == MMRESULT.WAVERR_STILLPLAYING)
        {
            _ = output ? services.waveOutReset(open) : services.waveInReset(open);
            closed = Close(open);
        }

        if (closed == MMRESULT.MMSYSERR_NOERROR)
        {
            Signal.Dispose();
            Buffers.Dispose();
        }
    }

    private MMRESULT Close(nint open) => output ? services.waveOutClose(open) : services.waveInClose(open);
}
