using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// A waveform-audio buffer and its state (mmsystem.h <c>WAVEHDR</c>): the application fills or reads
/// <see cref="lpData"/>, the service and the driver move it through the <see cref="WaveHeaderFlags"/> states.
/// Packed to 1 byte as mmsystem.h packs it, which changes nothing here: 48 bytes on 64-bit, 32 on 32-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct WAVEHDR
{
    /// <summary>The samples (<c>LPSTR</c>).</summary>
    public nint lpData;

    /// <summary>Bytes at <see cref="lpData"/>.</summary>
    public uint dwBufferLength;

    /// <summary>Input: bytes the driver has filled.</summary>
    public uint dwBytesRecorded;

    /// <summary>The application's own value.</summary>
    public nuint dwUser;

    /// <summary>The <c>WHDR_*</c> flags (<see cref="WaveHeaderFlags"/>).</summary>
    public uint dwFlags;

    /// <summary>Output: how many times to play a loop; read from the buffer with <c>WHDR_BEGINLOOP</c>.</summary>
    public uint dwLoops;

    /// <summary>Reserved: the driver links its queue through it.</summary>
    public nint lpNext;

    /// <summary>Reserved for the driver.</summary>
    public nuint reserved;
}
