using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// One source and destination buffer pair of a conversion stream (msacm.h <c>ACMSTREAMHEADER</c>), packed to 1 byte.
/// This is the 64-bit layout, 124 bytes with 15 reserved DWORDs; a driver sees the same memory as
/// <see cref="ACMDRVSTREAMHEADER"/>, whose extra fields live in <see cref="dwReservedDriver"/>. (32-bit Windows has
/// 10 reserved DWORDs, 84 bytes; .NET on Linux and macOS is 64-bit.)
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMSTREAMHEADER
{
    /// <summary>DWORDs in <see cref="dwReservedDriver"/> (msacm.h's _DRVRESERVED on 64-bit).</summary>
    public const int _DRVRESERVED = 15;

    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>ACMSTREAMHEADER_STATUSF_* bits.</summary>
    public uint fdwStatus;

    /// <summary>The application's own value.</summary>
    public nuint dwUser;

    /// <summary>Pointer to the source data.</summary>
    public nint pbSrc;

    /// <summary>Bytes of source data.</summary>
    public uint cbSrcLength;

    /// <summary>Source bytes the conversion consumed.</summary>
    public uint cbSrcLengthUsed;

    /// <summary>The application's own value for the source buffer.</summary>
    public nuint dwSrcUser;

    /// <summary>Pointer to the destination buffer.</summary>
    public nint pbDst;

    /// <summary>Bytes of room in the destination buffer.</summary>
    public uint cbDstLength;

    /// <summary>Destination bytes the conversion wrote.</summary>
    public uint cbDstLengthUsed;

    /// <summary>The application's own value for the destination buffer.</summary>
    public nuint dwDstUser;

    /// <summary>Room for the driver's and the ACM's bookkeeping (<see cref="ACMDRVSTREAMHEADER"/>'s further fields).</summary>
    public fixed uint dwReservedDriver[_DRVRESERVED];
}
