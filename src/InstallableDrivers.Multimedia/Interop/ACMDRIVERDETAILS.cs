using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// What a codec driver tells about itself in answer to ACMDM_DRIVER_DETAILS (msacm.h <c>ACMDRIVERDETAILSW</c>: the
/// UTF-16 form every driver receives). Packed to 1 byte as msacm.h packs it: 1804 bytes on 64-bit, 1800 on 32-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMDRIVERDETAILS
{
    /// <summary>Characters in <see cref="szShortName"/>.</summary>
    public const int ACMDRIVERDETAILS_SHORTNAME_CHARS = 32;

    /// <summary>Characters in <see cref="szLongName"/>.</summary>
    public const int ACMDRIVERDETAILS_LONGNAME_CHARS = 128;

    /// <summary>Characters in <see cref="szCopyright"/>.</summary>
    public const int ACMDRIVERDETAILS_COPYRIGHT_CHARS = 80;

    /// <summary>Characters in <see cref="szLicensing"/>.</summary>
    public const int ACMDRIVERDETAILS_LICENSING_CHARS = 128;

    /// <summary>Characters in <see cref="szFeatures"/>.</summary>
    public const int ACMDRIVERDETAILS_FEATURES_CHARS = 512;

    /// <summary>Bytes of the structure the caller provides; the driver fills no more and sets it to what it filled.</summary>
    public uint cbStruct;

    /// <summary>The driver type: <see cref="AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC"/> ('audc').</summary>
    public uint fccType;

    /// <summary>A subtype; unused and 0.</summary>
    public uint fccComp;

    /// <summary>Manufacturer id (0xFFFF, MM_UNMAPPED, when the driver has none registered).</summary>
    public ushort wMid;

    /// <summary>Product id.</summary>
    public ushort wPid;

    /// <summary>The ACM version the driver was written for: major in bits 24-31, minor in 16-23, build in 0-15.</summary>
    public uint vdwACM;

    /// <summary>The driver's own version, in the same form as <see cref="vdwACM"/>.</summary>
    public uint vdwDriver;

    /// <summary>What the driver does: <see cref="AcmDriverFlags"/> ACMDRIVERDETAILS_SUPPORTF_* bits.</summary>
    public uint fdwSupport;

    /// <summary>How many format tags the driver knows (ACMDM_FORMATTAG_DETAILS indices).</summary>
    public uint cFormatTags;

    /// <summary>How many filter tags the driver knows.</summary>
    public uint cFilterTags;

    /// <summary>The driver's icon, or 0.</summary>
    public nint hicon;

    /// <summary>A short name, NUL-terminated UTF-16.</summary>
    public fixed char szShortName[ACMDRIVERDETAILS_SHORTNAME_CHARS];

    /// <summary>A long, descriptive name, NUL-terminated UTF-16.</summary>
    public fixed char szLongName[ACMDRIVERDETAILS_LONGNAME_CHARS];

    /// <summary>The copyright notice, NUL-terminated UTF-16.</summary>
    public fixed char szCopyright[ACMDRIVERDETAILS_COPYRIGHT_CHARS];

    /// <summary>The licensing terms, NUL-terminated UTF-16.</summary>
    public fixed char szLicensing[ACMDRIVERDETAILS_LICENSING_CHARS];

    /// <summary>What the driver can do, in words, NUL-terminated UTF-16.</summary>
    public fixed char szFeatures[ACMDRIVERDETAILS_FEATURES_CHARS];

    /// <summary><see cref="szShortName"/> as a string.</summary>
    public readonly string ShortName
    {
        get
        {
            fixed (char* text = szShortName)
            {
                return FixedName.Read(new ReadOnlySpan<char>(text, ACMDRIVERDETAILS_SHORTNAME_CHARS));
            }
        }
    }

    /// <summary><see cref="szLongName"/> as a string.</summary>
    public readonly string LongName
    {
        get
        {
            fixed (char* text = szLongName)
            {
                return FixedName.Read(new ReadOnlySpan<char>(text, ACMDRIVERDETAILS_LONGNAME_CHARS));
            }
        }
    }

    /// <summary><see cref="szFeatures"/> as a string.</summary>
    public readonly string Features
    {
        get
        {
            fixed (char* text = szFeatures)
            {
                return FixedName.Read(new ReadOnlySpan<char>(text, ACMDRIVERDETAILS_FEATURES_CHARS));
            }
        }
    }
}
