using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Records audio from a wave input device: opens it with a format (waveInOpen with a CALLBACK_FUNCTION that only
/// signals) and records into a stream by cycling a few buffers through waveInAddBuffer. The driver's callback thread is
/// never blocked: the recorder's own loop, on the thread pool, writes the data and raises <see cref="BufferDone"/>.
/// Dispose it when done (reset and close).
/// </summary>
public sealed class WaveRecorder : IDisposable, IAsyncDisposable
{
    private readonly WaveServices services;
    private readonly WaveCallbackSignal signal = new();
    private readonly WaveBufferSet buffers;
    private nint handle;
    private int recording;

    /// <summary>Opens an input device for <paramref name="format"/>.</summary>
    /// <param name="services">The waveIn services to record through.</param>
    /// <param name="format">The format to record in.</param>
    /// <param name="deviceId">The device (0 to waveInGetNumDevs - 1), or WAVE_MAPPER for the preferred one that takes the format.</param>
    /// <param name="bufferCount">Buffers kept queued (at least 2).</param>
    /// <param name="bufferDuration">Audio per buffer; default 50 ms.</param>
    /// <exception cref="MmException">waveInOpen failed: for example WAVERR_BADFORMAT, MMSYSERR_BADDEVICEID.</exception>
    public unsafe WaveRecorder(WaveServices services, WaveFormat format, uint deviceId = WaveOpenFlags.WAVE_MAPPER, int bufferCount = 4, TimeSpan? bufferDuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(format);
        this.services = services;
        Format = format;
        buffers = new WaveBufferSet(bufferCount, format, bufferDuration ?? TimeSpan.FromMilliseconds(50));
        try
        {
            var block = format.ToBytes();
            nint opened;
            fixed (byte* wfx = block)
            {
                MmException.ThrowIfFailed(services, services.waveInOpen(&opened, deviceId, (WAVEFORMATEX*)wfx,
                    WaveCallbackSignal.Callback, signal.Instance, DriverMessages.CALLBACK_FUNCTION), "waveInOpen");
            }

            handle = opened;
        }
        catch
        {
            buffers.Dispose();
            signal.Dispose();
            throw;
        }
    }

    /// <summary>Raised for each buffer the device has filled, after its data is written, on the recorder's loop.</summary>
    public event EventHandler<WaveBufferEventArgs>? BufferDone;

    /// <summary>The format the device was opened with.</summary>
    public WaveFormat Format { get; }

    /// <summary>The open device's handle (HWAVEIN), for calls the recorder does not wrap.</summary>
    public nint Handle => handle;

    /// <summary>
    /// Records into <paramref name="destination"/> for <paramref name="duration"/> (whole blocks), until cancelled, or
    /// until the input ends (a device hands a buffer back partly filled while it is still recording, as the WAV-file
    /// device does at the end of its file). Cancelling is a normal way to end: the data recorded so far is kept,
    /// including that of the buffer being filled (waveInStop, then waveInReset).
    /// </summary>
    /// <param name="destination">Where the samples go (a <see cref="WaveFileWriter"/> makes a WAV file).</param>
    /// <param name="duration">How much to record; null records until cancelled or the input ends.</param>
    /// <param name="progress">Told the bytes recorded so far after each buffer.</param>
    /// <param name="cancellationToken">Ends the recording.</param>
    /// <returns>The bytes recorded.</returns>
    /// <exception cref="MmException">A waveIn call failed.</exception>
    /// <exception cref="InvalidOperationException">The recorder is already recording.</exception>
    public async Task<long> RecordAsync(Stream destination, TimeSpan? duration = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Open();
        if (Interlocked.Exchange(ref recording, 1) == 1)
        {
            throw new InvalidOperationException("The recorder is already recording.");
        }

        var wanted = duration is { } limit ? Format.BytesFor(limit) : long.MaxValue;
        var queued = new Queue<int>(); // buffers in the order they were added, which is the order they come back in
        long recorded = 0;
        try
        {
            for (var i = 0; i < buffers.Count; i++)
            {
                Queue(i, queued);
            }

            MmException.ThrowIfFailed(services, services.waveInStart(handle), "waveInStart");
            var ended = wanted == 0;
            while (!ended && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                while (!ended && queued.Count > 0 && buffers.IsDone(queued.Peek()))
                {
                    var index = queued.Dequeue();
                    var full = buffers.BytesRecorded(index) == buffers.Length(index);
                    recorded += await TakeAsync(index, destination, wanted - recorded, recorded, progress).ConfigureAwait(false);
                    ended = recorded >= wanted || !full;
                    if (!ended)
                    {
                        Queue(index, queued);
                    }
                }
            }

            // waveInStop hands back the buffer being filled with what it holds; waveInReset the empty ones after it.
            MmException.ThrowIfFailed(services, services.waveInStop(handle), "waveInStop");
            MmException.ThrowIfFailed(services, services.waveInReset(handle), "waveInReset");
            while (queued.TryDequeue(out var index))
            {
                recorded += await TakeAsync(index, destination, wanted - recorded, recorded, progress).ConfigureAwait(false);
            }

            signal.Drain();
            return recorded;
        }
        catch when (queued.Count > 0)
        {
            Abandon(queued);
            throw;
        }
        finally
        {
            Volatile.Write(ref recording, 0);
        }
    }

    /// <summary>Stops and closes the device (waveInReset, waveInClose). End a running <see cref="RecordAsync"/> first.</summary>
    public void Dispose()
    {
        var open = Interlocked.Exchange(ref handle, 0);
        if (open == 0)
        {
            return;
        }

        services.waveInReset(open);
        if (services.waveInClose(open) == MMRESULT.MMSYSERR_NOERROR)
        {
            // Only a closed device sends no more messages; otherwise the callback's target must stay alive.
            signal.Dispose();
            buffers.Dispose();
        }
    }

    /// <summary>As <see cref="Dispose"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private nint Open()
    {
        var open = handle;
        ObjectDisposedException.ThrowIf(open == 0, this);
        return open;
    }

    /// <summary>Prepares a buffer and adds it to the device's queue (waveInPrepareHeader, waveInAddBuffer).</summary>
    private unsafe void Queue(int index, Queue<int> queued)
    {
        buffers.Reset(index, buffers.Size);
        var header = buffers.Header(index);
        MmException.ThrowIfFailed(services, services.waveInPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveInPrepareHeader");
        var added = services.waveInAddBuffer(handle, header, (uint)sizeof(WAVEHDR));
        if (added != MMRESULT.MMSYSERR_NOERROR)
        {
            services.waveInUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR));
            MmException.ThrowIfFailed(services, added, "waveInAddBuffer");
        }

        queued.Enqueue(index);
    }

    private unsafe void Unprepare(int index) =>
        MmException.ThrowIfFailed(services, services.waveInUnprepareHeader(handle, buffers.Header(index), (uint)sizeof(WAVEHDR)), "waveInUnprepareHeader");

    /// <summary>After a failure: takes every queued buffer back without keeping its data, reporting nothing more.</summary>
    private unsafe void Abandon(Queue<int> queued)
    {
        services.waveInReset(handle);
        while (queued.TryDequeue(out var index))
        {
            services.waveInUnprepareHeader(handle, buffers.Header(index), (uint)sizeof(WAVEHDR));
        }
    }

    /// <summary>Unprepares a returned buffer and writes what it holds, at most <paramref name="room"/> bytes; returns the bytes written.</summary>
    private async Task<int> TakeAsync(int index, Stream destination, long room, long recordedBefore, IProgress<long>? progress)
    {
        var bytes = (int)Math.Min(buffers.BytesRecorded(index), room);
        Unprepare(index);
        if (bytes <= 0)
        {
            return 0;
        }

        await destination.WriteAsync(buffers.Samples(index)[..bytes]).ConfigureAwait(false);
        progress?.Report(recordedBefore + bytes);
        BufferDone?.Invoke(this, new WaveBufferEventArgs(bytes, recordedBefore + bytes));
        return bytes;
    }
}
