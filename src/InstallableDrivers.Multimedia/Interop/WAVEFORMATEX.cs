using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// A waveform-audio format (mmsystem.h/mmreg.h <c>WAVEFORMATEX</c>), packed to 1 byte as Windows packs it: 18 bytes,
/// followed in memory by <see cref="cbSize"/> bytes of format-specific data.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct WAVEFORMATEX
{
    /// <summary>The format tag: WAVE_FORMAT_PCM (1), WAVE_FORMAT_IEEE_FLOAT (3), a compressed format's tag.</summary>
    public ushort wFormatTag;

    /// <summary>Channels: 1 mono, 2 stereo.</summary>
    public ushort nChannels;

    /// <summary>Sample frames per second.</summary>
    public uint nSamplesPerSec;

    /// <summary>Average bytes per second.</summary>
    public uint nAvgBytesPerSec;

    /// <summary>The size of one block (for PCM one sample frame: channels × bits / 8).</summary>
    public ushort nBlockAlign;

    /// <summary>Bits per sample (0 for some compressed formats).</summary>
    public ushort wBitsPerSample;

    /// <summary>Bytes of extra format data after this structure (ignored for WAVE_FORMAT_PCM).</summary>
    public ushort cbSize;
}
