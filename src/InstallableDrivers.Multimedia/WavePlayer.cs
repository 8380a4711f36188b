using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Plays audio through a wave output device: opens it with a format (waveOutOpen with a CALLBACK_FUNCTION that only
/// signals), and plays streams of samples in that format by cycling a few buffers through waveOutWrite. The driver's
/// callback thread is never blocked: the player's own loop, on the thread pool, refills buffers and raises
/// <see cref="BufferDone"/>. Dispose it when done (reset and close).
/// </summary>
public sealed class WavePlayer : IDisposable, IAsyncDisposable
{
    private readonly WaveServices services;
    private readonly WaveCallbackSignal signal = new();
    private readonly WaveBufferSet buffers;
    private nint handle;
    private int playing;

    /// <summary>Opens an output device for <paramref name="format"/>.</summary>
    /// <param name="services">The waveOut services to play through.</param>
    /// <param name="format">The format of the samples <see cref="PlayAsync"/> will be given.</param>
    /// <param name="deviceId">The device (0 to waveOutGetNumDevs - 1), or WAVE_MAPPER for the preferred one that takes the format.</param>
    /// <param name="bufferCount">Buffers kept queued (at least 2).</param>
    /// <param name="bufferDuration">Audio per buffer; default 50 ms.</param>
    /// <exception cref="MmException">waveOutOpen failed: for example WAVERR_BADFORMAT, MMSYSERR_BADDEVICEID.</exception>
    public unsafe WavePlayer(WaveServices services, WaveFormat format, uint deviceId = WaveOpenFlags.WAVE_MAPPER, int bufferCount = 4, TimeSpan? bufferDuration = null)
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
                MmException.ThrowIfFailed(services, services.waveOutOpen(&opened, deviceId, (WAVEFORMATEX*)wfx,
                    WaveCallbackSignal.Callback, signal.Instance, DriverMessages.CALLBACK_FUNCTION), "waveOutOpen");
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

    /// <summary>Raised for each buffer the device has played, on the player's loop (not the driver's thread).</summary>
    public event EventHandler<WaveBufferEventArgs>? BufferDone;

    /// <summary>The format the device was opened with.</summary>
    public WaveFormat Format { get; }

    /// <summary>The open device's handle (HWAVEOUT), for calls the player does not wrap.</summary>
    public nint Handle => handle;

    /// <summary>The device's volume (waveOutGetVolume / waveOutSetVolume).</summary>
    /// <exception cref="MmException">The device has no volume control (MMSYSERR_NOTSUPPORTED), or another failure.</exception>
    public unsafe WaveVolume Volume
    {
        get
        {
            uint volume;
            MmException.ThrowIfFailed(services, services.waveOutGetVolume(Open(), &volume), "waveOutGetVolume");
            return WaveVolume.FromDword(volume);
        }

        set => MmException.ThrowIfFailed(services, services.waveOutSetVolume(Open(), value.ToDword()), "waveOutSetVolume");
    }

    /// <summary>
    /// Bytes played since the device was opened or last reset (waveOutGetPosition; a device that answers in samples or
    /// milliseconds is converted).
    /// </summary>
    public unsafe long PositionBytes
    {
        get
        {
            var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
            MmException.ThrowIfFailed(services, services.waveOutGetPosition(Open(), &time, (uint)sizeof(MMTIME)), "waveOutGetPosition");
            return time.wType switch
            {
                TimeFormats.TIME_BYTES => time.cb,
                TimeFormats.TIME_SAMPLES => (long)time.sample * Format.BlockAlign,
                TimeFormats.TIME_MS => Format.BytesFor(TimeSpan.FromMilliseconds(time.ms)),
                _ => throw new MmException($"waveOutGetPosition answered in time format {time.wType}, which is not bytes, samples or milliseconds."),
            };
        }
    }

    /// <summary>The playing time of <see cref="PositionBytes"/>.</summary>
    public TimeSpan Position => Format.DurationOf(PositionBytes);

    /// <summary>
    /// Plays <paramref name="samples"/> (in <see cref="Format"/>) to its end and returns when the device has played the
    /// last buffer. Cancelling stops at once: waveOutReset, every buffer unprepared, and an
    /// <see cref="OperationCanceledException"/>; the device stays open for the next call.
    /// </summary>
    /// <param name="samples">The samples; read as they are needed.</param>
    /// <param name="progress">Told the bytes played so far after each buffer.</param>
    /// <param name="cancellationToken">Stops the playback.</param>
    /// <returns>The bytes played.</returns>
    /// <exception cref="MmException">A waveOut call failed.</exception>
    /// <exception cref="InvalidOperationException">The player is already playing.</exception>
    public async Task<long> PlayAsync(Stream samples, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Open();
        if (Interlocked.Exchange(ref playing, 1) == 1)
        {
            throw new InvalidOperationException("The player is already playing a stream.");
        }

        var queued = new Queue<int>(); // buffers in write order, which is the order they come back in
        long played = 0;
        try
        {
            var more = true;
            for (var i = 0; i < buffers.Count && more; i++)
            {
                more = await QueueAsync(i, samples, queued, cancellationToken).ConfigureAwait(false);
            }

            while (queued.Count > 0)
            {
                await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                while (queued.Count > 0 && buffers.IsDone(queued.Peek()))
                {
                    var index = queued.Dequeue();
                    var bytes = buffers.Length(index);
                    Unprepare(index);
                    played += bytes;
                    progress?.Report(played);
                    BufferDone?.Invoke(this, new WaveBufferEventArgs(bytes, played));
                    if (more)
                    {
                        more = await QueueAsync(index, samples, queued, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            return played;
        }
        catch when (queued.Count > 0)
        {
            Stop(queued);
            throw;
        }
        finally
        {
            Volatile.Write(ref playing, 0);
        }
    }

    /// <summary>Pauses playback (waveOutPause); queued buffers wait.</summary>
    public void Pause() => MmException.ThrowIfFailed(services, services.waveOutPause(Open()), "waveOutPause");

    /// <summary>Resumes paused playback (waveOutRestart).</summary>
    public void Resume() => MmException.ThrowIfFailed(services, services.waveOutRestart(Open()), "waveOutRestart");

    /// <summary>Stops and closes the device (waveOutReset, waveOutClose). Cancel a running <see cref="PlayAsync"/> first.</summary>
    public void Dispose()
    {
        var open = Interlocked.Exchange(ref handle, 0);
        if (open == 0)
        {
            return;
        }

        services.waveOutReset(open);
        if (services.waveOutClose(open) == MMRESULT.MMSYSERR_NOERROR)
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

    /// <summary>Fills a buffer from the stream and writes it; false when the stream had nothing more.</summary>
    private async Task<bool> QueueAsync(int index, Stream samples, Queue<int> queued, CancellationToken cancellationToken)
    {
        var memory = buffers.Samples(index);
        var read = await samples.ReadAtLeastAsync(memory, memory.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }

        Write(index, read);
        queued.Enqueue(index);
        return read == memory.Length;
    }

    /// <summary>Prepares a buffer of <paramref name="length"/> bytes and writes it (waveOutPrepareHeader, waveOutWrite).</summary>
    private unsafe void Write(int index, int length)
    {
        buffers.Reset(index, length);
        var header = buffers.Header(index);
        MmException.ThrowIfFailed(services, services.waveOutPrepareHeader(handle, header, (uint)sizeof(WAVEHDR)), "waveOutPrepareHeader");
        var written = services.waveOutWrite(handle, header, (uint)sizeof(WAVEHDR));
        if (written != MMRESULT.MMSYSERR_NOERROR)
        {
            services.waveOutUnprepareHeader(handle, header, (uint)sizeof(WAVEHDR));
            MmException.ThrowIfFailed(services, written, "waveOutWrite");
        }
    }

    private unsafe void Unprepare(int index) =>
        MmException.ThrowIfFailed(services, services.waveOutUnprepareHeader(handle, buffers.Header(index), (uint)sizeof(WAVEHDR)), "waveOutUnprepareHeader");

    /// <summary>Takes every queued buffer back: waveOutReset marks them done, then each is unprepared.</summary>
    private void Stop(Queue<int> queued)
    {
        MmException.ThrowIfFailed(services, services.waveOutReset(handle), "waveOutReset");
        while (queued.TryDequeue(out var index))
        {
            Unprepare(index);
        }

        signal.Drain();
    }
}
