using InstallableDrivers.Multimedia.Interop;
using Microsoft.Win32.SafeHandles;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// How an application asked to be told about its stream (waveOutOpen's dwCallback, dwInstance and CALLBACK_* flag).
/// The services receive every driver callback themselves and pass it on through this.
/// </summary>
internal sealed class WaveClientCallback : IDisposable
{
    private readonly uint type;
    private readonly nuint callback;
    private readonly nuint instance;

    /// <summary>For CALLBACK_EVENT: an event object over the application's handle that does not own it.</summary>
    private readonly EventWaitHandle? signal;

    private WaveClientCallback(uint type, nuint callback, nuint instance, EventWaitHandle? signal)
    {
        this.type = type;
        this.callback = callback;
        this.instance = instance;
        this.signal = signal;
    }

    /// <summary>
    /// Reads the callback of an open. CALLBACK_WINDOW and CALLBACK_THREAD need window or thread message queues, which
    /// only Windows has: elsewhere no value can name one, so they are refused as an invalid window would be
    /// (MMSYSERR_INVALPARAM). An unknown callback type is MMSYSERR_INVALFLAG.
    /// </summary>
    public static MMRESULT Create(uint flags, nuint callback, nuint instance, out WaveClientCallback? client)
    {
        client = null;
        var type = (flags & CALLBACK_TYPEMASK) >> 16;
        switch (type)
        {
            case DCB_NULL:
            case DCB_FUNCTION:
                break;
            case DCB_WINDOW:
            case DCB_TASK:
                if (!OperatingSystem.IsWindows())
                {
                    return MMRESULT.MMSYSERR_INVALPARAM;
                }

                break;
            case DCB_EVENT:
                client = new WaveClientCallback(type, callback, instance, callback == 0 ? null : WrapEvent(callback));
                return MMRESULT.MMSYSERR_NOERROR;
            default:
                return MMRESULT.MMSYSERR_INVALFLAG;
        }

        client = new WaveClientCallback(type, callback, instance, null);
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>Tells the application, on the calling thread.</summary>
    public void Deliver(nint handle, uint message, nuint param1, nuint param2)
    {
        if (type == DCB_NULL)
        {
            return; // CALLBACK_NULL: nobody to tell
        }

        if (type == DCB_EVENT)
        {
            // A value registered with DriverCallbackEvents names its event there; any other is an EventWaitHandle's own handle.
            if (!Drivers.DriverCallback(callback, DCB_EVENT, new HDRVR(handle), message, instance, param1, param2))
            {
                SetApplicationEvent();
            }

            return;
        }

        Drivers.DriverCallback(callback, type, new HDRVR(handle), message, instance, param1, param2);
    }

    /// <summary>
    /// Sets the application's event. An application may close its event before the stream: NAudio's WaveOut closes it
    /// before waveOutClose, whose WOM_CLOSE then finds it gone. Windows ignores the failed SetEvent; so do we, rather
    /// than throw on the driver's thread.
    /// </summary>
    private void SetApplicationEvent()
    {
        try
        {
            signal?.Set();
        }
        catch (IOException)
        {
            // The handle no longer names an event ("The handle is invalid").
        }
    }

    /// <summary>Lets go of the application's event without closing it.</summary>
    public void Dispose() => signal?.Dispose();

    /// <summary>
    /// An event object that signals the application's event handle (an EventWaitHandle's
    /// SafeWaitHandle.DangerousGetHandle()): .NET can set such a handle only through a SafeWaitHandle, here one that
    /// does not own it, so disposing ours leaves the application's event open.
    /// </summary>
    private static EventWaitHandle WrapEvent(nuint handle)
    {
        var wrapper = new EventWaitHandle(false, EventResetMode.AutoReset);
        var own = wrapper.SafeWaitHandle;
        wrapper.SafeWaitHandle = new SafeWaitHandle((nint)handle, ownsHandle: false);
        own.Dispose();
        return wrapper;
    }
}
