using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// The managed ends of the winmm export library's functions: each forwards to the <see cref="WaveServices"/> member of
/// the same name on <see cref="WaveServices.Default"/>. Nothing may unwind into the native caller, so when the default
/// services cannot be created (a bad registry path, say) every call answers as winmm does without drivers:
/// no devices, <see cref="MMRESULT.MMSYSERR_NODRIVER"/>.
/// </summary>
internal static unsafe class WinMMExportCalls
{
    /// <summary>The entry points to hand the export library.</summary>
    public static WinMMEntryPoints EntryPoints => new()
    {
        OutGetNumDevs = &OutGetNumDevs,
        OutGetDevCapsA = &OutGetDevCapsA,
        OutGetDevCapsW = &OutGetDevCapsW,
        OutOpen = &OutOpen,
        OutPrepareHeader = &OutPrepareHeader,
        OutWrite = &OutWrite,
        OutUnprepareHeader = &OutUnprepareHeader,
        OutPause = &OutPause,
        OutRestart = &OutRestart,
        OutReset = &OutReset,
        OutBreakLoop = &OutBreakLoop,
        OutGetPosition = &OutGetPosition,
        OutGetVolume = &OutGetVolume,
        OutSetVolume = &OutSetVolume,
        OutGetId = &OutGetId,
        OutMessage = &OutMessage,
        OutGetErrorTextA = &OutGetErrorTextA,
        OutGetErrorTextW = &OutGetErrorTextW,
        OutClose = &OutClose,
        InGetNumDevs = &InGetNumDevs,
        InGetDevCapsA = &InGetDevCapsA,
        InGetDevCapsW = &InGetDevCapsW,
        InOpen = &InOpen,
        InPrepareHeader = &InPrepareHeader,
        InUnprepareHeader = &InUnprepareHeader,
        InAddBuffer = &InAddBuffer,
        InStart = &InStart,
        InStop = &InStop,
        InReset = &InReset,
        InGetPosition = &InGetPosition,
        InGetId = &InGetId,
        InMessage = &InMessage,
        InGetErrorTextA = &InGetErrorTextA,
        InGetErrorTextW = &InGetErrorTextW,
        InClose = &InClose,
    };

    /// <summary>The default services, or null if they cannot be created.</summary>
    private static WaveServices? Services
    {
        get
        {
            try
            {
                return WaveServices.Default;
            }
#pragma warning disable CA1031 // Whatever creating the services throws must not reach native code; the caller sees no driver.
            catch (Exception)
#pragma warning restore CA1031
            {
                return null;
            }
        }
    }

    [UnmanagedCallersOnly]
    private static uint OutGetNumDevs() => Services?.waveOutGetNumDevs() ?? 0;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetDevCapsA(nuint device, WAVEOUTCAPSA* caps, uint size) => Services?.waveOutGetDevCapsA(device, caps, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetDevCapsW(nuint device, WAVEOUTCAPSW* caps, uint size) => Services?.waveOutGetDevCaps(device, caps, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutOpen(nint* handle, uint device, WAVEFORMATEX* format, nuint callback, nuint instance, uint flags) => Services?.waveOutOpen(handle, device, format, callback, instance, flags) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutPrepareHeader(nint handle, WAVEHDR* header, uint size) => Services?.waveOutPrepareHeader(handle, header, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutWrite(nint handle, WAVEHDR* header, uint size) => Services?.waveOutWrite(handle, header, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutUnprepareHeader(nint handle, WAVEHDR* header, uint size) => Services?.waveOutUnprepareHeader(handle, header, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutPause(nint handle) => Services?.waveOutPause(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutRestart(nint handle) => Services?.waveOutRestart(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutReset(nint handle) => Services?.waveOutReset(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutBreakLoop(nint handle) => Services?.waveOutBreakLoop(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetPosition(nint handle, MMTIME* time, uint size) => Services?.waveOutGetPosition(handle, time, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetVolume(nint handle, uint* volume) => Services?.waveOutGetVolume(handle, volume) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutSetVolume(nint handle, uint volume) => Services?.waveOutSetVolume(handle, volume) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetId(nint handle, uint* device) => Services?.waveOutGetID(handle, device) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static nint OutMessage(nint handle, uint message, nuint param1, nuint param2) => Services?.waveOutMessage(handle, message, param1, param2) ?? 0;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetErrorTextA(MMRESULT error, byte* text, uint length) => Services?.waveOutGetErrorTextA(error, text, length) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutGetErrorTextW(MMRESULT error, char* text, uint length) => Services?.waveOutGetErrorText(error, text, length) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT OutClose(nint handle) => Services?.waveOutClose(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static uint InGetNumDevs() => Services?.waveInGetNumDevs() ?? 0;

    [UnmanagedCallersOnly]
    private static MMRESULT InGetDevCapsA(nuint device, WAVEINCAPSA* caps, uint size) => Services?.waveInGetDevCapsA(device, caps, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InGetDevCapsW(nuint device, WAVEINCAPSW* caps, uint size) => Services?.waveInGetDevCaps(device, caps, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InOpen(nint* handle, uint device, WAVEFORMATEX* format, nuint callback, nuint instance, uint flags) => Services?.waveInOpen(handle, device, format, callback, instance, flags) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InPrepareHeader(nint handle, WAVEHDR* header, uint size) => Services?.waveInPrepareHeader(handle, header, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InUnprepareHeader(nint handle, WAVEHDR* header, uint size) => Services?.waveInUnprepareHeader(handle, header, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InAddBuffer(nint handle, WAVEHDR* header, uint size) => Services?.waveInAddBuffer(handle, header, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InStart(nint handle) => Services?.waveInStart(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InStop(nint handle) => Services?.waveInStop(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InReset(nint handle) => Services?.waveInReset(handle) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InGetPosition(nint handle, MMTIME* time, uint size) => Services?.waveInGetPosition(handle, time, size) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InGetId(nint handle, uint* device) => Services?.waveInGetID(handle, device) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static nint InMessage(nint handle, uint message, nuint param1, nuint param2) => Services?.waveInMessage(handle, message, param1, param2) ?? 0;

    [UnmanagedCallersOnly]
    private static MMRESULT InGetErrorTextA(MMRESULT error, byte* text, uint length) => Services?.waveInGetErrorTextA(error, text, length) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InGetErrorTextW(MMRESULT error, char* text, uint length) => Services?.waveInGetErrorText(error, text, length) ?? MMRESULT.MMSYSERR_NODRIVER;

    [UnmanagedCallersOnly]
    private static MMRESULT InClose(nint handle) => Services?.waveInClose(handle) ?? MMRESULT.MMSYSERR_NODRIVER;
}
