using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// ACMDRIVERDETAILSA: <see cref="ACMDRIVERDETAILS"/> with 1-byte strings, as programs built without _UNICODE (and .NET
/// callers with CharSet.Ansi) pass it to the undecorated acmDriverDetails of the msacm32 export library.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal unsafe struct ACMDRIVERDETAILSA
{
    public uint cbStruct;
    public uint fccType;
    public uint fccComp;
    public ushort wMid;
    public ushort wPid;
    public uint vdwACM;
    public uint vdwDriver;
    public uint fdwSupport;
    public uint cFormatTags;
    public uint cFilterTags;
    public nint hicon;
    public fixed byte szShortName[ACMDRIVERDETAILS.ACMDRIVERDETAILS_SHORTNAME_CHARS];
    public fixed byte szLongName[ACMDRIVERDETAILS.ACMDRIVERDETAILS_LONGNAME_CHARS];
    public fixed byte szCopyright[ACMDRIVERDETAILS.ACMDRIVERDETAILS_COPYRIGHT_CHARS];
    public fixed byte szLicensing[ACMDRIVERDETAILS.ACMDRIVERDETAILS_LICENSING_CHARS];
    public fixed byte szFeatures[ACMDRIVERDETAILS.ACMDRIVERDETAILS_FEATURES_CHARS];
}
