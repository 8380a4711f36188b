using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// lParam2 of DRV_OPEN when the ACM opens a codec driver (msacmdrv.h <c>ACMDRVOPENDESCW</c>). A driver refusing the
/// open sets <see cref="dwError"/> and returns 0. Packed to 1 byte: 44 bytes on 64-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct ACMDRVOPENDESC
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>The driver type asked for: <see cref="AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC"/> ('audc').</summary>
    public uint fccType;

    /// <summary>A subtype; unused and 0.</summary>
    public uint fccComp;

    /// <summary>The version of the ACM opening the driver.</summary>
    public uint dwVersion;

    /// <summary>Open flags.</summary>
    public uint dwFlags;

    /// <summary>Set by the driver when it refuses the open: an MMSYSERR_* code.</summary>
    public uint dwError;

    /// <summary>Pointer to the UTF-16 name of the registry section the driver is listed in.</summary>
    public nint pszSectionName;

    /// <summary>Pointer to the UTF-16 alias the driver is listed under.</summary>
    public nint pszAliasName;

    /// <summary>The plug-and-play device node, or 0.</summary>
    public uint dnDevNode;
}
