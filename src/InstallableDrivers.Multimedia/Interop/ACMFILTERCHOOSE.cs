using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// The argument of acmFilterChoose (msacm.h <c>ACMFILTERCHOOSEW</c>): how to set up the filter chooser dialog, and the
/// filter the user chose. Packed to 1 byte.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct ACMFILTERCHOOSE
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>ACMFILTERCHOOSE_STYLEF_* flags.</summary>
    public uint fdwStyle;

    /// <summary>The dialog's owner window, or 0.</summary>
    public nint hwndOwner;

    /// <summary>Pointer to the WAVEFILTER that receives the chosen filter (and may hold an initial one).</summary>
    public nint pwfltr;

    /// <summary>The room at <see cref="pwfltr"/> in bytes.</summary>
    public uint cbwfltr;

    /// <summary>The dialog's title (UTF-16), or 0.</summary>
    public nint pszTitle;

    /// <summary>Receives the chosen filter tag's name.</summary>
    public fixed char szFilterTag[ACMFILTERTAGDETAILS.ACMFILTERTAGDETAILS_FILTERTAG_CHARS];

    /// <summary>Receives the chosen filter's description.</summary>
    public fixed char szFilter[ACMFILTERDETAILS.ACMFILTERDETAILS_FILTER_CHARS];

    /// <summary>Buffer for a user-defined name of the chosen filter, or 0.</summary>
    public nint pszName;

    /// <summary>Characters at <see cref="pszName"/>.</summary>
    public uint cchName;

    /// <summary>ACM_FILTERENUMF_* restrictions on the filters listed.</summary>
    public uint fdwEnum;

    /// <summary>The filter the restrictions read, or 0.</summary>
    public nint pwfltrEnum;

    /// <summary>The module holding <see cref="pszTemplateName"/>.</summary>
    public nint hInstance;

    /// <summary>A dialog template replacing the standard one, or 0.</summary>
    public nint pszTemplateName;

    /// <summary>The application's value for the hook function.</summary>
    public nint lCustData;

    /// <summary>A hook function for the dialog's messages, or 0.</summary>
    public nint pfnHook;
}
