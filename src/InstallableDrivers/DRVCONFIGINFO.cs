using System.Runtime.InteropServices;

namespace InstallableDrivers;

/// <summary>
/// The configuration block passed in lParam2 of DRV_CONFIGURE and DRV_INSTALL: which registry section and alias
/// the driver is being configured under. Packed to 1 byte, as mmsystem.h packs it (20 bytes on 64-bit).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct DRVCONFIGINFO
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint dwDCISize;

    /// <summary>Pointer to the NUL-terminated UTF-16 section name.</summary>
    public nint lpszDCISectionName;

    /// <summary>Pointer to the NUL-terminated UTF-16 alias name.</summary>
    public nint lpszDCIAliasName;
}
