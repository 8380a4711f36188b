using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// Output or input: the messages that differ between waveOut and waveIn, so that one implementation of the services
/// serves both (waveOutWrite and waveInAddBuffer are the same operation with different numbers).
/// </summary>
internal sealed class WaveDirection
{
    public static readonly WaveDirection Output = new(
        "wodMessage", "Playback", WODM_GETNUMDEVS, WODM_GETDEVCAPS, WODM_OPEN, WODM_CLOSE, WODM_PREPARE,
        WODM_UNPREPARE, WODM_WRITE, WODM_RESET, WODM_GETPOS, WOM_DONE);

    public static readonly WaveDirection Input = new(
        "widMessage", "Record", WIDM_GETNUMDEVS, WIDM_GETDEVCAPS, WIDM_OPEN, WIDM_CLOSE, WIDM_PREPARE,
        WIDM_UNPREPARE, WIDM_ADDBUFFER, WIDM_RESET, WIDM_GETPOS, WIM_DATA);

    private WaveDirection(string export, string mapperSetting, uint getNumDevs, uint getDevCaps, uint open,
        uint close, uint prepare, uint unprepare, uint queue, uint reset, uint getPosition, uint done)
    {
        Export = export;
        MapperSetting = mapperSetting;
        GetNumDevs = getNumDevs;
        GetDevCaps = getDevCaps;
        Open = open;
        Close = close;
        Prepare = prepare;
        Unprepare = unprepare;
        Queue = queue;
        Reset = reset;
        GetPosition = getPosition;
        Done = done;
    }

    /// <summary>The driver's entry point.</summary>
    public string Export { get; }

    /// <summary>The value of the <c>[Sound Mapper]</c> registry section naming the mapper's preferred device.</summary>
    public string MapperSetting { get; }

    public uint GetNumDevs { get; }

    public uint GetDevCaps { get; }

    public uint Open { get; }

    public uint Close { get; }

    public uint Prepare { get; }

    public uint Unprepare { get; }

    /// <summary>WODM_WRITE or WIDM_ADDBUFFER.</summary>
    public uint Queue { get; }

    public uint Reset { get; }

    public uint GetPosition { get; }

    /// <summary>The callback message that returns a buffer: WOM_DONE or WIM_DATA.</summary>
    public uint Done { get; }
}
