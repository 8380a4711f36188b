using System.Collections.Concurrent;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;

namespace InstallableDrivers.Multimedia.Wave.Isolation;

/// <summary>
/// One stream of an isolated wave driver, as its proxy (<see cref="IsolatedWaveEntryPoint"/>) keeps it: the arena block
/// the driver was opened with ([its value for the stream][WAVEOPENDESC][format]), the callback the services asked for,
/// and a shadow (<see cref="WaveShadowHeader"/>) per application header. The services know the stream by
/// <see cref="Id"/> (the dwUser the proxy answers WODM_OPEN with); the driver by its own value.
/// </summary>
internal sealed unsafe class IsolatedWaveStream : IDisposable
{
    private static readonly ConcurrentDictionary<nuint, IsolatedWaveStream> Streams = new();
    private static long nextId;

    private readonly Lock sync = new();
    private readonly DriverSharedBuffer openBlock;
    private readonly WAVEOPENDESC application;
    private readonly uint callbackType;
    private readonly Dictionary<nint, WaveShadowHeader> byApplication = [];
    private readonly Dictionary<nint, WaveShadowHeader> byShadow = [];

    /// <summary>Queued shadows, in queueing order: how the host's death returns them.</summary>
    private readonly List<WaveShadowHeader> queue = [];

    public IsolatedWaveStream(IsolatedWaveEntryPoint entry, DriverSharedBuffer openBlock, WAVEOPENDESC application, uint callbackType)
    {
        Entry = entry;
        this.openBlock = openBlock;
        this.application = application;
        this.callbackType = callbackType;
        Id = (nuint)Interlocked.Increment(ref nextId);
        Streams[Id] = this;
    }

    public nuint Id { get; }

    public IsolatedWaveEntryPoint Entry { get; }

    /// <summary>The driver's value for the stream (WODM_OPEN's dwUser, in the arena).</summary>
    public nuint DriverValue => *(nuint*)openBlock.Address;

    public static IsolatedWaveStream? Find(nuint id) => Streams.TryGetValue(id, out var stream) ? stream : null;

    /// <summary>
    /// The shadow of an application header; when <paramref name="create"/>, made if there is none, or remade larger if the
    /// header grew and its shadow is not queued. Null if there is none and <paramref name="create"/> is false.
    /// </summary>
    public WaveShadowHeader? Shadow(WAVEHDR* header, bool create)
    {
        lock (sync)
        {
            if (byApplication.TryGetValue((nint)header, out var shadow) && (shadow.Capacity >= header->dwBufferLength || shadow.IsQueued || !create))
            {
                return shadow;
            }

            if (!create)
            {
                return null;
            }

            if (shadow is not null)
            {
                Forget(shadow);
            }

            var capacity = (int)header->dwBufferLength;
            shadow = new WaveShadowHeader(header, Entry.Export.AllocateSharedBuffer(WaveShadowHeader.HeaderBytes + capacity), capacity);
            byApplication[(nint)header] = shadow;
            byShadow[(nint)shadow.Header] = shadow;
            return shadow;
        }
    }

    /// <summary>Drops a header's shadow (after its unprepare).</summary>
    public void Drop(WaveShadowHeader shadow)
    {
        lock (sync)
        {
            Forget(shadow);
        }
    }

    /// <summary>Marks a shadow queued, before the driver sees it: its WOM_DONE may come before the driver returns.</summary>
    public void Enqueue(WaveShadowHeader shadow)
    {
        lock (sync)
        {
            shadow.IsQueued = true;
            shadow.IsBeingQueued = true;
            queue.Add(shadow);
        }
    }

    /// <summary>The queueing call returned; false if it failed, and the shadow is off the queue again.</summary>
    public void EndEnqueue(WaveShadowHeader shadow, bool queued)
    {
        lock (sync)
        {
            shadow.IsBeingQueued = false;
            if (!queued)
            {
                shadow.IsQueued = false;
                queue.Remove(shadow);
            }
        }
    }

    /// <summary>Takes a shadow off the queue (it came back, or the driver refused it); false if it was not on it.</summary>
    public bool Dequeue(WaveShadowHeader shadow)
    {
        lock (sync)
        {
            if (!shadow.IsQueued)
            {
                return false;
            }

            shadow.IsQueued = false;
            queue.Remove(shadow);
            return true;
        }
    }

    /// <summary>A callback from the driver: a returned buffer is translated back to the application's header first.</summary>
    public void OnDriverCallback(uint message, nuint param1, nuint param2)
    {
        var direction = Entry.Direction;
        if (message == direction.Done)
        {
            WaveShadowHeader? shadow;
            lock (sync)
            {
                byShadow.TryGetValue((nint)param1, out shadow);
            }

            if (shadow is null || !Dequeue(shadow))
            {
                return; // not a header the proxy queued, or already returned because the host died
            }

            shadow.CopyOut(recorded: direction == WaveDirection.Input);
            param1 = (nuint)shadow.Application;
        }

        Deliver(message, param1, param2);
    }

    /// <summary>
    /// The host died: every queued buffer comes back to the application done, in order, with its WOM_DONE or WIM_DATA (an
    /// input buffer with nothing recorded), so that a player waiting for them ends.
    /// </summary>
    public void FailQueued()
    {
        List<WaveShadowHeader> returned;
        lock (sync)
        {
            // A buffer whose queueing call is still in the driver is left to that call, which fails (or, if it had
            // succeeded just before the death, returns it by calling this again).
            returned = [.. queue.Where(s => !s.IsBeingQueued)];
            foreach (var shadow in returned)
            {
                shadow.IsQueued = false;
                queue.Remove(shadow);
            }
        }

        foreach (var shadow in returned)
        {
            var header = shadow.Application;
            if (Entry.Direction == WaveDirection.Input)
            {
                header->dwBytesRecorded = 0;
            }

            header->dwFlags = (header->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
            Deliver(Entry.Direction.Done, (nuint)header, 0);
        }
    }

    /// <summary>Tells the services, as the driver would have.</summary>
    public void Deliver(uint message, nuint param1, nuint param2) =>
        Drivers.DriverCallback(application.dwCallback, callbackType, new HDRVR(application.hWave), message, application.dwInstance, param1, param2);

    /// <summary>After the close: the stream is forgotten and its arena blocks returned.</summary>
    public void Dispose()
    {
        Streams.TryRemove(Id, out _);
        lock (sync)
        {
            foreach (var shadow in byApplication.Values)
            {
                shadow.Dispose();
            }

            byApplication.Clear();
            byShadow.Clear();
            queue.Clear();
        }

        openBlock.Dispose();
    }

    private void Forget(WaveShadowHeader shadow)
    {
        byApplication.Remove((nint)shadow.Application);
        byShadow.Remove((nint)shadow.Header);
        shadow.Dispose();
    }
}
