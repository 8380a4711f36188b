using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// One call the wave trace driver (NativeDrivers/wavetracedrv.c) received: its WAVE_TRACE_CALL record. Info is the
/// WAVEOPENDESC's hWave for an open and the header's dwFlags on entry for a header message.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct WaveTraceCall(uint Entry, uint Device, uint Message, uint Reserved, nuint User, nuint Param1, nuint Param2, nuint Info)
{
    public bool IsOutput => Entry == 0;
}
