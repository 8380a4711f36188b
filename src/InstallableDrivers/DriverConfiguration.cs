using System.Runtime.InteropServices;

namespace InstallableDrivers;

/// <summary>
/// The registry section and alias a driver is being installed or configured under: the content of the DRVCONFIGINFO
/// that DRV_INSTALL and DRV_CONFIGURE carry in lParam2.
/// </summary>
/// <param name="Section">The section name, or null when none was passed.</param>
/// <param name="Alias">The alias, or null when none was passed.</param>
public sealed record DriverConfiguration(string? Section, string? Alias)
{
    /// <summary>Reads a DRVCONFIGINFO (or DRVCONFIGINFOEX) from native memory; an absent or too-small block yields nulls.</summary>
    /// <param name="configInfo">lParam2 of DRV_INSTALL or DRV_CONFIGURE: a pointer to the block, or 0.</param>
    /// <returns>The section and alias it names.</returns>
    public static unsafe DriverConfiguration FromPointer(nint configInfo)
    {
        if (configInfo == 0)
        {
            return new DriverConfiguration(null, null);
        }

        var info = (DRVCONFIGINFO*)configInfo;
        // dwDCISize says how much of the block the sender filled in; never read past it.
        return info->dwDCISize < sizeof(DRVCONFIGINFO)
            ? new DriverConfiguration(null, null)
            : new DriverConfiguration(Marshal.PtrToStringUni(info->lpszDCISectionName), Marshal.PtrToStringUni(info->lpszDCIAliasName));
    }
}
