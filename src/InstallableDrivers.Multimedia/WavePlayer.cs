using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Plays audio through a wave output device: opens it with a format (waveOutOpen with a CALLBACK_FUNCTION that only
/// signals), and plays streams of samples in that format by cycling a few buffers through waveOutWrite. The driver's
/// callback thread is never blocked: the player's own loop, on the thread pool, refills buffers and raises
/// <see cref="BufferDone"/>. Dispose it when done (close; a reset first if buffers are still queued).
/// </summary>
public sealed class WavePlayer : IDisposable, IAsyncDisposable
{
    private readonly WaveServices services;
    private readonly WaveDeviceHandle device;
    private int playing;

    /// <summary>Opens an output device for <paramref name="format"/>.</summary>
    /// <param name="services">The waveOut services to play through.</param>
    /// <param name="format">The format of the samples <see cref="PlayAsync"/> will be given.</param>
    /// <param name="deviceId">The device (0 to waveOutGetNumDevs - 1), or WAVE_MAPPER for the preferred one that takes the format.</param>
    /// <param name="bufferCount">Buffers kept queued (at least 2).</param>
    /// <param name="bufferDuration">Audio per buffer; default 50 ms.</param>
    /// <exception cref="MmException">waveOutOpen failed: for example WAVERR_BADFORMAT, MMSYSERR_BADDEVICEID.</exception>
    public WavePlayer(WaveServices services, WaveFormat format, uint deviceId = WaveOpenFlags.WAVE_MAPPER, int bufferCount = 4, TimeSpan? bufferDuration = null)
    {
        this.services = services;
        device = new WaveDeviceHandle(services, output: true, format, deviceId, bufferCount, bufferDuration ?? TimeSpan.FromMilliseconds(50));
        Format = format;
    }

    /// <summary>Raised for each buffer the device has played, on the player's loop (not the driver's thread).</summary>
    public event EventHandler<WaveBufferEventArgs>? BufferDone;

    /// <summary>The format the device was opened with.</summary>
    public WaveFormat Format { get; }

    /// <summary>The open device's handle (HWAVEOUT), for calls the player does not wrap; 0 once disposed.</summary>
    public nint Handle => device.Value;

    /// <summary>The device's volume (waveOutGetVolume / waveOutSetVolume).</summary>
    /// <exception cref="MmException">The device has no volume control (MMSYSERR_NOTSUPPORTED), or another failure.</exception>
    public unsafe WaveVolume Volume
    {
        get
        {
            uint volume;
            device.Check(services.waveOutGetVolume(device.Open(this), &volume), "GetVolume");
            return WaveVolume.FromDword(volume);
        }

        set => device.Check(services.waveOutSetVolume(device.Open(this), value.ToDword()), "SetVolume");
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
            device.Check(services.waveOutGetPosition(device.Open(this), &time, (uint)sizeof(MMTIME)), "GetPosition");
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
        device.Open(this);
        if (Interlocked.Exchange(ref playing, 1) == 1)
        {
            throw new InvalidOperationException("The player is already playing a stream.");
        }

        var buffers = device.Buffers;
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
                await device.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                while (queued.Count > 0 && buffers.IsDone(queued.Peek()))
                {
                    var index = queued.Dequeue();
                    var bytes = buffers.Length(index);
                    device.Unprepare(index);
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
            // Take every queued buffer back: waveOutReset marks them done, then each is unprepared.
            device.Reset();
            while (queued.TryDequeue(out var index))
            {
                device.Unprepare(index);
            }

            device.Signal.Drain();
            throw;
        }
        finally
        {
            Volatile.Write(ref playing, 0);
        }
    }

    /// <summary>Pauses playback (waveOutPause); queued buffers wait.</summary>
    public void Pause() => device.Check(services.waveOutPause(device.Open(this)), "Pause");

    /// <summary>Resumes paused playback (waveOutRestart).</summary>
    public void Resume() => device.Check(services.waveOutRestart(device.Open(this)), "Restart");

    /// <summary>Closes the device (waveOutClose; waveOutReset first if buffers are still queued). Cancel a running <see cref="PlayAsync"/> first.</summary>
    public void Dispose() => device.Dispose();

    /// <summary>As <see cref="Dispose"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Fills a buffer from the stream and writes it; false when the stream had nothing more.</summary>
    private async Task<bool> QueueAsync(int index, Stream samples, Queue<int> queued, CancellationToken cancellationToken)
    {
        var memory = device.Buffers.Samples(index);
        var read = await samples.ReadAtLeastAsync(memory, memory.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }

        device.Buffers.Reset(index, read);
        device.Queue(index);
        queued.Enqueue(index);
        return read == memory.Length;
    }
}
