using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Multimedia.Wave;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveOpenFlags;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The waveform-audio services of winmm (waveOut* and waveIn*) over the wave drivers of a <see cref="DriverManager"/>'s
/// registry, with the Win32 names, parameters and results (docs/wave-drivers.md#services).
/// </summary>
/// <remarks>
/// <para>Devices: the <c>[Drivers32]</c> values <c>wave</c>, <c>wave1</c> … <c>wave9</c> name wave drivers; on first
/// use each is opened once through the manager, sent DRVM_INIT and asked for its device count, and device ids run
/// across the drivers in that order. A driver that fails to open or exports neither <c>wodMessage</c> nor
/// <c>widMessage</c> is skipped. The list then stays as it is until <see cref="RefreshDevices"/>.</para>
/// <para>Callbacks: every driver is given the services' own callback, which keeps the buffer bookkeeping and then
/// calls the application's CALLBACK_FUNCTION or sets its CALLBACK_EVENT, on the driver's thread. A callback may call any
/// function of the services, including waveOutReset and waveOutClose of its own stream; once waveOutReset or waveOutClose
/// has returned, the application's callback is not called again for the buffers or the stream concerned.</para>
/// <para>Thread-safe, except that a handle must not be used by one thread while another closes it, as on Windows.</para>
/// </remarks>
public sealed unsafe partial class WaveServices : IDisposable
{
    /// <summary>The registry section whose <c>Playback</c> and <c>Record</c> values name the mapper's preferred devices.</summary>
    public const string SoundMapperSection = "Sound Mapper";

    private static readonly Lazy<WaveServices> DefaultServices = new(() => new WaveServices(DriverManager.Default));

    private readonly DriverManager manager;
    private readonly Lock catalogLock = new();
    private readonly Lazy<AcmServices> acm;
    private readonly WaveMapper mapper;
    private WaveDeviceCatalog? catalog;
    private bool disposed;

    /// <summary>Creates the services over a manager's registry; no driver is opened until a function needs the devices.</summary>
    /// <param name="manager">The manager that opens the wave drivers and the codecs the wave mapper converts with; it must outlive the services.</param>
    public WaveServices(DriverManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        this.manager = manager;
        acm = new Lazy<AcmServices>(() => new AcmServices(manager));
        mapper = new WaveMapper(this, () => acm.Value);
    }

    /// <summary>The services over <see cref="DriverManager.Default"/>, which <see cref="WinMM"/> uses. Created on first use; never disposed.</summary>
    public static WaveServices Default => DefaultServices.Value;

    private WaveDeviceCatalog Catalog
    {
        get
        {
            lock (catalogLock)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                return catalog ??= WaveDeviceCatalog.Open(manager);
            }
        }
    }

    /// <summary>
    /// Reads the registry's wave drivers again at the next call: the drivers found before are sent DRVM_EXIT and closed.
    /// </summary>
    /// <exception cref="InvalidOperationException">A device opened through these services is still open.</exception>
    public void RefreshDevices()
    {
        lock (catalogLock)
        {
            if (WaveHandles.OwnedBy(this).Count > 0)
            {
                throw new InvalidOperationException("Wave devices are still open; close them before refreshing the device list.");
            }

            catalog?.Close();
            catalog = null;
        }
    }

    /// <summary>Resets and closes every stream still open, then sends DRVM_EXIT to the wave drivers and closes them.</summary>
    public void Dispose()
    {
        // Mapped streams first: closing one closes the device stream it converts for.
        foreach (var stream in WaveHandles.OwnedBy(this).OrderBy(s => mapper.Owns(s.Device) ? 0 : 1).ToList())
        {
            if (stream.TryBeginClose())
            {
                stream.Message(stream.Direction.Reset, 0, 0);
                stream.WaitUntilIdle();
                stream.Message(stream.Direction.Close, 0, 0);
                stream.Release();
            }
        }

        lock (catalogLock)
        {
            disposed = true;
            catalog?.Close();
            catalog = null;
        }

        if (acm.IsValueCreated)
        {
            acm.Value.Dispose();
        }
    }

    /// <summary>
    /// The result of a GetErrorText call and the text to write, null when nothing is to be written: "if cchText is zero,
    /// nothing is copied and the function returns zero"; no buffer for a nonzero size is MMSYSERR_INVALPARAM.
    /// </summary>
    private static MMRESULT ErrorText(MMRESULT error, void* buffer, uint length, out string? text)
    {
        text = null;
        if (WaveErrorTexts.Find(error) is not { } message)
        {
            return MMRESULT.MMSYSERR_BADERRNUM;
        }

        if (length == 0)
        {
            return MMRESULT.MMSYSERR_NOERROR;
        }

        if (buffer == null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        text = message;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    private uint GetNumDevs(WaveDirection direction) => (uint)Catalog.Devices(direction).Count;

    /// <summary>A stream of this services object and direction that is open and not closing.</summary>
    private WaveStream? Find(WaveDirection direction, nint handle) =>
        WaveHandles.Find(handle) is { } stream && stream.Owner == this && stream.Direction == direction && !stream.IsClosing
            ? stream
            : null;

    /// <summary>
    /// What a parameter that is "a device identifier or a handle" names: a device id below the device count, WAVE_MAPPER
    /// (the device the mapper prefers), or an open handle (its device and stream). Null if none.
    /// </summary>
    private (WaveDevice Device, WaveStream? Stream)? DeviceOrHandle(WaveDirection direction, nuint value)
    {
        var devices = Catalog.Devices(direction);
        if (value < (nuint)devices.Count)
        {
            return (devices[(int)value], null);
        }

        if (IsMapper(value))
        {
            return MapperCandidates(direction).FirstOrDefault() is { } preferred ? (preferred.Device, null) : null;
        }

        return Find(direction, (nint)value) is { } stream ? (stream.Device, stream) : null;
    }

    /// <summary>WAVE_MAPPER as a UINT, or as a handle-sized -1.</summary>
    private static bool IsMapper(nuint value) => value == WAVE_MAPPER || value == nuint.MaxValue;

    /// <summary>
    /// The devices the wave mapper tries, in order: the one the registry's <c>[Sound Mapper]</c> value (<c>Playback</c>
    /// or <c>Record</c>) names by product name, then every device in id order.
    /// </summary>
    internal IEnumerable<(WaveDevice Device, uint Id)> MapperCandidates(WaveDirection direction)
    {
        var devices = Catalog.Devices(direction);
        var preferredName = manager.Registry.GetValue(SoundMapperSection, direction.MapperSetting);
        var preferred = preferredName is null ? -1 : Enumerable.Range(0, devices.Count).FirstOrDefault(i => ProductName(devices[i]) == preferredName, -1);
        if (preferred >= 0)
        {
            yield return (devices[preferred], (uint)preferred);
        }

        for (var i = 0; i < devices.Count; i++)
        {
            if (i != preferred)
            {
                yield return (devices[i], (uint)i);
            }
        }
    }

    private static string? ProductName(WaveDevice device)
    {
        WAVEOUTCAPSW caps = default; // WAVEINCAPSW is the same up to its end, so either direction fits
        return device.Message(device.Direction.GetDevCaps, 0, (nuint)(&caps), (nuint)sizeof(WAVEOUTCAPSW)) == 0 ? caps.ProductName : null;
    }

    /// <summary>Fills a W capabilities structure of <paramref name="fullSize"/> bytes, cut to <paramref name="size"/>.</summary>
    internal MMRESULT GetDevCaps(WaveDirection direction, nuint deviceId, void* caps, uint size, int fullSize)
    {
        if (WaveMessageParameters.Check(direction.GetDevCaps, caps, size) is not MMRESULT.MMSYSERR_NOERROR and var invalid)
        {
            return invalid;
        }

        if (DeviceOrHandle(direction, deviceId) is not { } target)
        {
            return MMRESULT.MMSYSERR_BADDEVICEID;
        }

        var full = stackalloc byte[fullSize];
        new Span<byte>(full, fullSize).Clear();
        // For a handle, dwUser is its stream's value, as winmm passes it: the wave mapper answers with its device's caps.
        var result = (MMRESULT)target.Device.Message(direction.GetDevCaps, target.Stream is { } stream ? *stream.DriverValue : 0, (nuint)full, (nuint)fullSize);
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            var copied = Math.Min(size, (uint)fullSize);
            Buffer.MemoryCopy(full, caps, copied, copied);
        }

        return result;
    }

    internal MMRESULT Open(WaveDirection direction, nint* handle, uint deviceId, WAVEFORMATEX* format, nuint callback, nuint instance, uint flags)
    {
        // A query opens nothing, so its handle and callback are ignored.
        var query = (flags & WAVE_FORMAT_QUERY) != 0;
        if (format == null || (handle == null && !query))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        WaveClientCallback? client = null;
        if (!query && WaveClientCallback.Create(flags, callback, instance, out client) is not MMRESULT.MMSYSERR_NOERROR and var refused)
        {
            return refused;
        }

        var result = OpenOn(direction, deviceId, handle, format, client, flags);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            client?.Dispose();
        }

        return result;
    }

    private MMRESULT OpenOn(WaveDirection direction, uint deviceId, nint* handle, WAVEFORMATEX* format, WaveClientCallback? client, uint flags)
    {
        var devices = Catalog.Devices(direction);
        var mapped = (flags & WAVE_MAPPED) != 0 && deviceId != WAVE_MAPPER;
        if (deviceId != WAVE_MAPPER && !mapped)
        {
            return deviceId < devices.Count ? OpenDevice(devices[(int)deviceId], deviceId, handle, format, client, flags) : MMRESULT.MMSYSERR_BADDEVICEID;
        }

        if (mapped && deviceId >= devices.Count)
        {
            return MMRESULT.MMSYSERR_BADDEVICEID;
        }

        // The mapper (or WAVE_MAPPED: the mapper restricted to one device): the first candidate that takes the format
        // as it is; when none does, WAVERR_BADFORMAT if any refused the format.
        List<(WaveDevice Device, uint Id)> candidates = mapped ? [(devices[(int)deviceId], deviceId)] : [.. MapperCandidates(direction)];
        var result = MMRESULT.MMSYSERR_BADDEVICEID;
        foreach (var (device, id) in candidates)
        {
            var attempt = OpenDevice(device, id, handle, format, client, flags & ~WAVE_MAPPED);
            if (attempt == MMRESULT.MMSYSERR_NOERROR)
            {
                return attempt;
            }

            result = result == MMRESULT.WAVERR_BADFORMAT ? result : attempt;
        }

        // None takes it: the mapper puts an ACM conversion between the application and a device, unless the
        // application asked for the format to be taken directly (WAVE_FORMAT_DIRECT).
        if (result != MMRESULT.WAVERR_BADFORMAT || (flags & WAVE_FORMAT_DIRECT) != 0)
        {
            return result;
        }

        return OpenDevice(mapper.Device(direction), deviceId, handle, format, client, flags);
    }

    private MMRESULT OpenDevice(WaveDevice device, uint deviceId, nint* handle, WAVEFORMATEX* format, WaveClientCallback? client, uint flags)
    {
        // The driver is always given the services' callback function (see the class remarks).
        var driverFlags = (flags & ~DriverMessages.CALLBACK_TYPEMASK) | DriverMessages.CALLBACK_FUNCTION;
        if ((flags & WAVE_FORMAT_QUERY) != 0)
        {
            var description = new WAVEOPENDESC { lpFormat = (nint)format, uMappedDeviceID = mapper.Owns(device) ? deviceId : 0 };
            nuint driverValue = 0;
            return (MMRESULT)device.Message(device.Direction.Open, (nuint)(&driverValue), (nuint)(&description), flags & ~DriverMessages.CALLBACK_TYPEMASK);
        }

        var stream = WaveStream.Create(this, device, deviceId, client!, format);
        stream.Descriptor->uMappedDeviceID = mapper.Owns(device) ? deviceId : 0;
        var result = (MMRESULT)device.Message(device.Direction.Open, (nuint)stream.DriverValue, (nuint)stream.Descriptor, driverFlags);
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            stream.Abandon();
            return result;
        }

        *handle = stream.Handle;
        return result;
    }
}
