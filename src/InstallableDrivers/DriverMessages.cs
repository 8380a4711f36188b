namespace InstallableDrivers;

/// <summary>
/// The message numbers and result codes of the installable-driver model, under their Win32 names
/// (mmsystem.h / mmiscapi.h; the contract's section 2).
/// </summary>
public static class DriverMessages
{
    /// <summary>Sent once when a driver module is loaded, before its first instance opens. Nonzero accepts the load.</summary>
    public const uint DRV_LOAD = 0x0001;

    /// <summary>Sent after <see cref="DRV_LOAD"/> succeeds; the driver becomes active. The result is ignored.</summary>
    public const uint DRV_ENABLE = 0x0002;

    /// <summary>Opens an instance: lParam1 is the args text (UTF-16) or 0, lParam2 the caller's lParam. The result becomes the instance's driver id; 0 refuses.</summary>
    public const uint DRV_OPEN = 0x0003;

    /// <summary>Closes an instance. lParam1 and lParam2 are the CloseDriver arguments; the result is ignored.</summary>
    public const uint DRV_CLOSE = 0x0004;

    /// <summary>Sent after the last instance of a module closed, before <see cref="DRV_FREE"/>.</summary>
    public const uint DRV_DISABLE = 0x0005;

    /// <summary>The last message a module receives before it is unloaded.</summary>
    public const uint DRV_FREE = 0x0006;

    /// <summary>Asks the driver to show its configuration; lParam2 points to a <see cref="DRVCONFIGINFO"/>. Returns a DRVCNF_* value.</summary>
    public const uint DRV_CONFIGURE = 0x0007;

    /// <summary>Asks whether the driver supports <see cref="DRV_CONFIGURE"/>: nonzero if it does.</summary>
    public const uint DRV_QUERYCONFIGURE = 0x0008;

    /// <summary>Sent when the driver is installed; lParam2 points to a <see cref="DRVCONFIGINFO"/>. Returns a DRVCNF_* value.</summary>
    public const uint DRV_INSTALL = 0x0009;

    /// <summary>Sent when the driver is removed from the registry.</summary>
    public const uint DRV_REMOVE = 0x000A;

    /// <summary>Sent when the session ends.</summary>
    public const uint DRV_EXITSESSION = 0x000B;

    /// <summary>Sent when the application ends; lParam1 is <see cref="DRVEA_NORMALEXIT"/> or <see cref="DRVEA_ABNORMALEXIT"/>.</summary>
    public const uint DRV_EXITAPPLICATION = 0x000C;

    /// <summary>Power management notification.</summary>
    public const uint DRV_POWER = 0x000F;

    /// <summary>The first message number reserved for the system.</summary>
    public const uint DRV_RESERVED = 0x0800;

    /// <summary>The first message number of the MCI driver range.</summary>
    public const uint DRV_MCI_FIRST = DRV_RESERVED;

    /// <summary>The last message number of the MCI driver range.</summary>
    public const uint DRV_MCI_LAST = DRV_RESERVED + 0xFFF;

    /// <summary>The first message number a driver may define for itself (custom messages are DRV_USER + n).</summary>
    public const uint DRV_USER = 0x4000;

    /// <summary>Configuration result: the user cancelled.</summary>
    public const int DRVCNF_CANCEL = 0;

    /// <summary>Configuration result: done.</summary>
    public const int DRVCNF_OK = 1;

    /// <summary>Configuration result: done, but a restart is needed for it to take effect.</summary>
    public const int DRVCNF_RESTART = 2;

    /// <summary>The old name of <see cref="DRVCNF_CANCEL"/>.</summary>
    public const int DRV_CANCEL = DRVCNF_CANCEL;

    /// <summary>The old name of <see cref="DRVCNF_OK"/>.</summary>
    public const int DRV_OK = DRVCNF_OK;

    /// <summary>The old name of <see cref="DRVCNF_RESTART"/>.</summary>
    public const int DRV_RESTART = DRVCNF_RESTART;

    /// <summary>The conventional success result of a lifecycle message.</summary>
    public const int DRV_SUCCESS = 1;

    /// <summary>The conventional failure result of a lifecycle message.</summary>
    public const int DRV_FAILURE = 0;

    /// <summary><see cref="DRV_EXITAPPLICATION"/>: the application ended normally.</summary>
    public const int DRVEA_NORMALEXIT = 1;

    /// <summary><see cref="DRV_EXITAPPLICATION"/>: the application ended abnormally.</summary>
    public const int DRVEA_ABNORMALEXIT = 2;

    /// <summary>DriverCallback type: no callback.</summary>
    public const uint DCB_NULL = 0;

    /// <summary>DriverCallback type: the callback value is a window handle to post the message to.</summary>
    public const uint DCB_WINDOW = 1;

    /// <summary>DriverCallback type: the callback value is a thread id to post the message to.</summary>
    public const uint DCB_TASK = 2;

    /// <summary>DriverCallback type: the callback value is a function to call.</summary>
    public const uint DCB_FUNCTION = 3;

    /// <summary>DriverCallback type: the callback value names an event to signal.</summary>
    public const uint DCB_EVENT = 5;

    /// <summary>The bits of the DriverCallback flags that hold the type.</summary>
    public const uint DCB_TYPEMASK = 7;

    /// <summary>Historical flag (do not switch stacks); ignored.</summary>
    public const uint DCB_NOSWITCH = 8;

    /// <summary>CALLBACK_* open flags are the DCB_* types shifted into the high word.</summary>
    public const uint CALLBACK_TYPEMASK = DCB_TYPEMASK << 16;

    /// <summary>Open flag: no callback.</summary>
    public const uint CALLBACK_NULL = DCB_NULL << 16;

    /// <summary>Open flag: the callback is a window handle.</summary>
    public const uint CALLBACK_WINDOW = DCB_WINDOW << 16;

    /// <summary>Open flag: the callback is a thread id.</summary>
    public const uint CALLBACK_TASK = DCB_TASK << 16;

    /// <summary>Open flag: the callback is a function.</summary>
    public const uint CALLBACK_FUNCTION = DCB_FUNCTION << 16;

    /// <summary>Open flag: the callback is an event.</summary>
    public const uint CALLBACK_EVENT = DCB_EVENT << 16;
}
