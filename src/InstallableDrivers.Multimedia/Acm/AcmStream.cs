using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// An open conversion stream (an HACMSTREAM): the driver instance converting it and the ACMDRVSTREAMINSTANCE the driver
/// sees, in native memory with the ACM's own copies of both formats and the filter, all of which stay valid from
/// ACMDM_STREAM_OPEN to ACMDM_STREAM_CLOSE as msacmdrv.h promises.
/// </summary>
internal sealed unsafe class AcmStream : IDisposable
{
    private readonly byte* memory;

    public AcmStream(AcmDriverInstance driver, bool ownsDriver, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination,
        ReadOnlySpan<byte> filter, nuint callback, nuint callbackInstance, uint fdwOpen)
    {
        Driver = driver;
        OwnsDriver = ownsDriver;
        var instanceSize = sizeof(ACMDRVSTREAMINSTANCE);
        memory = (byte*)NativeMemory.AllocZeroed((nuint)(instanceSize + source.Length + destination.Length + filter.Length));
        var sourceCopy = memory + instanceSize;
        var destinationCopy = sourceCopy + source.Length;
        var filterCopy = destinationCopy + destination.Length;
        source.CopyTo(new Span<byte>(sourceCopy, source.Length));
        destination.CopyTo(new Span<byte>(destinationCopy, destination.Length));
        filter.CopyTo(new Span<byte>(filterCopy, filter.Length));

        Instance = (ACMDRVSTREAMINSTANCE*)memory;
        Instance->cbStruct = (uint)instanceSize;
        Instance->pwfxSrc = (nint)sourceCopy;
        Instance->pwfxDst = (nint)destinationCopy;
        Instance->pwfltr = filter.IsEmpty ? 0 : (nint)filterCopy;
        Instance->dwCallback = callback;
        Instance->dwInstance = callbackInstance;
        Instance->fdwOpen = fdwOpen;
    }

    /// <summary>The driver instance that converts this stream.</summary>
    public AcmDriverInstance Driver { get; }

    /// <summary>True if the ACM opened <see cref="Driver"/> for this stream (acmStreamOpen with a null driver) and closes it with it.</summary>
    public bool OwnsDriver { get; }

    /// <summary>What the driver sees as lParam1 of every ACMDM_STREAM_* message.</summary>
    public ACMDRVSTREAMINSTANCE* Instance { get; }

    public nint Handle
    {
        get => Instance->has;
        set => Instance->has = value;
    }

    public nint Send(uint message, nint lParam2) => Driver.Send(message, (nint)Instance, lParam2);

    public void Dispose() => NativeMemory.Free(memory);
}
