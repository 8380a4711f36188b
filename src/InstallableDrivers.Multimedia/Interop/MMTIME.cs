using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// A position (mmsystem.h <c>MMTIME</c>): <see cref="wType"/> says which member of the union at offset 4 holds it;
/// see <see cref="TimeFormats"/>. 12 bytes. The SMPTE form of the union (six bytes and two of padding) has no field
/// here: no wave device keeps SMPTE time, and a request for it is answered in bytes.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
public struct MMTIME
{
    /// <summary>The <c>TIME_*</c> type: the caller asks for one, the driver may answer with another.</summary>
    [FieldOffset(0)]
    public uint wType;

    /// <summary>Milliseconds (<c>TIME_MS</c>).</summary>
    [FieldOffset(4)]
    public uint ms;

    /// <summary>Sample frames (<c>TIME_SAMPLES</c>).</summary>
    [FieldOffset(4)]
    public uint sample;

    /// <summary>Bytes (<c>TIME_BYTES</c>).</summary>
    [FieldOffset(4)]
    public uint cb;

    /// <summary>Ticks of a MIDI stream (<c>TIME_TICKS</c>).</summary>
    [FieldOffset(4)]
    public uint ticks;

    /// <summary>The MIDI song pointer (<c>TIME_MIDI</c>; C: <c>u.midi.songptrpos</c>).</summary>
    [FieldOffset(4)]
    public uint songptrpos;
}
