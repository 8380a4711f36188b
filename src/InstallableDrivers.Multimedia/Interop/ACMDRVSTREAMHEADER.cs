using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// A stream header as the driver sees it (msacmdrv.h <c>ACMDRVSTREAMHEADER</c>, lParam2 of ACMDM_STREAM_CONVERT):
/// the same memory as the application's <see cref="ACMSTREAMHEADER"/>, its reserved DWORDs spelled out. Packed to 1
/// byte: 124 bytes on 64-bit, exactly the size of <see cref="ACMSTREAMHEADER"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct ACMDRVSTREAMHEADER
{
    /// <summary>The size of the header in bytes.</summary>
    public uint cbStruct;

    /// <summary>ACMSTREAMHEADER_STATUSF_* bits.</summary>
    public uint fdwStatus;

    /// <summary>The application's own value.</summary>
    public nuint dwUser;

    /// <summary>Pointer to the source data.</summary>
    public nint pbSrc;

    /// <summary>Bytes of source data.</summary>
    public uint cbSrcLength;

    /// <summary>Set by the driver: source bytes consumed.</summary>
    public uint cbSrcLengthUsed;

    /// <summary>The application's own value for the source buffer.</summary>
    public nuint dwSrcUser;

    /// <summary>Pointer to the destination buffer.</summary>
    public nint pbDst;

    /// <summary>Bytes of room in the destination buffer.</summary>
    public uint cbDstLength;

    /// <summary>Set by the driver: destination bytes written.</summary>
    public uint cbDstLengthUsed;

    /// <summary>The application's own value for the destination buffer.</summary>
    public nuint dwDstUser;

    /// <summary>The ACM_STREAMCONVERTF_* flags of this conversion.</summary>
    public uint fdwConvert;

    /// <summary>The next header, for a driver that queues headers (asynchronous conversion).</summary>
    public nint padshNext;

    /// <summary>The driver's own flags.</summary>
    public uint fdwDriver;

    /// <summary>The driver's own value.</summary>
    public nuint dwDriver;

    /// <summary>The ACM's bookkeeping: the prepare flags.</summary>
    public uint fdwPrepared;

    /// <summary>The ACM's bookkeeping: the stream the header was prepared for.</summary>
    public nuint dwPrepared;

    /// <summary>The ACM's bookkeeping: the source buffer as prepared.</summary>
    public nint pbPreparedSrc;

    /// <summary>The ACM's bookkeeping: the source length as prepared.</summary>
    public uint cbPreparedSrcLength;

    /// <summary>The ACM's bookkeeping: the destination buffer as prepared.</summary>
    public nint pbPreparedDst;

    /// <summary>The ACM's bookkeeping: the destination length as prepared.</summary>
    public uint cbPreparedDstLength;
}
