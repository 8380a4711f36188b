using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>An ACMSTREAMHEADER and its two buffers in native memory, as an application allocates them.</summary>
internal sealed unsafe class AcmHeader : IDisposable
{
    public const uint Prepared = AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED;

    private readonly int sourceRoom;
    private readonly int destinationRoom;

    public AcmHeader(int sourceRoom, int destinationRoom)
    {
        this.sourceRoom = sourceRoom;
        this.destinationRoom = destinationRoom;
        Header = (ACMSTREAMHEADER*)NativeMemory.AllocZeroed((nuint)sizeof(ACMSTREAMHEADER));
        Header->cbStruct = (uint)sizeof(ACMSTREAMHEADER);
        Header->pbSrc = (nint)NativeMemory.AllocZeroed((nuint)Math.Max(1, sourceRoom));
        Header->cbSrcLength = (uint)sourceRoom;
        Header->pbDst = (nint)NativeMemory.AllocZeroed((nuint)Math.Max(1, destinationRoom));
        Header->cbDstLength = (uint)destinationRoom;
    }

    public ACMSTREAMHEADER* Header { get; }

    /// <summary>What the last conversion wrote.</summary>
    public byte[] Output => new ReadOnlySpan<byte>((void*)Header->pbDst, (int)Header->cbDstLengthUsed).ToArray();

    /// <summary>Puts source data in the source buffer and sets cbSrcLength to its length.</summary>
    public void SetSource(ReadOnlySpan<byte> data)
    {
        data.CopyTo(new Span<byte>((void*)Header->pbSrc, sourceRoom));
        Header->cbSrcLength = (uint)data.Length;
    }

    /// <summary>Sets both lengths back to those prepared, as acmStreamUnprepareHeader requires.</summary>
    public void RestoreLengths()
    {
        Header->cbSrcLength = (uint)sourceRoom;
        Header->cbDstLength = (uint)destinationRoom;
    }

    public void Dispose()
    {
        NativeMemory.Free((void*)Header->pbSrc);
        NativeMemory.Free((void*)Header->pbDst);
        NativeMemory.Free(Header);
    }
}
