using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// An open HWAVEOUT or HWAVEIN: the device, the driver's value for the stream, the memory the driver was given at open
/// (the WAVEOPENDESC and a copy of the format, kept until close as winmm keeps them), the application's callback, and
/// the bookkeeping the services need from the driver's callbacks: how many buffers are queued (WAVERR_STILLPLAYING)
/// and how many callbacks are running (so that none reaches the application after reset or close returned).
/// </summary>
internal sealed unsafe class WaveStream
{
    /// <summary>The streams whose callbacks are running on this thread, innermost last (a callback may cause another).</summary>
    [ThreadStatic] private static List<WaveStream>? callbacksOnThread;

    /// <summary>How long reset and close wait for a driver to return its buffers and finish its callbacks.</summary>
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>[driver's value (nuint)][WAVEOPENDESC][format], one native block.</summary>
    private readonly byte* memory;

    /// <summary>One callback in <see cref="activity"/>'s upper half.</summary>
    private const long OneCallback = 1L << 32;

    /// <summary>
    /// The buffers queued (the low 32 bits, a signed count) and the callbacks running (the rest), in one word: a
    /// callback that returns a buffer counts both with one interlocked operation instead of two, on every buffer.
    /// </summary>
    private long activity;
    private int closing;
    private int closed;

    private WaveStream(nint handle, WaveServices owner, WaveDevice device, uint deviceId, WaveClientCallback client, WAVEFORMATEX* format)
    {
        Owner = owner;
        Device = device;
        DeviceId = deviceId;
        Client = client;
        Handle = handle;
        var formatSize = FormatSize(format);
        memory = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(nuint) + sizeof(WAVEOPENDESC) + formatSize));
        var copy = memory + sizeof(nuint) + sizeof(WAVEOPENDESC);
        Buffer.MemoryCopy(format, copy, formatSize, formatSize);
        *Descriptor = new WAVEOPENDESC
        {
            hWave = Handle,
            lpFormat = (nint)copy,
            dwCallback = WaveCallbackRouter.Function,
            dwInstance = (nuint)Handle,
        };
    }

    public nint Handle { get; }

    public WaveServices Owner { get; }

    public WaveDevice Device { get; }

    public WaveDirection Direction => Device.Direction;

    /// <summary>The services' device id the stream was opened on; for a stream of the wave mapper, the device it converts for.</summary>
    public uint DeviceId { get; set; }

    public WaveClientCallback Client { get; }

    /// <summary>Where the driver stores its value for the stream at open (WODM_OPEN's dwUser).</summary>
    public nuint* DriverValue => (nuint*)memory;

    public WAVEOPENDESC* Descriptor => (WAVEOPENDESC*)(memory + sizeof(nuint));

    /// <summary>True while buffers are queued (between a queueing call and their WOM_DONE/WIM_DATA).</summary>
    public bool HasQueuedBuffers => (int)Volatile.Read(ref activity) > 0;

    /// <summary>True once a close has begun; the application's calls then fail with MMSYSERR_INVALHANDLE.</summary>
    public bool IsClosing => Volatile.Read(ref closing) != 0;

    /// <summary>Creates the stream and publishes its handle, so that callbacks during the driver's open find it.</summary>
    public static WaveStream Create(WaveServices owner, WaveDevice device, uint deviceId, WaveClientCallback client, WAVEFORMATEX* format)
    {
        var stream = new WaveStream(WaveHandles.Reserve(), owner, device, deviceId, client, format);
        WaveHandles.Publish(stream);
        return stream;
    }

    /// <summary>
    /// The bytes of a format the driver is given: WAVE_FORMAT_PCM is a 16-byte PCMWAVEFORMAT whose cbSize may not exist
    /// (the copy's reads as 0); any other tag is a WAVEFORMATEX and its cbSize extra bytes.
    /// </summary>
    public static int FormatSize(WAVEFORMATEX* format) =>
        format->wFormatTag == WaveFormatTags.WAVE_FORMAT_PCM ? sizeof(WAVEFORMATEX) - sizeof(ushort) : sizeof(WAVEFORMATEX) + format->cbSize;

    /// <summary>Sends a message for this stream (dwUser is the driver's value).</summary>
    public MMRESULT Message(uint message, nuint param1, nuint param2) => (MMRESULT)Device.Message(message, *DriverValue, param1, param2);

    /// <summary>Counts a buffer queued before the driver sees it: its WOM_DONE may come before the driver returns.</summary>
    public void BeginQueue() => Interlocked.Increment(ref activity);

    /// <summary>Takes back <see cref="BeginQueue"/> when the driver refused the buffer.</summary>
    public void CancelQueue() => Interlocked.Decrement(ref activity);

    /// <summary>Marks the stream closing; false if another close got there first.</summary>
    public bool TryBeginClose() => Interlocked.CompareExchange(ref closing, 1, 0) == 0;

    /// <summary>Takes back <see cref="TryBeginClose"/> when the driver refused to close.</summary>
    public void CancelClose() => Volatile.Write(ref closing, 0);

    /// <summary>
    /// A callback from the driver: buffer bookkeeping first, then the application's callback, unless the stream closed.
    /// </summary>
    public void OnDriverCallback(uint message, nuint param1, nuint param2)
    {
        // Running, and for a returned buffer no longer queued: a waiter never sees the buffer gone before the callback.
        Interlocked.Add(ref activity, message == Direction.Done ? OneCallback - 1 : OneCallback);
        var onThread = callbacksOnThread ??= [];
        onThread.Add(this);
        try
        {
            if (Volatile.Read(ref closed) == 0)
            {
                Client.Deliver(Handle, message, param1, param2);
            }
        }
        finally
        {
            onThread.RemoveAt(onThread.Count - 1);
            Interlocked.Add(ref activity, -OneCallback);
        }
    }

    /// <summary>
    /// Waits until every queued buffer came back and every callback running on another thread returned, so that the
    /// application is told nothing more about them once reset returns. Callbacks running on this thread (the caller is
    /// inside one) cannot be waited for, and neither can the buffers then: a driver that delivers its callbacks one at a
    /// time (wavefile) gives them back only after the callback the caller is inside returns. A driver that keeps
    /// buffers past the timeout is given up on.
    /// </summary>
    public void WaitUntilIdle()
    {
        var own = callbacksOnThread?.Count(s => s == this) ?? 0;
        var deadline = Environment.TickCount64 + (long)IdleTimeout.TotalMilliseconds;
        var spin = new SpinWait();
        while (Environment.TickCount64 < deadline)
        {
            var now = Volatile.Read(ref activity);
            var queued = (int)now;
            var callbacksRunning = (now - queued) >> 32;
            if ((own != 0 || queued <= 0) && callbacksRunning <= own)
            {
                return;
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Forgets a stream the driver refused to open; its callback stays with the caller, which may try another device.</summary>
    public void Abandon()
    {
        WaveHandles.Remove(this);
        NativeMemory.Free(memory);
    }

    /// <summary>
    /// After the driver closed the stream: no callback reaches the application any more, the handle is invalid, and
    /// the memory the driver was given is freed.
    /// </summary>
    public void Release()
    {
        Interlocked.Exchange(ref closed, 1);
        WaitUntilIdle();
        WaveHandles.Remove(this);
        Client.Dispose();
        NativeMemory.Free(memory);
    }
}
