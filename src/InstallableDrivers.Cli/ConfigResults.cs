using System.Globalization;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Cli;

/// <summary>The DRVCNF_* results of DRV_INSTALL and DRV_CONFIGURE, by name.</summary>
internal static class ConfigResults
{
    public static string Name(nint result) => result switch
    {
        DRVCNF_CANCEL => "DRVCNF_CANCEL",
        DRVCNF_OK => "DRVCNF_OK",
        DRVCNF_RESTART => "DRVCNF_RESTART",
        _ => result.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What the user should do after a DRVCNF_RESTART.</summary>
    public const string RestartAdvice = "the driver asks for a restart (DRVCNF_RESTART): restart the programs that use it for the change to take effect.";
}
