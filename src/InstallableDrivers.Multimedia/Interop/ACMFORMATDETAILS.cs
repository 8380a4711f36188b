using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// One format of a tag, in ACMDM_FORMAT_DETAILS (msacm.h <c>ACMFORMATDETAILSW</c>): by index the driver fills
/// <see cref="pwfx"/>; by format it describes the one there. Packed to 1 byte: 284 bytes on 64-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMFORMATDETAILS
{
    /// <summary>Characters in <see cref="szFormat"/>.</summary>
    public const int ACMFORMATDETAILS_FORMAT_CHARS = 128;

    /// <summary>Bytes of the structure the caller provides.</summary>
    public uint cbStruct;

    /// <summary>The format's index among its tag's standard formats (ACM_FORMATDETAILSF_INDEX).</summary>
    public uint dwFormatIndex;

    /// <summary>The WAVE_FORMAT_* tag.</summary>
    public uint dwFormatTag;

    /// <summary>ACMDRIVERDETAILS_SUPPORTF_* bits for this format.</summary>
    public uint fdwSupport;

    /// <summary>Pointer to the caller's WAVEFORMATEX buffer.</summary>
    public nint pwfx;

    /// <summary>The size of that buffer in bytes.</summary>
    public uint cbwfx;

    /// <summary>The format described in words, NUL-terminated UTF-16.</summary>
    public fixed char szFormat[ACMFORMATDETAILS_FORMAT_CHARS];

    /// <summary><see cref="szFormat"/> as a string.</summary>
    public readonly string FormatName
    {
        get
        {
            fixed (char* text = szFormat)
            {
                return FixedName.Read(new ReadOnlySpan<char>(text, ACMFORMATDETAILS_FORMAT_CHARS));
            }
        }
    }
}
