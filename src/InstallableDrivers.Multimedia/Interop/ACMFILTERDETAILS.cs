using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// One filter of a filter tag, in ACMDM_FILTER_DETAILS (msacm.h <c>ACMFILTERDETAILSW</c>): by index the driver fills
/// <see cref="pwfltr"/>; by filter it describes the one there. Packed to 1 byte: 284 bytes on 64-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMFILTERDETAILS
{
    /// <summary>Characters in <see cref="szFilter"/>.</summary>
    public const int ACMFILTERDETAILS_FILTER_CHARS = 128;

    /// <summary>Bytes of the structure the caller provides.</summary>
    public uint cbStruct;

    /// <summary>The filter's index among its tag's standard filters (ACM_FILTERDETAILSF_INDEX).</summary>
    public uint dwFilterIndex;

    /// <summary>The WAVE_FILTER_* tag.</summary>
    public uint dwFilterTag;

    /// <summary>ACMDRIVERDETAILS_SUPPORTF_* bits for this filter.</summary>
    public uint fdwSupport;

    /// <summary>Pointer to the caller's <see cref="WAVEFILTER"/> buffer.</summary>
    public nint pwfltr;

    /// <summary>The size of that buffer in bytes.</summary>
    public uint cbwfltr;

    /// <summary>The filter described in words, NUL-terminated UTF-16.</summary>
    public fixed char szFilter[ACMFILTERDETAILS_FILTER_CHARS];
}
