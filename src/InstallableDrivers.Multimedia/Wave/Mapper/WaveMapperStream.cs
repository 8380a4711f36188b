using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.TimeFormats;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// One stream of the wave mapper, as its driver keeps it: the device stream it opened through the services (the
/// "inner" handle, in the route's PCM format), the ACM conversion between, and the application's buffers in flight.
/// The application's side is the services' own stream, which keeps the handle and the STILLPLAYING bookkeeping; this
/// answers the WODM_*/WIDM_* messages that stream sends, as any driver does. Output and input differ in where the
/// conversion runs (<see cref="WaveMapperOutputStream"/>, <see cref="WaveMapperInputStream"/>).
/// </summary>
internal abstract unsafe class WaveMapperStream
{
    private readonly uint openMessage;
    private readonly uint closeMessage;
    private GCHandle self;

    protected WaveMapperStream(WaveServices services, AcmServices acm, WaveMapperRoute route, WAVEOPENDESC description,
        WaveDirection direction, uint openMessage, uint closeMessage)
    {
        Services = services;
        Acm = acm;
        Route = route;
        Direction = direction;
        this.openMessage = openMessage;
        this.closeMessage = closeMessage;
        Delivery = new WaveMapperDelivery(description, direction.Done);
        ApplicationFormat = direction == WaveDirection.Output ? route.Formats[0] : route.Formats[^1];
    }

    protected WaveMapperRoute Route { get; }

    /// <summary>The value the services pass back as dwUser (a handle to this object).</summary>
    public nuint DriverValue => (nuint)GCHandle.ToIntPtr(self);

    protected WaveServices Services { get; }

    protected AcmServices Acm { get; }

    protected WaveDirection Direction { get; }

    protected WaveMapperDelivery Delivery { get; }

    protected WaveFormat ApplicationFormat { get; }

    /// <summary>
    /// Taken while the conversion runs or restarts, and (output) while its shadow goes to the device, so shadows reach
    /// the device in the order their buffers were written. The output's device callbacks never take it, so a driver
    /// whose write waits for its callback thread cannot deadlock. Taken before <see cref="Gate"/>, never after.
    /// </summary>
    protected Lock ConversionGate { get; } = new();

    /// <summary>
    /// Taken while the application's buffers in flight and the shadows change (shadows that came back are unprepared,
    /// or sent again, under it); never while the application is called, nor while a buffer the application wrote goes
    /// to the device.
    /// </summary>
    protected Lock Gate { get; } = new();

    /// <summary>The device stream (HWAVEOUT or HWAVEIN of the services).</summary>
    protected nint Device { get; private set; }

    /// <summary>The conversion, from the application's format to the device's for output, the other way for input.</summary>
    protected AcmConverter Converter { get; private set; } = null!;

    /// <summary>The stream a driver value names, or null.</summary>
    public static WaveMapperStream? Find(nuint driverValue) =>
        driverValue == 0 ? null : GCHandle.FromIntPtr((nint)driverValue).Target as WaveMapperStream;

    /// <summary>Opens the conversion and the device (WAVE_ALLOWSYNC passed on), then tells the application WOM_OPEN/WIM_OPEN.</summary>
    public MMRESULT Open(uint flags)
    {
        try
        {
            Converter = new AcmConverter(Acm, Route.Formats);
        }
        catch (MmException e)
        {
            return e.Result;
        }

        self = GCHandle.Alloc(this);
        nint device;
        fixed (byte* wfx = Route.DeviceFormat.ToBytes())
        {
            var result = Services.Open(Direction, &device, Route.DeviceId, (WAVEFORMATEX*)wfx, DeviceCallback, DriverValue,
                DriverMessages.CALLBACK_FUNCTION | (flags & WaveOpenFlags.WAVE_ALLOWSYNC));
            if (result != MMRESULT.MMSYSERR_NOERROR)
            {
                Converter.Dispose();
                self.Free();
                return result;
            }
        }

        Device = device;
        Delivery.Notify(openMessage);
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>A message the services send for the stream.</summary>
    public MMRESULT Message(uint message, nuint param1, nuint param2)
    {
        if (message == Direction.Queue)
        {
            return Queue((WAVEHDR*)param1);
        }

        if (message == Direction.Prepare || message == Direction.Unprepare)
        {
            // The application's headers need nothing of the mapper's: the services mark them.
            return MMRESULT.MMSYSERR_NOTSUPPORTED;
        }

        if (message == Direction.Reset)
        {
            return Reset();
        }

        if (message == Direction.GetPosition)
        {
            return GetPosition((MMTIME*)param1, (uint)param2);
        }

        if (message == Direction.GetDevCaps)
        {
            return Services.GetDevCaps(Direction, (nuint)Device, (void*)param1, (uint)param2, (int)param2);
        }

        if (message == Direction.Close)
        {
            return Close();
        }

        return Forward(message, param1, param2);
    }

    /// <summary>WODM_WRITE / WIDM_ADDBUFFER of an application's header.</summary>
    protected abstract MMRESULT Queue(WAVEHDR* header);

    /// <summary>A buffer the device gave back (WOM_DONE / WIM_DATA of a shadow buffer).</summary>
    protected abstract void OnDeviceDone(WAVEHDR* shadow);

    /// <summary>After the device's reset returned (its buffers are back): every application buffer still held is finished. Called under <see cref="Gate"/>.</summary>
    protected abstract void FinishAll();

    /// <summary>The messages that only go on to the device: pause, restart, breakloop, volume; start, stop.</summary>
    protected abstract MMRESULT Forward(uint message, nuint param1, nuint param2);

    /// <summary>Forgets what the conversion holds back (a partial block), so that the next buffer starts a new stream.</summary>
    protected void RestartConversion()
    {
        Converter.Dispose();
        Converter = new AcmConverter(Acm, Route.Formats);
    }

    /// <summary>Prepares a shadow buffer and queues it on the device; unprepared again if the device refuses it. Called without <see cref="Gate"/>.</summary>
    protected MMRESULT QueueOnDevice(WaveShadowBuffer shadow)
    {
        var size = (uint)sizeof(WAVEHDR);
        var result = Services.PrepareHeader(Direction, Device, shadow.Header, size);
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            result = Services.Queue(Direction, Device, shadow.Header, size);
            if (result != MMRESULT.MMSYSERR_NOERROR)
            {
                _ = Services.UnprepareHeader(Direction, Device, shadow.Header, size);
            }
        }

        return result;
    }

    /// <summary>Unprepares and frees a shadow buffer the device gave back.</summary>
    protected void Release(WaveShadowBuffer shadow)
    {
        _ = Services.UnprepareHeader(Direction, Device, shadow.Header, (uint)sizeof(WAVEHDR));
        shadow.Dispose();
    }

    /// <summary>
    /// Resets the device, without holding a lock (its buffers come back through callbacks that take them), then
    /// finishes what is left and delivers.
    /// </summary>
    private MMRESULT Reset()
    {
        var result = Services.Reset(Direction, Device);
        lock (ConversionGate)
        {
            lock (Gate)
            {
                FinishAll();
            }

            RestartConversion();
        }

        Delivery.Deliver();
        return result;
    }

    /// <summary>
    /// The device's position in the application's format, as Windows' mapper reports it: bytes scaled by the two
    /// formats' average byte rates, samples by their sample rates; milliseconds as they are.
    /// </summary>
    private MMRESULT GetPosition(MMTIME* time, uint size)
    {
        var result = Services.GetPosition(Direction, Device, time, size);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            return result;
        }

        var device = Route.DeviceFormat;
        if (time->wType == TIME_BYTES)
        {
            time->cb = (uint)((ulong)time->cb * (ulong)ApplicationFormat.AverageBytesPerSecond / (ulong)Math.Max(device.AverageBytesPerSecond, 1));
        }
        else if (time->wType == TIME_SAMPLES)
        {
            time->sample = (uint)((ulong)time->sample * (ulong)ApplicationFormat.SampleRate / (ulong)Math.Max(device.SampleRate, 1));
        }

        return result;
    }

    /// <summary>
    /// Closes the device stream, the conversion, and tells the application WOM_CLOSE/WIM_CLOSE. The services send this
    /// only when none of the application's buffers is queued, so shadows the device still holds are only on their way
    /// back (after a reset from inside a callback, or input shadows no buffer waits for): a reset takes them back first.
    /// </summary>
    private MMRESULT Close()
    {
        var result = Services.Close(Direction, Device);
        if (result == MMRESULT.WAVERR_STILLPLAYING)
        {
            _ = Services.Reset(Direction, Device);
            result = Services.Close(Direction, Device);
        }

        if (result != MMRESULT.MMSYSERR_NOERROR && result != MMRESULT.MMSYSERR_INVALHANDLE)
        {
            return result;
        }

        Converter.Dispose();
        Delivery.Notify(closeMessage);
        self.Free();
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>The mapper's callback for its device streams; the instance is the stream's <see cref="DriverValue"/>.</summary>
    private static nuint DeviceCallback => (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&OnDeviceCallback;

    [UnmanagedCallersOnly]
    private static void OnDeviceCallback(nint device, uint message, nuint instance, nuint param1, nuint param2)
    {
        if (Find(instance) is { } stream && message == stream.Direction.Done)
        {
            stream.OnDeviceDone((WAVEHDR*)param1);
        }
    }
}
