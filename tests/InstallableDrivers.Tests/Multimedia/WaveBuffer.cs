using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>A WAVEHDR and its samples in native memory, as an application hands them to a wave driver.</summary>
internal sealed unsafe class WaveBuffer : IDisposable
{
    private readonly byte* data;

    /// <summary>A buffer holding a copy of samples, with the given flags (prepared, as the service would mark it).</summary>
    public WaveBuffer(ReadOnlySpan<byte> samples, uint flags = WaveHeaderFlags.WHDR_PREPARED, uint loops = 0)
        : this(samples.Length, flags)
    {
        samples.CopyTo(new Span<byte>(data, samples.Length));
        Header->dwLoops = loops;
    }

    /// <summary>An empty buffer of the given size, for recording into.</summary>
    public WaveBuffer(int length, uint flags = WaveHeaderFlags.WHDR_PREPARED)
    {
        data = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(length, 1));
        Header = (WAVEHDR*)NativeMemory.AllocZeroed((nuint)sizeof(WAVEHDR));
        Header->lpData = (nint)data;
        Header->dwBufferLength = (uint)length;
        Header->dwFlags = flags;
    }

    public WAVEHDR* Header { get; }

    /// <summary>The header's address: the dwParam1 of WODM_WRITE and WIDM_ADDBUFFER, and of WOM_DONE/WIM_DATA.</summary>
    public nuint Address => (nuint)Header;

    public uint Flags => Volatile.Read(ref Header->dwFlags);

    /// <summary>The bytes the driver recorded into the buffer.</summary>
    public byte[] Recorded => new ReadOnlySpan<byte>(data, (int)Header->dwBytesRecorded).ToArray();

    public void Dispose()
    {
        NativeMemory.Free(data);
        NativeMemory.Free(Header);
    }
}
