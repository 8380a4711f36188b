using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using NAudio.Wave;
using NAudioWaveFormat = NAudio.Wave.WaveFormat;

namespace InstallableDrivers.NAudio;

/// <summary>
/// NAudio's <see cref="IWavePlayer"/> directly over the waveOut services (no P/Invoke): <see cref="Init"/> opens the
/// device for the provider's format, <see cref="Play"/> plays it on a background loop until the provider ends or
/// <see cref="Stop"/>, and <see cref="PlaybackStopped"/> is raised once per playback, on that background thread. As
/// NAudio's <see cref="IWavePosition"/> it tells how far the device has played (<see cref="GetPosition"/>).
/// </summary>
public sealed class InstallableDriversWaveOut : IWavePlayer, IWavePosition
{
    private readonly WaveServices services;
    private readonly uint deviceId;
    private readonly Lock gate = new();
    private WavePlayer? player;
    private IWaveProvider? provider;
    private Task? playback;
    private CancellationTokenSource? stopping;
    private float volume = 1;
    private volatile PlaybackState state = PlaybackState.Stopped;
    private bool disposed;

    // The thread raising PlaybackStopped, where waiting for the playback loop (which is that thread) would never end.
    private volatile int raisingThread;

    /// <summary>Plays through <paramref name="services"/> (else <see cref="WaveServices.Default"/>) on <paramref name="deviceId"/>.</summary>
    /// <param name="services">The waveOut services; null for <see cref="WaveServices.Default"/>.</param>
    /// <param name="deviceId">The output device (0 to waveOutGetNumDevs - 1), or WAVE_MAPPER (the default) for the preferred one that takes the format.</param>
    public InstallableDriversWaveOut(WaveServices? services = null, uint deviceId = WaveOpenFlags.WAVE_MAPPER)
    {
        this.services = services ?? WaveServices.Default;
        this.deviceId = deviceId;
    }

    /// <summary>Raised once when a playback ends (the provider ran out, <see cref="Stop"/>, or a failure, given as the exception), on the playback thread.</summary>
    public event EventHandler<StoppedEventArgs>? PlaybackStopped;

    /// <summary>Playing, paused or stopped.</summary>
    public PlaybackState PlaybackState => state;

    /// <summary>The format given to the device: the provider's.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Init"/> was not called.</exception>
    public NAudioWaveFormat OutputWaveFormat => provider?.WaveFormat ?? throw new InvalidOperationException("Call Init first: the format is the provider's.");

    /// <summary>
    /// The bytes of <see cref="OutputWaveFormat"/> the device has played since <see cref="Init"/> or the last
    /// <see cref="Stop"/> (waveOutGetPosition in TIME_BYTES, which a stop's waveOutReset sets back to 0), as NAudio's
    /// WaveOut counts them; 0 before <see cref="Init"/>.
    /// </summary>
    /// <returns>The position in bytes, a whole number of frames.</returns>
    /// <exception cref="MmException">waveOutGetPosition failed.</exception>
    public long GetPosition()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return player?.PositionBytes ?? 0;
        }
    }

    /// <summary>The device's volume from 0 to 1 (both channels; waveOutSetVolume); kept and applied at <see cref="Init"/> when set before.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    /// <exception cref="MmException">The device has no volume control, or another waveOut failure.</exception>
    public float Volume
    {
        get => player is { } open ? (float)open.Volume.Left : volume;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0f);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1f);
            volume = value;
            if (player is { } open)
            {
                open.Volume = new WaveVolume(value);
            }
        }
    }

    /// <summary>Opens the device for <paramref name="waveProvider"/>'s format (waveOutOpen).</summary>
    /// <param name="waveProvider">The audio to play.</param>
    /// <exception cref="MmException">waveOutOpen failed: for example MMSYSERR_BADDEVICEID or WAVERR_BADFORMAT.</exception>
    /// <exception cref="InvalidOperationException">Already initialised.</exception>
    public void Init(IWaveProvider waveProvider)
    {
        ArgumentNullException.ThrowIfNull(waveProvider);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (player is not null)
            {
                throw new InvalidOperationException("The output is already initialised; create another for another provider.");
            }

            var opened = new WavePlayer(services, NAudioFormats.ToServices(waveProvider.WaveFormat), deviceId);
            if (volume != 1)
            {
                try
                {
                    opened.Volume = new WaveVolume(volume);
                }
                catch
                {
                    opened.Dispose();
                    throw;
                }
            }

            player = opened;
            provider = waveProvider;
        }
    }

    /// <summary>Starts playing from where the provider is, or resumes after <see cref="Pause"/> (waveOutRestart).</summary>
    /// <exception cref="InvalidOperationException"><see cref="Init"/> was not called.</exception>
    public void Play()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var open = player ?? throw new InvalidOperationException("Call Init before Play.");
            switch (state)
            {
                case PlaybackState.Paused:
                    open.Resume();
                    state = PlaybackState.Playing;
                    break;
                case PlaybackState.Stopped:
                    // The previous playback's loop has raised PlaybackStopped or is about to; it must end before the next starts.
                    if (playback is { IsCompleted: false } previous && !IsRaisingStopped)
                    {
                        previous.Wait();
                    }

                    stopping = new CancellationTokenSource();
                    state = PlaybackState.Playing;
                    playback = Task.Run(() => PlayToEndAsync(open, stopping.Token));
                    break;
            }
        }
    }

    /// <summary>Pauses playback (waveOutPause); <see cref="Play"/> resumes it.</summary>
    public void Pause()
    {
        lock (gate)
        {
            if (state == PlaybackState.Playing && player is { } open)
            {
                open.Pause();
                state = PlaybackState.Paused;
            }
        }
    }

    /// <summary>Stops playback (waveOutReset); <see cref="PlaybackStopped"/> follows on the playback thread.</summary>
    public void Stop()
    {
        lock (gate)
        {
            if (state != PlaybackState.Stopped)
            {
                state = PlaybackState.Stopped;
                stopping?.Cancel();
            }
        }
    }

    /// <summary>Stops, waits for the playback loop (unless called from <see cref="PlaybackStopped"/>), and closes the device.</summary>
    public void Dispose()
    {
        Task? running;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            state = PlaybackState.Stopped;
            stopping?.Cancel();
            running = playback;
        }

        if (running is not null && !IsRaisingStopped)
        {
            running.Wait();
        }

        player?.Dispose();
        stopping?.Dispose();
    }

    private bool IsRaisingStopped => raisingThread == Environment.CurrentManagedThreadId;

    private async Task PlayToEndAsync(WavePlayer open, CancellationToken stop)
    {
        Exception? failure = null;
        try
        {
            await open.PlayAsync(new WaveProviderStream(provider!), cancellationToken: stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stop: a normal end.
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        state = PlaybackState.Stopped;
        raisingThread = Environment.CurrentManagedThreadId;
        try
        {
            PlaybackStopped?.Invoke(this, new StoppedEventArgs(failure));
        }
        finally
        {
            raisingThread = 0;
        }
    }
}
