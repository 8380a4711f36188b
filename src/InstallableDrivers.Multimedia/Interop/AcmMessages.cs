namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The ACM driver messages (msacm.h and msacmdrv.h ACMDM_*): what the ACM sends a codec driver's DriverProc.</summary>
public static class AcmMessages
{
    /// <summary>The first of a driver's private messages.</summary>
    public const uint ACMDM_USER = InstallableDrivers.DriverMessages.DRV_USER + 0x0000;

    /// <summary>The first message of the range the ACM reserves for itself.</summary>
    public const uint ACMDM_RESERVED_LOW = InstallableDrivers.DriverMessages.DRV_USER + 0x2000;

    /// <summary>The last message of the range the ACM reserves for itself.</summary>
    public const uint ACMDM_RESERVED_HIGH = InstallableDrivers.DriverMessages.DRV_USER + 0x2FFF;

    /// <summary>The base the ACM's messages count from.</summary>
    public const uint ACMDM_BASE = ACMDM_RESERVED_LOW;

    /// <summary>Tells the driver that the ACM's driver list or settings changed.</summary>
    public const uint ACMDM_DRIVER_NOTIFY = ACMDM_BASE + 1;

    /// <summary>lParam1: an <see cref="ACMDRIVERDETAILS"/> for the driver to fill.</summary>
    public const uint ACMDM_DRIVER_DETAILS = ACMDM_BASE + 10;

    /// <summary>Show an about box (lParam1: parent window; -1 asks whether there is one). MMSYSERR_NOTSUPPORTED lets the ACM show its own.</summary>
    public const uint ACMDM_DRIVER_ABOUT = ACMDM_BASE + 11;

    /// <summary>Capabilities of a hardware codec's wave input.</summary>
    public const uint ACMDM_HARDWARE_WAVE_CAPS_INPUT = ACMDM_BASE + 20;

    /// <summary>Capabilities of a hardware codec's wave output.</summary>
    public const uint ACMDM_HARDWARE_WAVE_CAPS_OUTPUT = ACMDM_BASE + 21;

    /// <summary>lParam1: an <see cref="ACMFORMATTAGDETAILS"/>; lParam2: ACM_FORMATTAGDETAILSF_*.</summary>
    public const uint ACMDM_FORMATTAG_DETAILS = ACMDM_BASE + 25;

    /// <summary>lParam1: an <see cref="ACMFORMATDETAILS"/>; lParam2: ACM_FORMATDETAILSF_*.</summary>
    public const uint ACMDM_FORMAT_DETAILS = ACMDM_BASE + 26;

    /// <summary>lParam1: an <see cref="ACMDRVFORMATSUGGEST"/>.</summary>
    public const uint ACMDM_FORMAT_SUGGEST = ACMDM_BASE + 27;

    /// <summary>lParam1: an ACMFILTERTAGDETAILSW; lParam2: ACM_FILTERTAGDETAILSF_*.</summary>
    public const uint ACMDM_FILTERTAG_DETAILS = ACMDM_BASE + 50;

    /// <summary>lParam1: an ACMFILTERDETAILSW; lParam2: ACM_FILTERDETAILSF_*.</summary>
    public const uint ACMDM_FILTER_DETAILS = ACMDM_BASE + 51;

    /// <summary>lParam1: the <see cref="ACMDRVSTREAMINSTANCE"/> of a stream to open (or, with ACM_STREAMOPENF_QUERY, to ask about).</summary>
    public const uint ACMDM_STREAM_OPEN = ACMDM_BASE + 76;

    /// <summary>lParam1: the <see cref="ACMDRVSTREAMINSTANCE"/> of a stream to close.</summary>
    public const uint ACMDM_STREAM_CLOSE = ACMDM_BASE + 77;

    /// <summary>lParam1: the <see cref="ACMDRVSTREAMINSTANCE"/>; lParam2: an <see cref="ACMDRVSTREAMSIZE"/>.</summary>
    public const uint ACMDM_STREAM_SIZE = ACMDM_BASE + 78;

    /// <summary>lParam1: the <see cref="ACMDRVSTREAMINSTANCE"/>; lParam2: the <see cref="ACMDRVSTREAMHEADER"/> to convert.</summary>
    public const uint ACMDM_STREAM_CONVERT = ACMDM_BASE + 79;

    /// <summary>Stop pending conversions of a stream.</summary>
    public const uint ACMDM_STREAM_RESET = ACMDM_BASE + 80;

    /// <summary>Prepare a header; MMSYSERR_NOTSUPPORTED lets the ACM do it.</summary>
    public const uint ACMDM_STREAM_PREPARE = ACMDM_BASE + 81;

    /// <summary>Unprepare a header; MMSYSERR_NOTSUPPORTED lets the ACM do it.</summary>
    public const uint ACMDM_STREAM_UNPREPARE = ACMDM_BASE + 82;

    /// <summary>Sent while a stream converts, for drivers that need it.</summary>
    public const uint ACMDM_STREAM_UPDATE = ACMDM_BASE + 83;
}
