using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Records audio from a wave input device: opens it with a format (waveInOpen with a CALLBACK_FUNCTION that only
/// signals) and records into a stream by cycling a few buffers through waveInAddBuffer. The driver's callback thread is
/// never blocked: the recorder's own loop, on the thread pool, writes the data and raises <see cref="BufferDone"/>.
/// Dispose it when done (close; a reset first if buffers are still queued).
/// </summary>
public sealed class WaveRecorder : IDisposable, IAsyncDisposable
{
    private readonly WaveServices services;
    private readonly WaveDeviceHandle device;
    private int recording;

    /// <summary>Opens an input device for <paramref name="format"/>.</summary>
    /// <param name="services">The waveIn services to record through.</param>
    /// <param name="format">The format to record in.</param>
    /// <param name="deviceId">The device (0 to waveInGetNumDevs - 1), or WAVE_MAPPER for the preferred one that takes the format.</param>
    /// <param name="bufferCount">Buffers kept queued (at least 2).</param>
    /// <param name="bufferDuration">Audio per buffer; default 50 ms.</param>
    /// <exception cref="MmException">waveInOpen failed: for example WAVERR_BADFORMAT, MMSYSERR_BADDEVICEID.</exception>
    public WaveRecorder(WaveServices services, WaveFormat format, uint deviceId = WaveOpenFlags.WAVE_MAPPER, int bufferCount = 4, TimeSpan? bufferDuration = null)
    {
        this.services = services;
        device = new WaveDeviceHandle(services, output: false, format, deviceId, bufferCount, bufferDuration ?? TimeSpan.FromMilliseconds(50));
        Format = format;
    }

    /// <summary>Raised for each buffer the device has filled, after its data is written, on the recorder's loop.</summary>
    public event EventHandler<WaveBufferEventArgs>? BufferDone;

    /// <summary>The format the device was opened with.</summary>
    public WaveFormat Format { get; }

    /// <summary>The open device's handle (HWAVEIN), for calls the recorder does not wrap; 0 once disposed.</summary>
    public nint Handle => device.Value;

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
        var handle = device.Open(this);
        if (Interlocked.Exchange(ref recording, 1) == 1)
        {
            throw new InvalidOperationException("The recorder is already recording.");
        }

        var buffers = device.Buffers;
        var wanted = duration is { } limit ? Format.BytesFor(limit) : long.MaxValue;
        var queued = new Queue<int>(); // buffers in the order they were added, which is the order they come back in
        long recorded = 0;
        try
        {
            for (var i = 0; i < buffers.Count; i++)
            {
                Queue(i, queued);
            }

            device.Check(services.waveInStart(handle), "Start");
            var ended = wanted == 0;
            while (!ended && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await device.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            device.Check(services.waveInStop(handle), "Stop");
            device.Reset();
            while (queued.TryDequeue(out var index))
            {
                recorded += await TakeAsync(index, destination, wanted - recorded, recorded, progress).ConfigureAwait(false);
            }

            device.Signal.Drain();
            return recorded;
        }
        catch when (queued.Count > 0)
        {
            // After a failure the buffers come back without their data being kept.
            services.waveInReset(handle);
            while (queued.TryDequeue(out var index))
            {
                device.Unprepare(index, throwOnError: false);
            }

            throw;
        }
        finally
        {
            Volatile.Write(ref recording, 0);
        }
    }

    /// <summary>Closes the device (waveInClose; waveInReset first if buffers are still queued). End a running <see cref="RecordAsync"/> first.</summary>
    public void Dispose() => device.Dispose();

    /// <summary>As <see cref="Dispose"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Queue(int index, Queue<int> queued)
    {
        device.Buffers.Reset(index, device.Buffers.Size);
        device.Queue(index);
        queued.Enqueue(index);
    }

    /// <summary>Unprepares a returned buffer and writes what it holds, at most <paramref name="room"/> bytes; returns the bytes written.</summary>
    private async Task<int> TakeAsync(int index, Stream destination, long room, long recordedBefore, IProgress<long>? progress)
    {
        var bytes = (int)Math.Min(device.Buffers.BytesRecorded(index), room);
        device.Unprepare(index);
        if (bytes <= 0)
        {
            return 0;
        }

        await destination.WriteAsync(device.Buffers.Samples(index)[..bytes]).ConfigureAwait(false);
        progress?.Report(recordedBefore + bytes);
        BufferDone?.Invoke(this, new WaveBufferEventArgs(bytes, recordedBefore + bytes));
        return bytes;
    }
}
