using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// A filter operation on a wave stream (mmreg.h <c>WAVEFILTER</c>), followed in memory by filter-specific data up to
/// <see cref="cbStruct"/> bytes. Packed to 1 byte: 32 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct WAVEFILTER
{
    /// <summary>The size of the filter in bytes, its specific data included.</summary>
    public uint cbStruct;

    /// <summary>The WAVE_FILTER_* tag.</summary>
    public uint dwFilterTag;

    /// <summary>Flags of the filter tag.</summary>
    public uint fdwFilter;

    /// <summary>Reserved; zero.</summary>
    public fixed uint dwReserved[5];
}
