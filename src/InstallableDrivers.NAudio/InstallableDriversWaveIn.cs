using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using NAudio.Wave;
using NAudioWaveFormat = NAudio.Wave.WaveFormat;
using WaveRecorder = InstallableDrivers.Multimedia.WaveRecorder;

namespace InstallableDrivers.NAudio;

/// <summary>
/// NAudio's <see cref="IWaveIn"/> directly over the waveIn services (no P/Invoke): <see cref="StartRecording"/> opens
/// the device in <see cref="WaveFormat"/> and records on a background loop, raising <see cref="DataAvailable"/> for each
/// buffer, until <see cref="StopRecording"/> or the input ends; <see cref="RecordingStopped"/> is raised once per
/// recording, on that background thread.
/// </summary>
public sealed class InstallableDriversWaveIn : IWaveIn
{
    private readonly WaveServices services;
    private readonly uint deviceId;
    private readonly Lock gate = new();
    private Task? recording;
    private CancellationTokenSource? stopping;
    private bool disposed;

    // The thread raising RecordingStopped, where waiting for the recording loop (which is that thread) would never end.
    private volatile int raisingThread;

    /// <summary>Records through <paramref name="services"/> (else <see cref="WaveServices.Default"/>) from <paramref name="deviceId"/>.</summary>
    /// <param name="services">The waveIn services; null for <see cref="WaveServices.Default"/>.</param>
    /// <param name="deviceId">The input device (0 to waveInGetNumDevs - 1), or WAVE_MAPPER (the default) for the preferred one that takes the format.</param>
    public InstallableDriversWaveIn(WaveServices? services = null, uint deviceId = WaveOpenFlags.WAVE_MAPPER)
    {
        this.services = services ?? WaveServices.Default;
        this.deviceId = deviceId;
    }

    /// <summary>Raised for each recorded buffer, with a copy of its bytes, on the recording thread.</summary>
    public event EventHandler<WaveInEventArgs>? DataAvailable;

    /// <summary>Raised once when a recording ends (<see cref="StopRecording"/>, the input ran out, or a failure, given as the exception), on the recording thread.</summary>
    public event EventHandler<StoppedEventArgs>? RecordingStopped;

    /// <summary>The format to record in, set before <see cref="StartRecording"/>; 8 kHz 16-bit mono unless set (as NAudio's WaveIn).</summary>
    public NAudioWaveFormat WaveFormat { get; set; } = new(8000, 16, 1);

    /// <summary>Opens the device in <see cref="WaveFormat"/> (waveInOpen) and starts recording.</summary>
    /// <exception cref="MmException">waveInOpen failed: for example MMSYSERR_BADDEVICEID or WAVERR_BADFORMAT.</exception>
    /// <exception cref="InvalidOperationException">Already recording.</exception>
    public void StartRecording()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (recording is { IsCompleted: false } && !IsRaisingStopped)
            {
                throw new InvalidOperationException("Already recording.");
            }

            // Opened here, not on the loop, so a bad device or format fails this call.
            var recorder = new WaveRecorder(services, NAudioFormats.ToServices(WaveFormat), deviceId);
            stopping?.Dispose();
            stopping = new CancellationTokenSource();
            var stop = stopping.Token;
            recording = Task.Run(() => RecordAsync(recorder, stop));
        }
    }

    /// <summary>Ends the recording (waveInStop, then waveInReset): the data recorded so far still comes through <see cref="DataAvailable"/>, then <see cref="RecordingStopped"/>.</summary>
    public void StopRecording()
    {
        lock (gate)
        {
            stopping?.Cancel();
        }
    }

    /// <summary>Stops, and waits for the recording loop to close the device (unless called from <see cref="RecordingStopped"/>).</summary>
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
            stopping?.Cancel();
            running = recording;
        }

        if (running is not null && !IsRaisingStopped)
        {
            running.Wait();
        }

        stopping?.Dispose();
    }

    private bool IsRaisingStopped => raisingThread == Environment.CurrentManagedThreadId;

    private async Task RecordAsync(WaveRecorder recorder, CancellationToken stop)
    {
        Exception? failure = null;
        try
        {
            await using (recorder.ConfigureAwait(false))
            {
                await recorder.RecordAsync(new DataAvailableStream(data => DataAvailable?.Invoke(this, data)), cancellationToken: stop).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        raisingThread = Environment.CurrentManagedThreadId;
        try
        {
            RecordingStopped?.Invoke(this, new StoppedEventArgs(failure));
        }
        finally
        {
            raisingThread = 0;
        }
    }
}
