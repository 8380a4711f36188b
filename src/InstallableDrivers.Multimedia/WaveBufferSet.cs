using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The buffers a player or recorder cycles through the device: their WAVEHDRs and samples in memory that never moves
/// (the driver holds the addresses while a buffer is queued), each buffer a whole number of blocks of the format.
/// </summary>
internal sealed unsafe class WaveBufferSet : IDisposable
{
    private readonly WAVEHDR* headers;
    private readonly byte[][] samples;

    /// <param name="count">How many buffers.</param>
    /// <param name="format">Sizes each buffer to whole blocks.</param>
    /// <param name="duration">How much audio each buffer holds (at least one block).</param>
    public WaveBufferSet(int count, WaveFormat format, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        Size = (int)Math.Clamp(format.BytesFor(duration), Math.Max(format.BlockAlign, 1), 16 * 1024 * 1024);
        samples = new byte[count][];
        headers = (WAVEHDR*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(WAVEHDR));
        for (var i = 0; i < count; i++)
        {
            samples[i] = GC.AllocateArray<byte>(Size, pinned: true); // the pinned heap: the address stays valid
            headers[i].lpData = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(samples[i]));
            headers[i].dwBufferLength = (uint)Size;
        }
    }

    /// <summary>Bytes each buffer holds.</summary>
    public int Size { get; }

    public int Count => samples.Length;

    /// <summary>A buffer's header.</summary>
    public WAVEHDR* Header(int index) => &headers[index];

    /// <summary>A buffer's samples (all <see cref="Size"/> bytes).</summary>
    public Memory<byte> Samples(int index) => samples[index];

    /// <summary>The bytes the buffer carries to the device (dwBufferLength).</summary>
    public int Length(int index) => (int)headers[index].dwBufferLength;

    /// <summary>The bytes the device filled (dwBytesRecorded).</summary>
    public int BytesRecorded(int index) => (int)headers[index].dwBytesRecorded;

    /// <summary>Makes a buffer ready to go to the device again with <paramref name="length"/> bytes: no flags, no loops, nothing recorded.</summary>
    public void Reset(int index, int length)
    {
        headers[index].dwBufferLength = (uint)length;
        headers[index].dwBytesRecorded = 0;
        headers[index].dwFlags = 0;
        headers[index].dwLoops = 0;
    }

    /// <summary>Whether the driver has given the buffer back (WHDR_DONE), read as the driver's thread wrote it.</summary>
    public bool IsDone(int index) => (Volatile.Read(ref headers[index].dwFlags) & WaveHeaderFlags.WHDR_DONE) != 0;

    public void Dispose() => NativeMemory.Free(headers);
}
