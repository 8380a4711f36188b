using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveOpenFlags;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The converting wave mapper: a wave driver of the services' own (as Windows' mapper is a driver, msacm32's), opened
/// for WAVE_MAPPER or WAVE_MAPPED when no device takes the application's format as it is. It opens a real device
/// through the services with a PCM format the device takes and an ACM conversion between (a <see cref="WaveMapperRoute"/>),
/// and answers the stream's messages as a driver would (<see cref="WaveMapperStream"/>). It is not a device of its own:
/// it has no id and is not counted by waveOutGetNumDevs.
/// </summary>
internal sealed unsafe class WaveMapper : IWaveOutDriver, IWaveInDriver
{
    private readonly WaveServices services;
    private readonly Func<AcmServices> acm;
    private readonly WaveDevice output;
    private readonly WaveDevice input;

    public WaveMapper(WaveServices services, Func<AcmServices> acm)
    {
        this.services = services;
        this.acm = acm;
        var driver = new WaveDriver("mapper", this, this);
        output = new WaveDevice(driver, WaveDirection.Output, 0);
        input = new WaveDevice(driver, WaveDirection.Input, 0);
    }

    /// <summary>The device the services open a mapped stream on.</summary>
    public WaveDevice Device(WaveDirection direction) => direction == WaveDirection.Output ? output : input;

    /// <summary>Whether <paramref name="device"/> is the mapper's.</summary>
    public bool Owns(WaveDevice device) => device == output || device == input;

    public uint wodMessage(uint uDeviceID, uint uMsg, nuint dwUser, nuint dwParam1, nuint dwParam2) =>
        (uint)Message(WaveDirection.Output, uMsg, dwUser, dwParam1, dwParam2);

    public uint widMessage(uint uDeviceID, uint uMsg, nuint dwUser, nuint dwParam1, nuint dwParam2) =>
        (uint)Message(WaveDirection.Input, uMsg, dwUser, dwParam1, dwParam2);

    private MMRESULT Message(WaveDirection direction, uint message, nuint user, nuint param1, nuint param2)
    {
        if (message == direction.Open)
        {
            return Open(direction, (nuint*)user, (WAVEOPENDESC*)param1, (uint)param2);
        }

        return WaveMapperStream.Find(user) is { } stream ? stream.Message(message, param1, param2) : MMRESULT.MMSYSERR_INVALHANDLE;
    }

    /// <summary>
    /// WODM_OPEN/WIDM_OPEN: finds a device and a conversion for the format (only the device of uMappedDeviceID with
    /// WAVE_MAPPED); with WAVE_FORMAT_QUERY only says whether there is one. None: WAVERR_BADFORMAT.
    /// </summary>
    private MMRESULT Open(WaveDirection direction, nuint* user, WAVEOPENDESC* description, uint flags)
    {
        var lpFormat = (WAVEFORMATEX*)description->lpFormat;
        var format = WaveFormat.Parse(new ReadOnlySpan<byte>(lpFormat, WaveStream.FormatSize(lpFormat)));
        IEnumerable<uint> devices = (flags & WAVE_MAPPED) != 0
            ? [description->uMappedDeviceID]
            : services.MapperCandidates(direction).Select(candidate => candidate.Id);
        WaveMapperRoute? route;
        try
        {
            route = WaveMapperRoute.Find(services, acm(), direction, format, devices);
        }
        catch (MmException e)
        {
            // A driver failed a question in another way than "not possible": the open fails with its result.
            return e.Result;
        }

        if (route is null)
        {
            return MMRESULT.WAVERR_BADFORMAT;
        }

        if ((flags & WAVE_FORMAT_QUERY) != 0)
        {
            return MMRESULT.MMSYSERR_NOERROR;
        }

        // waveOutGetID of the application's handle names the device the conversion plays to (or records from), from
        // its WOM_OPEN on.
        WaveHandles.Find(description->hWave)!.DeviceId = route.DeviceId;
        WaveMapperStream stream = direction == WaveDirection.Output
            ? new WaveMapperOutputStream(services, acm(), route, *description)
            : new WaveMapperInputStream(services, acm(), route, *description);
        var result = stream.Open(flags);
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            *user = stream.DriverValue;
        }

        return result;
    }
}
