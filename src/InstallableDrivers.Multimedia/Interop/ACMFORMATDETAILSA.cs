using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>ACMFORMATDETAILSA: <see cref="ACMFORMATDETAILS"/> with a 1-byte name, for the A form of acmFormatEnum.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal unsafe struct ACMFORMATDETAILSA
{
    public uint cbStruct;
    public uint dwFormatIndex;
    public uint dwFormatTag;
    public uint fdwSupport;
    public nint pwfx;
    public uint cbwfx;
    public fixed byte szFormat[ACMFORMATDETAILS.ACMFORMATDETAILS_FORMAT_CHARS];
}
