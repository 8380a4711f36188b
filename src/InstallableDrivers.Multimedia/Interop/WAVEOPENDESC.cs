using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// What a wave stream is opened with (mmddk.h <c>WAVEOPENDESC</c>), the dwParam1 of <c>WODM_OPEN</c> and
/// <c>WIDM_OPEN</c>. Packed to 1 byte as mmddk.h packs it: 44 bytes on 64-bit (<see cref="dnDevNode"/> follows the
/// 4-byte <see cref="uMappedDeviceID"/> unaligned), 24 on 32-bit.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct WAVEOPENDESC
{
    /// <summary>The service's handle of the stream (<c>HWAVE</c>); the driver passes it to DriverCallback.</summary>
    public nint hWave;

    /// <summary>The format: a <see cref="WAVEFORMATEX"/>, or a 16-byte PCMWAVEFORMAT for WAVE_FORMAT_PCM.</summary>
    public nint lpFormat;

    /// <summary>The callback: a function pointer, an event handle, ... as the open flags' CALLBACK_* type says.</summary>
    public nuint dwCallback;

    /// <summary>The application's value, given back to its callback as dwUser.</summary>
    public nuint dwInstance;

    /// <summary>The device to map to when WAVE_MAPPED is set.</summary>
    public uint uMappedDeviceID;

    /// <summary>The devnode of a plug-and-play device; 0 here.</summary>
    public nuint dnDevNode;
}
