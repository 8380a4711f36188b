using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// One format tag a codec knows, in answer to ACMDM_FORMATTAG_DETAILS (msacm.h <c>ACMFORMATTAGDETAILSW</c>). Packed
/// to 1 byte: 120 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMFORMATTAGDETAILS
{
    /// <summary>Characters in <see cref="szFormatTag"/>.</summary>
    public const int ACMFORMATTAGDETAILS_FORMATTAG_CHARS = 48;

    /// <summary>Bytes of the structure the caller provides.</summary>
    public uint cbStruct;

    /// <summary>The tag's index, 0 to the driver's cFormatTags - 1 (asked by ACM_FORMATTAGDETAILSF_INDEX).</summary>
    public uint dwFormatTagIndex;

    /// <summary>The WAVE_FORMAT_* tag (asked by ACM_FORMATTAGDETAILSF_FORMATTAG).</summary>
    public uint dwFormatTag;

    /// <summary>The size in bytes of the largest format of this tag.</summary>
    public uint cbFormatSize;

    /// <summary>ACMDRIVERDETAILS_SUPPORTF_* bits for this tag.</summary>
    public uint fdwSupport;

    /// <summary>How many standard formats of this tag ACMDM_FORMAT_DETAILS lists by index.</summary>
    public uint cStandardFormats;

    /// <summary>The tag's name, NUL-terminated UTF-16.</summary>
    public fixed char szFormatTag[ACMFORMATTAGDETAILS_FORMATTAG_CHARS];

    /// <summary><see cref="szFormatTag"/> as a string.</summary>
    public readonly string FormatTagName
    {
        get
        {
            fixed (char* text = szFormatTag)
            {
                return FixedName.Read(new ReadOnlySpan<char>(text, ACMFORMATTAGDETAILS_FORMATTAG_CHARS));
            }
        }
    }
}
