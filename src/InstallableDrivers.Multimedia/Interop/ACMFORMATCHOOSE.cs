using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// The argument of acmFormatChoose (msacm.h <c>ACMFORMATCHOOSEW</c>): how to set up the format chooser dialog, and the
/// format the user chose. Packed to 1 byte.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMFORMATCHOOSE
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>ACMFORMATCHOOSE_STYLEF_* flags.</summary>
    public uint fdwStyle;

    /// <summary>The dialog's owner window, or 0.</summary>
    public nint hwndOwner;

    /// <summary>Pointer to the WAVEFORMATEX that receives the chosen format (and may hold an initial one).</summary>
    public nint pwfx;

    /// <summary>The room at <see cref="pwfx"/> in bytes.</summary>
    public uint cbwfx;

    /// <summary>The dialog's title (UTF-16), or 0.</summary>
    public nint pszTitle;

    /// <summary>Receives the chosen format tag's name.</summary>
    public fixed char szFormatTag[ACMFORMATTAGDETAILS.ACMFORMATTAGDETAILS_FORMATTAG_CHARS];

    /// <summary>Receives the chosen format's description.</summary>
    public fixed char szFormat[ACMFORMATDETAILS.ACMFORMATDETAILS_FORMAT_CHARS];

    /// <summary>Buffer for a user-defined name of the chosen format, or 0.</summary>
    public nint pszName;

    /// <summary>Characters at <see cref="pszName"/>.</summary>
    public uint cchName;

    /// <summary>ACM_FORMATENUMF_* restrictions on the formats listed.</summary>
    public uint fdwEnum;

    /// <summary>The format the restrictions read, or 0.</summary>
    public nint pwfxEnum;

    /// <summary>The module holding <see cref="pszTemplateName"/>.</summary>
    public nint hInstance;

    /// <summary>A dialog template replacing the standard one, or 0.</summary>
    public nint pszTemplateName;

    /// <summary>The application's value for the hook function.</summary>
    public nint lCustData;

    /// <summary>A hook function for the dialog's messages, or 0.</summary>
    public nint pfnHook;
}
