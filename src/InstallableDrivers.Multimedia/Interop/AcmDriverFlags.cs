namespace InstallableDrivers.Multimedia.Interop;

/// <summary>Flags and values about ACM drivers (msacm.h): what a driver supports, and how drivers are added, enumerated and prioritised.</summary>
public static class AcmDriverFlags
{
    /// <summary>The FOURCC 'audc': the driver type of an audio codec (ACMDRIVERDETAILS and ACMDRVOPENDESC fccType).</summary>
    public const uint ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC = 0x63647561;

    /// <summary>The FOURCC of no subtype.</summary>
    public const uint ACMDRIVERDETAILS_FCCCOMP_UNDEFINED = 0;

    /// <summary>Converts between format tags.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_CODEC = 0x00000001;

    /// <summary>Converts within one format tag.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_CONVERTER = 0x00000002;

    /// <summary>Changes data without changing its format.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_FILTER = 0x00000004;

    /// <summary>Has hardware wave input or output.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_HARDWARE = 0x00000008;

    /// <summary>Converts asynchronously.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_ASYNC = 0x00000010;

    /// <summary>Set by the ACM: the driver was added for this process only.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_LOCAL = 0x40000000;

    /// <summary>Set by the ACM: the driver is disabled.</summary>
    public const uint ACMDRIVERDETAILS_SUPPORTF_DISABLED = 0x80000000;

    /// <summary>acmDriverAdd: lParam names a registry value.</summary>
    public const uint ACM_DRIVERADDF_NAME = 0x00000001;

    /// <summary>acmDriverAdd: lParam is a DriverProc function of the caller's.</summary>
    public const uint ACM_DRIVERADDF_FUNCTION = 0x00000003;

    /// <summary>acmDriverAdd: lParam is a window to notify.</summary>
    public const uint ACM_DRIVERADDF_NOTIFYHWND = 0x00000004;

    /// <summary>acmDriverAdd: the bits that say what lParam is.</summary>
    public const uint ACM_DRIVERADDF_TYPEMASK = 0x00000007;

    /// <summary>acmDriverAdd: for this process only.</summary>
    public const uint ACM_DRIVERADDF_LOCAL = 0x00000000;

    /// <summary>acmDriverAdd: for every process.</summary>
    public const uint ACM_DRIVERADDF_GLOBAL = 0x00000008;

    /// <summary>acmDriverEnum: leave out drivers added for this process only.</summary>
    public const uint ACM_DRIVERENUMF_NOLOCAL = 0x40000000;

    /// <summary>acmDriverEnum: include disabled drivers.</summary>
    public const uint ACM_DRIVERENUMF_DISABLED = 0x80000000;

    /// <summary>acmDriverPriority: enable the driver.</summary>
    public const uint ACM_DRIVERPRIORITYF_ENABLE = 0x00000001;

    /// <summary>acmDriverPriority: disable the driver.</summary>
    public const uint ACM_DRIVERPRIORITYF_DISABLE = 0x00000002;

    /// <summary>acmDriverPriority: the enable/disable bits.</summary>
    public const uint ACM_DRIVERPRIORITYF_ABLEMASK = 0x00000003;

    /// <summary>acmDriverPriority: defer change notifications.</summary>
    public const uint ACM_DRIVERPRIORITYF_BEGIN = 0x00010000;

    /// <summary>acmDriverPriority: send the deferred notifications.</summary>
    public const uint ACM_DRIVERPRIORITYF_END = 0x00020000;

    /// <summary>acmDriverPriority: the deferral bits.</summary>
    public const uint ACM_DRIVERPRIORITYF_DEFERMASK = 0x00030000;
}
