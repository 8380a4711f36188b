using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// One ACM conversion stream from one format to another (acmStreamOpen … acmStreamClose), converting caller buffers
/// synchronously: each <see cref="Convert"/> prepares a stream header over the two buffers, converts and unprepares.
/// The stream converts in one step, through one driver; <see cref="AcmConverter"/> chains streams when no driver
/// converts directly.
/// </summary>
public sealed unsafe class AcmConversionStream : IDisposable
{
    private readonly AcmServices acm;
    private nint handle;

    /// <summary>Opens a stream (acmStreamOpen, ACM_STREAMOPENF_NONREALTIME), trying every driver unless one is given.</summary>
    /// <param name="acm">The ACM to open it in.</param>
    /// <param name="source">The format of the data to convert.</param>
    /// <param name="destination">The format to convert it to.</param>
    /// <param name="driver">An open driver (HACMDRIVER) to use, or 0 for whichever driver converts the pair.</param>
    /// <exception cref="MmException">acmStreamOpen failed: ACMERR_NOTPOSSIBLE when no driver converts the pair.</exception>
    public AcmConversionStream(AcmServices acm, WaveFormat source, WaveFormat destination, nint driver = 0)
    {
        ArgumentNullException.ThrowIfNull(acm);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        this.acm = acm;
        Source = source;
        Destination = destination;
        var result = Open(acm, source, destination, driver, AcmStreamFlags.ACM_STREAMOPENF_NONREALTIME, out handle);
        AcmFailure.ThrowIfFailed(nameof(AcmServices.acmStreamOpen), result, $"{source} to {destination}");
    }

    /// <summary>The format of the data the stream takes.</summary>
    public WaveFormat Source { get; }

    /// <summary>The format it writes.</summary>
    public WaveFormat Destination { get; }

    /// <summary>The stream's handle (HACMSTREAM), for the Win32-shaped calls; 0 once disposed.</summary>
    public nint Handle => handle;

    /// <summary>Whether some driver converts <paramref name="source"/> to <paramref name="destination"/> in one step (ACM_STREAMOPENF_QUERY).</summary>
    /// <param name="acm">The ACM to ask.</param>
    /// <param name="source">The format of the data.</param>
    /// <param name="destination">The format wanted.</param>
    /// <exception cref="MmException">acmStreamOpen failed for another reason than ACMERR_NOTPOSSIBLE.</exception>
    public static bool CanConvert(AcmServices acm, WaveFormat source, WaveFormat destination)
    {
        ArgumentNullException.ThrowIfNull(acm);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var result = Open(acm, source, destination, 0, AcmStreamFlags.ACM_STREAMOPENF_QUERY | AcmStreamFlags.ACM_STREAMOPENF_NONREALTIME, out _);
        if (result == AcmFailure.NotPossible)
        {
            return false;
        }

        AcmFailure.ThrowIfFailed(nameof(AcmServices.acmStreamOpen), result, $"{source} to {destination}");
        return true;
    }

    /// <summary>
    /// The destination room a conversion of <paramref name="sourceBytes"/> needs (acmStreamSize,
    /// ACM_STREAMSIZEF_SOURCE), or false when they are not enough for one block (ACMERR_NOTPOSSIBLE).
    /// </summary>
    /// <param name="sourceBytes">Source bytes, positive.</param>
    /// <param name="destinationBytes">The room needed.</param>
    /// <exception cref="MmException">acmStreamSize failed for another reason.</exception>
    public bool TryGetDestinationSize(int sourceBytes, out int destinationBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceBytes);
        uint size;
        var result = acm.acmStreamSize(OpenHandle, (uint)sourceBytes, &size, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE);
        destinationBytes = result == MMRESULT.MMSYSERR_NOERROR ? checked((int)size) : 0;
        if (result == AcmFailure.NotPossible)
        {
            return false;
        }

        Check(nameof(AcmServices.acmStreamSize), result);
        return true;
    }

    /// <summary>
    /// Converts from <paramref name="source"/> into <paramref name="destination"/>: acmStreamPrepareHeader,
    /// acmStreamConvert, acmStreamUnprepareHeader. Empty source or destination converts nothing.
    /// </summary>
    /// <param name="source">The data to convert.</param>
    /// <param name="destination">Where the converted data goes.</param>
    /// <param name="flags">BlockAlign, Start, End.</param>
    /// <returns>The source bytes used and the destination bytes written.</returns>
    /// <exception cref="MmException">A call failed; the message names it. When the driver runs in a host process that
    /// died, the result is MMSYSERR_NODRIVER, the message says how the host ended, and the inner exception is a
    /// <see cref="DriverCrashedException"/>.</exception>
    public AcmConversionResult Convert(ReadOnlySpan<byte> source, Span<byte> destination, AcmConvertFlags flags)
    {
        var stream = OpenHandle;
        if (source.IsEmpty || destination.IsEmpty)
        {
            return default;
        }

        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            var header = new ACMSTREAMHEADER
            {
                cbStruct = (uint)sizeof(ACMSTREAMHEADER),
                pbSrc = (nint)src,
                cbSrcLength = (uint)source.Length,
                pbDst = (nint)dst,
                cbDstLength = (uint)destination.Length,
            };
            Check(nameof(AcmServices.acmStreamPrepareHeader), acm.acmStreamPrepareHeader(stream, &header, 0));
            var converted = acm.acmStreamConvert(stream, &header, (uint)flags);
            // The header must be unprepared whatever the conversion did: it was prepared over these pinned buffers.
            var unprepared = acm.acmStreamUnprepareHeader(stream, &header, 0);
            Check(nameof(AcmServices.acmStreamConvert), converted);
            Check(nameof(AcmServices.acmStreamUnprepareHeader), unprepared);
            return new AcmConversionResult((int)header.cbSrcLengthUsed, (int)header.cbDstLengthUsed);
        }
    }

    /// <summary>Stops the stream's conversions (acmStreamReset); the next buffer should carry Start.</summary>
    /// <exception cref="MmException">acmStreamReset failed.</exception>
    public void Reset() => Check(nameof(AcmServices.acmStreamReset), acm.acmStreamReset(OpenHandle, 0));

    /// <summary>Closes the stream (acmStreamClose). A failure to close is not reported: there is nothing left to do about it.</summary>
    public void Dispose()
    {
        if (handle != 0)
        {
            _ = acm.acmStreamClose(handle, 0);
            handle = 0;
        }
    }

    /// <summary>
    /// Throws for a failed call; when the driver runs isolated and its host died, the exception's result is
    /// MMSYSERR_NODRIVER and its message the crash's reason (docs/acm.md, "Isolated codecs").
    /// </summary>
    private void Check(string function, MMRESULT result) => AcmFailure.ThrowIfFailed(function, result, acm.CrashOf(handle));

    private nint OpenHandle => handle != 0 ? handle : throw new ObjectDisposedException(nameof(AcmConversionStream));

    private static MMRESULT Open(AcmServices acm, WaveFormat source, WaveFormat destination, nint driver, uint flags, out nint stream)
    {
        nint opened = 0;
        fixed (byte* src = source.ToBytes())
        fixed (byte* dst = destination.ToBytes())
        {
            var result = acm.acmStreamOpen((flags & AcmStreamFlags.ACM_STREAMOPENF_QUERY) != 0 ? null : &opened, driver,
                (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, default, 0, 0, flags);
            stream = opened;
            return result;
        }
    }
}
