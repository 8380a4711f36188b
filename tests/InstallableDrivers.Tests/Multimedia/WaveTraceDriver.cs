using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>The wave trace driver's own messages, sent through the services as an application would (waveOutMessage).</summary>
internal static unsafe class WaveTraceDriver
{
    public const uint GetLog = WaveMessages.DRVM_USER + 0;
    public const uint ClearLog = WaveMessages.DRVM_USER + 1;
    public const uint FinishOne = WaveMessages.DRVM_USER + 2;

    /// <summary>The calls the driver behind an output device id has received, oldest first.</summary>
    public static WaveTraceCall[] Calls(WaveServices services, uint outputDevice)
    {
        var calls = new WaveTraceCall[4096];
        fixed (WaveTraceCall* first = calls)
        {
            var count = (int)services.waveOutMessage((nint)outputDevice, GetLog, (nuint)first, (nuint)calls.Length);
            Assert.InRange(count, 0, calls.Length);
            // The GetLog call itself is not logged.
            return calls[..count];
        }
    }

    /// <summary>Finishes the oldest queued buffer of an open output stream, on the calling thread; false if none was queued.</summary>
    public static bool Finish(WaveServices services, nint handle) => services.waveOutMessage(handle, FinishOne, 0, 0) == 1;

    /// <summary>As <see cref="Finish"/>, for an input stream.</summary>
    public static bool FinishInput(WaveServices services, nint handle) => services.waveInMessage(handle, FinishOne, 0, 0) == 1;
}
