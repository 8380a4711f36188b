namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// The messages of wave devices, with mmsystem.h's and mmddk.h's names and values: those a wave driver's
/// <c>wodMessage</c>/<c>widMessage</c> entry points receive (<c>DRVM_*</c>, <c>WODM_*</c>, <c>WIDM_*</c>) and those
/// its callbacks deliver to the application (<c>WOM_*</c>, <c>WIM_*</c>).
/// </summary>
public static class WaveMessages
{
    /// <summary>The service loaded the driver: the first message each entry point receives.</summary>
    public const uint DRVM_INIT = 100;

    /// <summary>The service is about to unload the driver.</summary>
    public const uint DRVM_EXIT = 101;

    /// <summary>The driver's devices are disabled.</summary>
    public const uint DRVM_DISABLE = 102;

    /// <summary>The driver's devices are enabled again.</summary>
    public const uint DRVM_ENABLE = 103;

    /// <summary>Like <see cref="DRVM_INIT"/>, with a device interface name.</summary>
    public const uint DRVM_INIT_EX = 104;

    /// <summary>The first message of the wave mapper's range.</summary>
    public const uint DRVM_MAPPER = 0x2000;

    /// <summary>The first of a driver's own messages.</summary>
    public const uint DRVM_USER = 0x4000;

    /// <summary>Callback: an output device opened.</summary>
    public const uint MM_WOM_OPEN = 0x3BB;

    /// <summary>Callback: an output device closed.</summary>
    public const uint MM_WOM_CLOSE = 0x3BC;

    /// <summary>Callback: an output buffer is done; dwParam1 is its WAVEHDR.</summary>
    public const uint MM_WOM_DONE = 0x3BD;

    /// <summary>Callback: an input device opened.</summary>
    public const uint MM_WIM_OPEN = 0x3BE;

    /// <summary>Callback: an input device closed.</summary>
    public const uint MM_WIM_CLOSE = 0x3BF;

    /// <summary>Callback: an input buffer is done; dwParam1 is its WAVEHDR, with dwBytesRecorded set.</summary>
    public const uint MM_WIM_DATA = 0x3C0;

    /// <summary>The name a callback function sees for <see cref="MM_WOM_OPEN"/>.</summary>
    public const uint WOM_OPEN = MM_WOM_OPEN;

    /// <summary>The name a callback function sees for <see cref="MM_WOM_CLOSE"/>.</summary>
    public const uint WOM_CLOSE = MM_WOM_CLOSE;

    /// <summary>The name a callback function sees for <see cref="MM_WOM_DONE"/>.</summary>
    public const uint WOM_DONE = MM_WOM_DONE;

    /// <summary>The name a callback function sees for <see cref="MM_WIM_OPEN"/>.</summary>
    public const uint WIM_OPEN = MM_WIM_OPEN;

    /// <summary>The name a callback function sees for <see cref="MM_WIM_CLOSE"/>.</summary>
    public const uint WIM_CLOSE = MM_WIM_CLOSE;

    /// <summary>The name a callback function sees for <see cref="MM_WIM_DATA"/>.</summary>
    public const uint WIM_DATA = MM_WIM_DATA;

    /// <summary>The number of output devices the driver has (the result itself, not an MMRESULT).</summary>
    public const uint WODM_GETNUMDEVS = 3;

    /// <summary>dwParam1: a WAVEOUTCAPSW to fill; dwParam2: its size in bytes.</summary>
    public const uint WODM_GETDEVCAPS = 4;

    /// <summary>dwUser: where the driver stores its stream value; dwParam1: a WAVEOPENDESC; dwParam2: the open flags.</summary>
    public const uint WODM_OPEN = 5;

    /// <summary>Closes the stream; WAVERR_STILLPLAYING while buffers are queued.</summary>
    public const uint WODM_CLOSE = 6;

    /// <summary>Prepares a header; a driver may answer MMSYSERR_NOTSUPPORTED and the service prepares it.</summary>
    public const uint WODM_PREPARE = 7;

    /// <summary>Unprepares a header; MMSYSERR_NOTSUPPORTED lets the service do it.</summary>
    public const uint WODM_UNPREPARE = 8;

    /// <summary>dwParam1: a prepared WAVEHDR to queue for playing; dwParam2: its size.</summary>
    public const uint WODM_WRITE = 9;

    /// <summary>Pauses playback.</summary>
    public const uint WODM_PAUSE = 10;

    /// <summary>Resumes paused playback.</summary>
    public const uint WODM_RESTART = 11;

    /// <summary>Stops playback, returns every queued buffer done, and sets the position to zero.</summary>
    public const uint WODM_RESET = 12;

    /// <summary>dwParam1: an MMTIME to fill; dwParam2: its size.</summary>
    public const uint WODM_GETPOS = 13;

    /// <summary>Reads the pitch multiplier.</summary>
    public const uint WODM_GETPITCH = 14;

    /// <summary>Sets the pitch multiplier.</summary>
    public const uint WODM_SETPITCH = 15;

    /// <summary>dwParam1: a DWORD to receive the volume (low word left, high word right).</summary>
    public const uint WODM_GETVOLUME = 16;

    /// <summary>dwParam1: the volume (low word left, high word right, 0xFFFF full).</summary>
    public const uint WODM_SETVOLUME = 17;

    /// <summary>Reads the playback-rate multiplier.</summary>
    public const uint WODM_GETPLAYBACKRATE = 18;

    /// <summary>Sets the playback-rate multiplier.</summary>
    public const uint WODM_SETPLAYBACKRATE = 19;

    /// <summary>Ends the loop playing after its current pass.</summary>
    public const uint WODM_BREAKLOOP = 20;

    /// <summary>The number of input devices the driver has.</summary>
    public const uint WIDM_GETNUMDEVS = 50;

    /// <summary>dwParam1: a WAVEINCAPSW to fill; dwParam2: its size in bytes.</summary>
    public const uint WIDM_GETDEVCAPS = 51;

    /// <summary>As <see cref="WODM_OPEN"/>, for input.</summary>
    public const uint WIDM_OPEN = 52;

    /// <summary>Closes the stream; WAVERR_STILLPLAYING while buffers are queued.</summary>
    public const uint WIDM_CLOSE = 53;

    /// <summary>Prepares a header; MMSYSERR_NOTSUPPORTED lets the service do it.</summary>
    public const uint WIDM_PREPARE = 54;

    /// <summary>Unprepares a header; MMSYSERR_NOTSUPPORTED lets the service do it.</summary>
    public const uint WIDM_UNPREPARE = 55;

    /// <summary>dwParam1: a prepared WAVEHDR to queue for recording into; dwParam2: its size.</summary>
    public const uint WIDM_ADDBUFFER = 56;

    /// <summary>Starts recording.</summary>
    public const uint WIDM_START = 57;

    /// <summary>Stops recording; the buffer being filled is returned with what it holds.</summary>
    public const uint WIDM_STOP = 58;

    /// <summary>Stops recording, returns every queued buffer done, and sets the position to zero.</summary>
    public const uint WIDM_RESET = 59;

    /// <summary>dwParam1: an MMTIME to fill; dwParam2: its size.</summary>
    public const uint WIDM_GETPOS = 60;
}
