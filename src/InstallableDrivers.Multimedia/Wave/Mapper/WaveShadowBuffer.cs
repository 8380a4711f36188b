using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The buffer the wave mapper gives the device in place of an application's: a WAVEHDR and its data in one native
/// block that does not move while the device holds it, in the device's PCM format.
/// </summary>
internal sealed unsafe class WaveShadowBuffer : IDisposable
{
    private byte* memory;

    public WaveShadowBuffer(int length)
    {
        memory = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(WAVEHDR) + Math.Max(length, 1)));
        Header->lpData = (nint)(memory + sizeof(WAVEHDR));
        Header->dwBufferLength = (uint)length;
    }

    public WAVEHDR* Header => (WAVEHDR*)memory;

    /// <summary>All the buffer's bytes.</summary>
    public Span<byte> Data => new((void*)Header->lpData, (int)Header->dwBufferLength);

    /// <summary>The bytes the device recorded.</summary>
    public ReadOnlySpan<byte> Recorded => Data[..(int)Header->dwBytesRecorded];

    public bool IsDone => (Volatile.Read(ref Header->dwFlags) & WaveHeaderFlags.WHDR_DONE) != 0;

    public void Dispose()
    {
        NativeMemory.Free(memory);
        memory = null;
    }
}
