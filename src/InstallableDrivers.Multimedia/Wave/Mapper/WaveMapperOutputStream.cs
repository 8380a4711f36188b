using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// A mapped output stream. Each application buffer is converted at waveOutWrite, on the caller's thread, into a shadow
/// buffer written to the device; the application's buffer is finished (WHDR_DONE, WOM_DONE) when its shadow has played,
/// in write order. Converting at the write keeps the device's callback thread short (a real-time driver's), returns a
/// conversion error from the call that caused it, and keeps the order with no thread of the mapper's own. A buffer
/// that converts to nothing yet (part of a compressed block, the rest coming in the next buffer) has no shadow and is
/// finished as soon as the buffers before it are. Loop flags and counts go on to the shadow, so the device loops the
/// converted sound.
/// </summary>
internal sealed unsafe class WaveMapperOutputStream(WaveServices services, AcmServices acm, WaveMapperRoute route, WAVEOPENDESC description)
    : WaveMapperStream(services, acm, route, description, WaveDirection.Output, WaveMessages.WOM_OPEN, WaveMessages.WOM_CLOSE)
{
    /// <summary>The application's buffers in write order, each with its shadow (null when it converted to nothing).</summary>
    private readonly LinkedList<(nint Header, WaveShadowBuffer? Shadow)> written = new();

    /// <summary>
    /// Shadows the device still holds after a reset finished their application buffers: a reset from inside a callback
    /// of the device's (the application's WOM_DONE runs inside it) gets them back only after that callback returns.
    /// </summary>
    private readonly List<WaveShadowBuffer> returning = [];

    protected override MMRESULT Queue(WAVEHDR* header)
    {
        lock (ConversionGate)
        {
            ReadOnlySpan<byte> converted;
            try
            {
                converted = Converter.Convert(new ReadOnlySpan<byte>((void*)header->lpData, (int)header->dwBufferLength), isLast: false);
            }
            catch (MmException e)
            {
                return e.Result;
            }

            var shadow = converted.IsEmpty ? null : new WaveShadowBuffer(converted.Length);
            LinkedListNode<(nint, WaveShadowBuffer?)> entry;
            lock (Gate)
            {
                header->dwFlags = (header->dwFlags & ~WHDR_DONE) | WHDR_INQUEUE;
                // The entry is queued first: the device may give the shadow back before its write returns.
                entry = written.AddLast(((nint)header, shadow));
                if (shadow is null)
                {
                    FinishPlayed();
                }
            }

            if (shadow is not null)
            {
                converted.CopyTo(shadow.Data);
                shadow.Header->dwFlags = header->dwFlags & (WHDR_BEGINLOOP | WHDR_ENDLOOP);
                shadow.Header->dwLoops = header->dwLoops;
                var result = QueueOnDevice(shadow);
                if (result != MMRESULT.MMSYSERR_NOERROR)
                {
                    lock (Gate)
                    {
                        written.Remove(entry);
                        header->dwFlags &= ~WHDR_INQUEUE;
                    }

                    shadow.Dispose();
                    return result;
                }
            }
        }

        Delivery.Deliver();
        return MMRESULT.MMSYSERR_NOERROR;
    }

    protected override void OnDeviceDone(WAVEHDR* shadow)
    {
        lock (Gate)
        {
            FinishPlayed();
            foreach (var back in returning.Where(back => back.IsDone).ToList())
            {
                returning.Remove(back);
                Release(back);
            }
        }

        Delivery.Deliver();
    }

    protected override void FinishAll()
    {
        foreach (var (header, shadow) in written)
        {
            if (shadow is { IsDone: true })
            {
                Release(shadow);
            }
            else if (shadow is not null)
            {
                returning.Add(shadow);
            }

            Delivery.Add((WAVEHDR*)header);
        }

        written.Clear();
    }

    protected override MMRESULT Forward(uint message, nuint param1, nuint param2) => message switch
    {
        WaveMessages.WODM_PAUSE or WaveMessages.WODM_RESTART or WaveMessages.WODM_BREAKLOOP => Services.Send(Direction, Device, message),
        WaveMessages.WODM_GETVOLUME => Services.waveOutGetVolume(Device, (uint*)param1),
        WaveMessages.WODM_SETVOLUME => Services.waveOutSetVolume(Device, (uint)param1),
        _ => MMRESULT.MMSYSERR_NOTSUPPORTED,
    };

    /// <summary>Finishes the application's buffers, from the first, whose shadows have played (or that have none).</summary>
    private void FinishPlayed()
    {
        while (written.First is { Value: var (header, shadow) } && (shadow is null || shadow.IsDone))
        {
            written.RemoveFirst();
            if (shadow is not null)
            {
                Release(shadow);
            }

            Delivery.Add((WAVEHDR*)header);
        }
    }
}
