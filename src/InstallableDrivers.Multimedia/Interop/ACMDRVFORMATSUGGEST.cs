using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// lParam1 of ACMDM_FORMAT_SUGGEST (msacmdrv.h <c>ACMDRVFORMATSUGGEST</c>): the driver completes the destination format
/// for a conversion from the source one. Packed to 1 byte: 32 bytes on 64-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct ACMDRVFORMATSUGGEST
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>ACM_FORMATSUGGESTF_* bits: the destination fields the caller has already fixed.</summary>
    public uint fdwSuggest;

    /// <summary>Pointer to the source WAVEFORMATEX.</summary>
    public nint pwfxSrc;

    /// <summary>The source format's size in bytes.</summary>
    public uint cbwfxSrc;

    /// <summary>Pointer to the destination WAVEFORMATEX, which the driver fills.</summary>
    public nint pwfxDst;

    /// <summary>The room at <see cref="pwfxDst"/> in bytes.</summary>
    public uint cbwfxDst;
}
