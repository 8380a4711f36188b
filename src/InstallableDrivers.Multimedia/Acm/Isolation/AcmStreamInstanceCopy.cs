using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The arena copy of a stream's ACMDRVSTREAMINSTANCE with the formats and the filter it points at. An open stream's
/// copy lives from ACMDM_STREAM_OPEN to ACMDM_STREAM_CLOSE, as the caller's does (msacmdrv.h: the driver may keep the
/// pointers, and writes dwDriver and fdwDriver for the later messages, which pass the same instance); a query's lives
/// for the one call.
/// </summary>
internal sealed unsafe class AcmStreamInstanceCopy : IDisposable
{
    private readonly DriverSharedBuffer? buffer;

    private AcmStreamInstanceCopy(nint caller, nint address, DriverSharedBuffer? buffer)
    {
        Caller = caller;
        Address = address;
        this.buffer = buffer;
    }

    /// <summary>The caller's ACMDRVSTREAMINSTANCE.</summary>
    public nint Caller { get; }

    /// <summary>The copy the driver gets.</summary>
    public nint Address { get; }

    /// <summary>
    /// Copies the instance at <paramref name="caller"/>, into a block that lasts until disposed when
    /// <paramref name="lasting"/>, else into one for this call; null when its cbStruct or the filter's is out of range.
    /// </summary>
    public static AcmStreamInstanceCopy? CopyIn(DriverMessageCopy copy, nint caller, bool lasting)
    {
        var instance = (ACMDRVSTREAMINSTANCE*)caller;
        var filter = (WAVEFILTER*)instance->pwfltr;
        if (instance->cbStruct < sizeof(ACMDRVSTREAMINSTANCE) || instance->pwfxSrc == 0 || instance->pwfxDst == 0
            || (filter is not null && (filter->cbStruct < sizeof(WAVEFILTER) || filter->cbStruct > AcmStructLayout.MaximumBytes)))
        {
            return null;
        }

        var source = WaveFormatBytes.SizeOf((WAVEFORMATEX*)instance->pwfxSrc);
        var destination = WaveFormatBytes.SizeOf((WAVEFORMATEX*)instance->pwfxDst);
        var filterSize = filter is null ? 0 : (int)filter->cbStruct;
        var instanceSize = (sizeof(ACMDRVSTREAMINSTANCE) + 7) & ~7;
        var total = instanceSize + Align(source) + Align(destination) + filterSize;
        var buffer = lasting ? copy.AllocateShared(total) : null;
        var address = buffer?.Address ?? copy.Allocate(total);

        var copied = (ACMDRVSTREAMINSTANCE*)address;
        *copied = *instance;
        copied->cbStruct = (uint)sizeof(ACMDRVSTREAMINSTANCE);
        copied->pwfxSrc = address + instanceSize;
        copied->pwfxDst = copied->pwfxSrc + Align(source);
        ArenaBytes.Copy(instance->pwfxSrc, copied->pwfxSrc, source);
        ArenaBytes.Copy(instance->pwfxDst, copied->pwfxDst, destination);
        if (filter is not null)
        {
            copied->pwfltr = copied->pwfxDst + Align(destination);
            ArenaBytes.Copy((nint)filter, copied->pwfltr, filterSize);
        }

        return new AcmStreamInstanceCopy(caller, address, buffer);
    }

    /// <summary>Gives the caller's instance what the driver keeps in it: fdwDriver and dwDriver.</summary>
    public void CopyOut()
    {
        var caller = (ACMDRVSTREAMINSTANCE*)Caller;
        var copied = (ACMDRVSTREAMINSTANCE*)Address;
        caller->fdwDriver = copied->fdwDriver;
        caller->dwDriver = copied->dwDriver;
    }

    public void Dispose() => buffer?.Dispose();

    /// <summary>Room for a format, 8-byte aligned: at least a WAVEFORMATEX, so that a PCM format's 16 bytes are followed by a zero cbSize.</summary>
    private static int Align(int bytes) => (Math.Max(bytes, sizeof(WAVEFORMATEX)) + 7) & ~7;
}
