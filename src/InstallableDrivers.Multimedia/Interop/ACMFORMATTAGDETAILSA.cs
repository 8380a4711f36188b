using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>ACMFORMATTAGDETAILSA: <see cref="ACMFORMATTAGDETAILS"/> with a 1-byte name, for the A form of acmFormatTagEnum.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal unsafe struct ACMFORMATTAGDETAILSA
{
    public uint cbStruct;
    public uint dwFormatTagIndex;
    public uint dwFormatTag;
    public uint cbFormatSize;
    public uint fdwSupport;
    public uint cStandardFormats;
    public fixed byte szFormatTag[ACMFORMATTAGDETAILS.ACMFORMATTAGDETAILS_FORMATTAG_CHARS];
}
