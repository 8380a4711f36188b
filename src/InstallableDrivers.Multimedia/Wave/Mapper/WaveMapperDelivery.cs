using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// Hands a mapped stream's finished application buffers back in order, with no lock held while the application's
/// callback runs (docs/contract.md: a callback may call back into the services). Buffers are finished under the stream's
/// lock, on whichever thread finished them (the device's callback thread, or the caller of waveOutWrite/reset), and
/// queued here; one thread at a time then delivers the queue. A thread that finds another delivering leaves its buffers
/// to it, so order holds; a callback that causes more buffers to finish (a write or reset from inside it) delivers them
/// itself, after the one it is inside, which is their order too.
/// </summary>
internal sealed unsafe class WaveMapperDelivery(WAVEOPENDESC description, uint doneMessage)
{
    private readonly Lock gate = new();
    private readonly Queue<nint> finished = new();

    /// <summary>The thread delivering, or null.</summary>
    private Thread? deliverer;

    /// <summary>Queues a finished buffer; <see cref="Deliver"/> hands it back.</summary>
    public void Add(WAVEHDR* header)
    {
        lock (gate)
        {
            finished.Enqueue((nint)header);
        }
    }

    /// <summary>
    /// Hands back every queued buffer (WHDR_INQUEUE cleared, WHDR_DONE set, then WOM_DONE or WIM_DATA), unless another
    /// thread is doing so, which then hands back these too.
    /// </summary>
    public void Deliver()
    {
        var current = Thread.CurrentThread;
        Thread? outer;
        lock (gate)
        {
            if (deliverer is not null && deliverer != current)
            {
                return;
            }

            outer = deliverer;
            deliverer = current;
        }

        while (true)
        {
            WAVEHDR* header;
            lock (gate)
            {
                // Giving up the delivery in the same lock as finding the queue empty: a buffer queued after this is
                // delivered by the thread that queued it.
                if (!finished.TryDequeue(out var next))
                {
                    deliverer = outer;
                    return;
                }

                header = (WAVEHDR*)next;
            }

            header->dwFlags = (header->dwFlags & ~WaveHeaderFlags.WHDR_INQUEUE) | WaveHeaderFlags.WHDR_DONE;
            Notify(doneMessage, (nuint)header);
        }
    }

    /// <summary>Calls the services' callback for the stream, as a driver does (DriverCallback with the WAVEOPENDESC's values).</summary>
    public void Notify(uint message, nuint param1 = 0) =>
        Drivers.DriverCallback(description.dwCallback, DriverMessages.DCB_FUNCTION, new HDRVR(description.hWave), message, description.dwInstance, param1, 0);
}
