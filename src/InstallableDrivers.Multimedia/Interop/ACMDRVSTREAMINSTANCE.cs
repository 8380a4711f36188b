using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// One conversion stream as the driver sees it (msacmdrv.h <c>ACMDRVSTREAMINSTANCE</c>, lParam1 of every
/// ACMDM_STREAM_* message). Packed to 1 byte: 68 bytes on 64-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct ACMDRVSTREAMINSTANCE
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>Pointer to the source WAVEFORMATEX.</summary>
    public nint pwfxSrc;

    /// <summary>Pointer to the destination WAVEFORMATEX.</summary>
    public nint pwfxDst;

    /// <summary>Pointer to the WAVEFILTER of a filter stream, or 0.</summary>
    public nint pwfltr;

    /// <summary>The callback given to acmStreamOpen.</summary>
    public nuint dwCallback;

    /// <summary>The callback's instance value.</summary>
    public nuint dwInstance;

    /// <summary>ACM_STREAMOPENF_* and CALLBACK_* flags.</summary>
    public uint fdwOpen;

    /// <summary>The driver's own flags, kept from ACMDM_STREAM_OPEN to ACMDM_STREAM_CLOSE.</summary>
    public uint fdwDriver;

    /// <summary>The driver's own value, typically its per-stream state, kept from open to close.</summary>
    public nuint dwDriver;

    /// <summary>The stream's handle (HACMSTREAM).</summary>
    public nint has;
}
