using System.Globalization;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers;

/// <summary>The names of message numbers in what the runtime tells a person: DRV_OPEN, DRV_USER+3, 0x0810.</summary>
internal static class DriverMessageNames
{
    /// <summary>The standard message's DRV_* name, DRV_USER+n, or the number in hexadecimal.</summary>
    public static string Format(uint message) => message switch
    {
        DRV_LOAD => nameof(DRV_LOAD),
        DRV_ENABLE => nameof(DRV_ENABLE),
        DRV_OPEN => nameof(DRV_OPEN),
        DRV_CLOSE => nameof(DRV_CLOSE),
        DRV_DISABLE => nameof(DRV_DISABLE),
        DRV_FREE => nameof(DRV_FREE),
        DRV_CONFIGURE => nameof(DRV_CONFIGURE),
        DRV_QUERYCONFIGURE => nameof(DRV_QUERYCONFIGURE),
        DRV_INSTALL => nameof(DRV_INSTALL),
        DRV_REMOVE => nameof(DRV_REMOVE),
        DRV_EXITSESSION => nameof(DRV_EXITSESSION),
        DRV_EXITAPPLICATION => nameof(DRV_EXITAPPLICATION),
        DRV_POWER => nameof(DRV_POWER),
        >= DRV_USER => string.Create(CultureInfo.InvariantCulture, $"DRV_USER+{message - DRV_USER}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"0x{message:X4}"),
    };

    /// <summary>True for the messages that open and close a driver, which get a deadline by default in a host process.</summary>
    public static bool IsLifecycle(uint message) => message is DRV_LOAD or DRV_ENABLE or DRV_OPEN or DRV_CLOSE or DRV_DISABLE or DRV_FREE;
}
