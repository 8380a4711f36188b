using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// A mapped input stream. Each application buffer added sends the device a shadow buffer holding as much PCM as fills
/// it once converted (sent again while buffers wait for sound the conversion held back); what the device records is converted when it comes back, on the device's callback thread (the
/// data exists only then; a codec's encoding of one buffer is far shorter than the buffer's sound), and poured into the
/// application's buffers in order: a buffer is finished (dwBytesRecorded in the application's format, WHDR_DONE,
/// WIM_DATA) when full. When the device gives a shadow back partly filled (its input ended, or waveInStop) the
/// conversion is ended, so a codec completes its last block, and the application's buffer being filled is finished
/// with what it holds, as a device finishes its own.
/// </summary>
internal sealed unsafe class WaveMapperInputStream(WaveServices services, AcmServices acm, WaveMapperRoute route, WAVEOPENDESC description)
    : WaveMapperStream(services, acm, route, description, WaveDirection.Input, WaveMessages.WIM_OPEN, WaveMessages.WIM_CLOSE)
{
    /// <summary>The application's buffers waiting for data, in the order they were added.</summary>
    private readonly LinkedList<nint> added = new();

    /// <summary>The shadow buffers on the device, by their header's address.</summary>
    private readonly Dictionary<nint, WaveShadowBuffer> shadows = [];

    /// <summary>Converted data no application buffer had room for yet.</summary>
    private readonly PendingBytes pending = new();

    protected override MMRESULT Queue(WAVEHDR* header)
    {
        var shadow = new WaveShadowBuffer(ShadowLength((int)header->dwBufferLength));
        LinkedListNode<nint> entry;
        lock (Gate)
        {
            header->dwFlags = (header->dwFlags & ~WHDR_DONE) | WHDR_INQUEUE;
            header->dwBytesRecorded = 0;
            // Both are known before the device has the shadow: it may give it back before its add returns.
            entry = added.AddLast((nint)header);
            shadows[(nint)shadow.Header] = shadow;
        }

        var result = QueueOnDevice(shadow);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            lock (Gate)
            {
                shadows.Remove((nint)shadow.Header);
                added.Remove(entry);
                header->dwFlags &= ~WHDR_INQUEUE;
            }

            shadow.Dispose();
        }

        return result;
    }

    protected override void OnDeviceDone(WAVEHDR* header)
    {
        // Recording converts here, so the conversion lock first (the order every path takes them in).
        lock (ConversionGate)
        lock (Gate)
        {
            if (!shadows.Remove((nint)header, out var shadow))
            {
                return;
            }

            // A shadow back partly filled ends the input for now: the conversion flushes, and starts again afterwards.
            var ended = header->dwBytesRecorded < header->dwBufferLength;
            try
            {
                pending.Append(Converter.Convert(shadow.Recorded, isLast: ended));
            }
            catch (MmException)
            {
                // What cannot be converted is lost; the buffers still come back, so the application is not left waiting.
            }

            if (ended)
            {
                RestartConversion();
            }

            Fill(ended);
            // The conversion may hold some sound back (a resampler's window, an encoder's partial block), so a full
            // shadow need not fill an application buffer: while buffers wait with fewer shadows out than buffers, it
            // goes back to the device.
            if (ended || added.Count <= shadows.Count || !Requeue(shadow))
            {
                Release(shadow);
            }
        }

        Delivery.Deliver();
    }

    protected override void FinishAll()
    {
        foreach (var header in added)
        {
            Delivery.Add((WAVEHDR*)header);
        }

        added.Clear();
        pending.Clear();
    }

    protected override MMRESULT Forward(uint message, nuint param1, nuint param2)
    {
        switch (message)
        {
            case WaveMessages.WIDM_START:
                return Services.Send(Direction, Device, message);
            case WaveMessages.WIDM_STOP:
                // The device gives back the shadow being filled; the application's buffer being filled comes back
                // with what it holds, as waveInStop promises.
                var result = Services.Send(Direction, Device, message);
                lock (Gate)
                {
                    Fill(ended: true);
                }

                Delivery.Deliver();
                return result;
            default:
                return MMRESULT.MMSYSERR_NOTSUPPORTED;
        }
    }

    private bool Requeue(WaveShadowBuffer shadow)
    {
        shadow.Header->dwFlags &= ~WHDR_DONE;
        shadow.Header->dwBytesRecorded = 0;
        shadows[(nint)shadow.Header] = shadow;
        if (Services.Queue(Direction, Device, shadow.Header, (uint)sizeof(WAVEHDR)) == MMRESULT.MMSYSERR_NOERROR)
        {
            return true;
        }

        shadows.Remove((nint)shadow.Header);
        return false;
    }

    /// <summary>
    /// The PCM bytes that fill an application buffer of <paramref name="length"/> bytes once converted: its whole blocks
    /// (at least one) times the frames a block holds, at the device's rate.
    /// </summary>
    private int ShadowLength(int length)
    {
        var format = ApplicationFormat;
        var device = Route.DeviceFormat;
        var blocks = Math.Max(length / Math.Max(format.BlockAlign, 1), 1);
        var frames = (long)blocks * FramesPerBlock(format) * device.SampleRate / Math.Max(format.SampleRate, 1);
        return (int)Math.Max(frames, 1) * device.BlockAlign;
    }

    /// <summary>Sample frames in one block: 1 for PCM and G.711, the block's duration for ADPCM (nBlockAlign · rate / nAvgBytesPerSec).</summary>
    private static long FramesPerBlock(WaveFormat format) =>
        format.AverageBytesPerSecond <= 0 ? 1 : Math.Max((long)Math.Round((double)format.BlockAlign * format.SampleRate / format.AverageBytesPerSecond), 1);

    /// <summary>
    /// Pours the converted data into the application's buffers, finishing each that fills; with <paramref name="ended"/>
    /// the buffer being filled is finished too if it holds anything.
    /// </summary>
    private void Fill(bool ended)
    {
        var taken = 0;
        while (added.First is { } first && taken < pending.Length)
        {
            var header = (WAVEHDR*)first.Value;
            var count = Math.Min((int)(header->dwBufferLength - header->dwBytesRecorded), pending.Length - taken);
            pending.Data.Slice(taken, count).CopyTo(new Span<byte>((byte*)header->lpData + header->dwBytesRecorded, count));
            header->dwBytesRecorded += (uint)count;
            taken += count;
            if (header->dwBytesRecorded == header->dwBufferLength)
            {
                added.RemoveFirst();
                Delivery.Add(header);
            }
        }

        pending.Take(taken);
        if (ended && added.First is { } partial && ((WAVEHDR*)partial.Value)->dwBytesRecorded > 0)
        {
            added.RemoveFirst();
            Delivery.Add((WAVEHDR*)partial.Value);
        }
    }
}
