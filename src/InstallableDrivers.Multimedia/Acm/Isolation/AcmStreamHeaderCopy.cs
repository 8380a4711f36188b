using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The arena copy of a prepared stream header (the caller's ACMSTREAMHEADER, which the driver sees as an
/// ACMDRVSTREAMHEADER) with room for both buffers at their prepared lengths. It lives from ACMDM_STREAM_PREPARE to
/// ACMDM_STREAM_UNPREPARE, so a driver that keeps state in a header (dwDriver, its own pointers) finds it at every
/// conversion. Before each message the caller's header is copied over it, its buffer addresses replaced by the copies';
/// before a conversion the source bytes go in; after it the header comes back (with the caller's addresses) and so
/// does the written part of the destination.
/// </summary>
internal sealed unsafe class AcmStreamHeaderCopy : IDisposable
{
    private static readonly int[] BufferFields =
    [
        AcmStructLayout.Offset<ACMDRVSTREAMHEADER>(nameof(ACMDRVSTREAMHEADER.pbSrc)),
        AcmStructLayout.Offset<ACMDRVSTREAMHEADER>(nameof(ACMDRVSTREAMHEADER.pbDst)),
        AcmStructLayout.Offset<ACMDRVSTREAMHEADER>(nameof(ACMDRVSTREAMHEADER.pbPreparedSrc)),
        AcmStructLayout.Offset<ACMDRVSTREAMHEADER>(nameof(ACMDRVSTREAMHEADER.pbPreparedDst)),
        AcmStructLayout.Offset<ACMDRVSTREAMHEADER>(nameof(ACMDRVSTREAMHEADER.padshNext)),
    ];

    /// <summary>The largest prepared buffer copied (far more than an arena holds: such a header gets MMSYSERR_NOMEM from the arena first).</summary>
    private const uint MaximumBuffer = int.MaxValue / 4;

    private readonly DriverSharedBuffer buffer;
    private readonly int size;
    private readonly uint sourceRoom;
    private readonly uint destinationRoom;
    private readonly nint source;
    private readonly nint destination;

    private AcmStreamHeaderCopy(nint caller, nint stream, DriverSharedBuffer buffer, int size, uint sourceRoom, uint destinationRoom)
    {
        Caller = caller;
        Stream = stream;
        this.buffer = buffer;
        this.size = size;
        this.sourceRoom = sourceRoom;
        this.destinationRoom = destinationRoom;
        source = buffer.Address + Align(size);
        destination = source + Align((int)sourceRoom);
    }

    /// <summary>The caller's header.</summary>
    public nint Caller { get; }

    /// <summary>The caller's ACMDRVSTREAMINSTANCE of the stream the header is prepared for.</summary>
    public nint Stream { get; }

    /// <summary>The copy the driver gets.</summary>
    public nint Address => buffer.Address;

    /// <summary>
    /// Makes the lasting copy of a header being prepared (<paramref name="caller"/>, whose prepared lengths the ACM has
    /// just set); null when its cbStruct or a prepared length is out of range.
    /// </summary>
    /// <exception cref="InsufficientMemoryException">The arena has no room for the buffers.</exception>
    public static AcmStreamHeaderCopy? Create(DriverMessageCopy copy, nint caller, nint stream)
    {
        var header = (ACMDRVSTREAMHEADER*)caller;
        if (header->cbStruct < sizeof(ACMDRVSTREAMHEADER) || header->cbStruct > AcmStructLayout.MaximumBytes
            || header->cbPreparedSrcLength > MaximumBuffer || header->cbPreparedDstLength > MaximumBuffer)
        {
            return null;
        }

        var size = (int)header->cbStruct;
        var total = Align(size) + Align((int)header->cbPreparedSrcLength) + (int)header->cbPreparedDstLength;
        return new AcmStreamHeaderCopy(caller, stream, copy.AllocateShared(Math.Max(total, 1)), size,
            header->cbPreparedSrcLength, header->cbPreparedDstLength);
    }

    /// <summary>
    /// Copies the caller's header over the copy (and, for a conversion, the source bytes); false when the header no
    /// longer fits the copy (its cbStruct changed, or a length is over its prepared room).
    /// </summary>
    public bool CopyIn(bool converting)
    {
        var header = (ACMDRVSTREAMHEADER*)Caller;
        if (header->cbStruct != size || header->cbSrcLength > sourceRoom || header->cbDstLength > destinationRoom)
        {
            return false;
        }

        ArenaBytes.Copy(Caller, Address, size);
        var copied = (ACMDRVSTREAMHEADER*)Address;
        copied->pbSrc = copied->pbPreparedSrc = source;
        copied->pbDst = copied->pbPreparedDst = destination;
        copied->padshNext = 0;
        if (converting && header->cbSrcLength > 0)
        {
            ArenaBytes.Copy(header->pbSrc, source, (int)header->cbSrcLength);
        }

        return true;
    }

    /// <summary>
    /// Copies the header back into the caller's, keeping the caller's buffer addresses, and after a conversion the part
    /// of the destination the driver says it wrote (never more than the caller's destination length).
    /// </summary>
    public void CopyOut(bool converting)
    {
        var header = (ACMDRVSTREAMHEADER*)Caller;
        var destinationLength = header->cbDstLength;
        var callerDestination = header->pbDst;
        Span<nint> addresses = stackalloc nint[BufferFields.Length];
        for (var i = 0; i < BufferFields.Length; i++)
        {
            addresses[i] = ArenaBytes.ReadPointer(Caller, BufferFields[i]);
        }

        var written = Math.Min(((ACMDRVSTREAMHEADER*)Address)->cbDstLengthUsed, destinationLength);
        ArenaBytes.Copy(Address, Caller, size);
        for (var i = 0; i < BufferFields.Length; i++)
        {
            ArenaBytes.WritePointer(Caller, BufferFields[i], addresses[i]);
        }

        if (converting && written > 0)
        {
            ArenaBytes.Copy(destination, callerDestination, (int)written);
        }
    }

    public void Dispose() => buffer.Dispose();

    private static int Align(int bytes) => (bytes + 63) & ~63;
}
