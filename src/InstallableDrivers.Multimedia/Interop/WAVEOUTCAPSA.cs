using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// The capabilities of a waveform-audio output device with a 1-byte-character product name (mmsystem.h
/// <c>WAVEOUTCAPSA</c>, what waveOutGetDevCapsA fills): 52 bytes, packed to 1 byte as mmsystem.h packs it.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public unsafe struct WAVEOUTCAPSA
{
    /// <summary>Manufacturer id (0xFFFF: none registered).</summary>
    public ushort wMid;

    /// <summary>Product id (0xFFFF: none registered).</summary>
    public ushort wPid;

    /// <summary>The driver's version (<c>MMVERSION</c>): major in the high byte, minor in the low byte.</summary>
    public uint vDriverVersion;

    /// <summary>The product name, null-terminated; <see cref="ProductName"/> reads and writes it as a string.</summary>
    public fixed byte szPname[MultimediaLimits.MAXPNAMELEN];

    /// <summary>The standard formats supported: <c>WAVE_FORMAT_1M08</c> ... bits (<see cref="WaveCapsFormats"/>).</summary>
    public uint dwFormats;

    /// <summary>Channels: 1 mono, 2 stereo.</summary>
    public ushort wChannels;

    /// <summary>Reserved (structure padding).</summary>
    public ushort wReserved1;

    /// <summary>The optional functions supported: <c>WAVECAPS_*</c> bits (<see cref="WaveCapsSupport"/>).</summary>
    public uint dwSupport;

    /// <summary>The product name as a string; set, it is cut to fit <see cref="MultimediaLimits.MAXPNAMELEN"/> with its null.</summary>
    public string ProductName
    {
        readonly get => FixedName.Read(MemoryMarshal.CreateReadOnlySpan(in szPname[0], MultimediaLimits.MAXPNAMELEN));
        set => FixedName.Write(MemoryMarshal.CreateSpan(ref szPname[0], MultimediaLimits.MAXPNAMELEN), value);
    }
}
