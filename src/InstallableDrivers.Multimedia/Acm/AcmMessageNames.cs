using static InstallableDrivers.Multimedia.Interop.AcmMessages;

namespace InstallableDrivers.Multimedia;

/// <summary>The msacmdrv.h name of each message the ACM sends a codec driver, for crash reports ("during ACMDM_STREAM_CONVERT").</summary>
internal static class AcmMessageNames
{
    /// <summary>The name of an ACMDM_* message, or null for any other number (DRV_* and private messages keep the core's names).</summary>
    public static string? Of(uint message) => message switch
    {
        ACMDM_DRIVER_NOTIFY => nameof(ACMDM_DRIVER_NOTIFY),
        ACMDM_DRIVER_DETAILS => nameof(ACMDM_DRIVER_DETAILS),
        ACMDM_DRIVER_ABOUT => nameof(ACMDM_DRIVER_ABOUT),
        ACMDM_HARDWARE_WAVE_CAPS_INPUT => nameof(ACMDM_HARDWARE_WAVE_CAPS_INPUT),
        ACMDM_HARDWARE_WAVE_CAPS_OUTPUT => nameof(ACMDM_HARDWARE_WAVE_CAPS_OUTPUT),
        ACMDM_FORMATTAG_DETAILS => nameof(ACMDM_FORMATTAG_DETAILS),
        ACMDM_FORMAT_DETAILS => nameof(ACMDM_FORMAT_DETAILS),
        ACMDM_FORMAT_SUGGEST => nameof(ACMDM_FORMAT_SUGGEST),
        ACMDM_FILTERTAG_DETAILS => nameof(ACMDM_FILTERTAG_DETAILS),
        ACMDM_FILTER_DETAILS => nameof(ACMDM_FILTER_DETAILS),
        ACMDM_STREAM_OPEN => nameof(ACMDM_STREAM_OPEN),
        ACMDM_STREAM_CLOSE => nameof(ACMDM_STREAM_CLOSE),
        ACMDM_STREAM_SIZE => nameof(ACMDM_STREAM_SIZE),
        ACMDM_STREAM_CONVERT => nameof(ACMDM_STREAM_CONVERT),
        ACMDM_STREAM_RESET => nameof(ACMDM_STREAM_RESET),
        ACMDM_STREAM_PREPARE => nameof(ACMDM_STREAM_PREPARE),
        ACMDM_STREAM_UNPREPARE => nameof(ACMDM_STREAM_UNPREPARE),
        ACMDM_STREAM_UPDATE => nameof(ACMDM_STREAM_UPDATE),
        _ => null,
    };
}
