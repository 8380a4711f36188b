using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// One filter tag a driver knows, in answer to ACMDM_FILTERTAG_DETAILS (msacm.h <c>ACMFILTERTAGDETAILSW</c>). Packed
/// to 1 byte: 120 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMFILTERTAGDETAILS
{
    /// <summary>Characters in <see cref="szFilterTag"/>.</summary>
    public const int ACMFILTERTAGDETAILS_FILTERTAG_CHARS = 48;

    /// <summary>Bytes of the structure the caller provides.</summary>
    public uint cbStruct;

    /// <summary>The tag's index, 0 to the driver's cFilterTags - 1 (asked by ACM_FILTERTAGDETAILSF_INDEX).</summary>
    public uint dwFilterTagIndex;

    /// <summary>The WAVE_FILTER_* tag (asked by ACM_FILTERTAGDETAILSF_FILTERTAG).</summary>
    public uint dwFilterTag;

    /// <summary>The size in bytes of the largest filter of this tag.</summary>
    public uint cbFilterSize;

    /// <summary>ACMDRIVERDETAILS_SUPPORTF_* bits for this tag.</summary>
    public uint fdwSupport;

    /// <summary>How many standard filters of this tag ACMDM_FILTER_DETAILS lists by index.</summary>
    public uint cStandardFilters;

    /// <summary>The tag's name, NUL-terminated UTF-16.</summary>
    public fixed char szFilterTag[ACMFILTERTAGDETAILS_FILTERTAG_CHARS];
}
