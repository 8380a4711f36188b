using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Native;

/// <summary>
/// The C# twin of the winmm export library's <c>installable_drivers_winmm</c> struct (installable_drivers_winmm.h): the managed
/// functions its exported waveOut/waveIn functions forward to, in the header's order. WinMMEntryPointsLayoutTests checks the two agree.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WinMMEntryPoints
{
    /// <summary>waveOutGetNumDevs().</summary>
    public delegate* unmanaged<uint> OutGetNumDevs;

    /// <summary>waveOutGetDevCapsA(device, caps, size).</summary>
    public delegate* unmanaged<nuint, WAVEOUTCAPSA*, uint, MMRESULT> OutGetDevCapsA;

    /// <summary>waveOutGetDevCapsW(device, caps, size).</summary>
    public delegate* unmanaged<nuint, WAVEOUTCAPSW*, uint, MMRESULT> OutGetDevCapsW;

    /// <summary>waveOutOpen(handle, device, format, callback, instance, flags).</summary>
    public delegate* unmanaged<nint*, uint, WAVEFORMATEX*, nuint, nuint, uint, MMRESULT> OutOpen;

    /// <summary>waveOutPrepareHeader(handle, header, size).</summary>
    public delegate* unmanaged<nint, WAVEHDR*, uint, MMRESULT> OutPrepareHeader;

    /// <summary>waveOutWrite(handle, header, size).</summary>
    public delegate* unmanaged<nint, WAVEHDR*, uint, MMRESULT> OutWrite;

    /// <summary>waveOutUnprepareHeader(handle, header, size).</summary>
    public delegate* unmanaged<nint, WAVEHDR*, uint, MMRESULT> OutUnprepareHeader;

    /// <summary>waveOutPause(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> OutPause;

    /// <summary>waveOutRestart(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> OutRestart;

    /// <summary>waveOutReset(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> OutReset;

    /// <summary>waveOutBreakLoop(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> OutBreakLoop;

    /// <summary>waveOutGetPosition(handle, time, size).</summary>
    public delegate* unmanaged<nint, MMTIME*, uint, MMRESULT> OutGetPosition;

    /// <summary>waveOutGetVolume(handle, volume).</summary>
    public delegate* unmanaged<nint, uint*, MMRESULT> OutGetVolume;

    /// <summary>waveOutSetVolume(handle, volume).</summary>
    public delegate* unmanaged<nint, uint, MMRESULT> OutSetVolume;

    /// <summary>waveOutGetID(handle, device).</summary>
    public delegate* unmanaged<nint, uint*, MMRESULT> OutGetId;

    /// <summary>waveOutMessage(handle, message, param1, param2).</summary>
    public delegate* unmanaged<nint, uint, nuint, nuint, nint> OutMessage;

    /// <summary>waveOutGetErrorTextA(error, text, length).</summary>
    public delegate* unmanaged<MMRESULT, byte*, uint, MMRESULT> OutGetErrorTextA;

    /// <summary>waveOutGetErrorTextW(error, text, length).</summary>
    public delegate* unmanaged<MMRESULT, char*, uint, MMRESULT> OutGetErrorTextW;

    /// <summary>waveOutClose(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> OutClose;

    /// <summary>waveInGetNumDevs().</summary>
    public delegate* unmanaged<uint> InGetNumDevs;

    /// <summary>waveInGetDevCapsA(device, caps, size).</summary>
    public delegate* unmanaged<nuint, WAVEINCAPSA*, uint, MMRESULT> InGetDevCapsA;

    /// <summary>waveInGetDevCapsW(device, caps, size).</summary>
    public delegate* unmanaged<nuint, WAVEINCAPSW*, uint, MMRESULT> InGetDevCapsW;

    /// <summary>waveInOpen(handle, device, format, callback, instance, flags).</summary>
    public delegate* unmanaged<nint*, uint, WAVEFORMATEX*, nuint, nuint, uint, MMRESULT> InOpen;

    /// <summary>waveInPrepareHeader(handle, header, size).</summary>
    public delegate* unmanaged<nint, WAVEHDR*, uint, MMRESULT> InPrepareHeader;

    /// <summary>waveInUnprepareHeader(handle, header, size).</summary>
    public delegate* unmanaged<nint, WAVEHDR*, uint, MMRESULT> InUnprepareHeader;

    /// <summary>waveInAddBuffer(handle, header, size).</summary>
    public delegate* unmanaged<nint, WAVEHDR*, uint, MMRESULT> InAddBuffer;

    /// <summary>waveInStart(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> InStart;

    /// <summary>waveInStop(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> InStop;

    /// <summary>waveInReset(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> InReset;

    /// <summary>waveInGetPosition(handle, time, size).</summary>
    public delegate* unmanaged<nint, MMTIME*, uint, MMRESULT> InGetPosition;

    /// <summary>waveInGetID(handle, device).</summary>
    public delegate* unmanaged<nint, uint*, MMRESULT> InGetId;

    /// <summary>waveInMessage(handle, message, param1, param2).</summary>
    public delegate* unmanaged<nint, uint, nuint, nuint, nint> InMessage;

    /// <summary>waveInGetErrorTextA(error, text, length).</summary>
    public delegate* unmanaged<MMRESULT, byte*, uint, MMRESULT> InGetErrorTextA;

    /// <summary>waveInGetErrorTextW(error, text, length).</summary>
    public delegate* unmanaged<MMRESULT, char*, uint, MMRESULT> InGetErrorTextW;

    /// <summary>waveInClose(handle).</summary>
    public delegate* unmanaged<nint, MMRESULT> InClose;
}
