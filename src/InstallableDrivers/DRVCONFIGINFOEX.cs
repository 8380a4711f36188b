using System.Runtime.InteropServices;

namespace InstallableDrivers;

/// <summary>
/// <see cref="DRVCONFIGINFO"/> with the device node of a plug-and-play driver. Packed to 1 byte (24 bytes on 64-bit).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct DRVCONFIGINFOEX
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint dwDCISize;

    /// <summary>Pointer to the NUL-terminated UTF-16 section name.</summary>
    public nint lpszDCISectionName;

    /// <summary>Pointer to the NUL-terminated UTF-16 alias name.</summary>
    public nint lpszDCIAliasName;

    /// <summary>The device node id.</summary>
    public uint dnDevNode;
}
