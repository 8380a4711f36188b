using System.Runtime.CompilerServices;

namespace InstallableDrivers.Dispatch;

/// <summary>Delivers messages to driver instances: every call into driver code goes through here.</summary>
internal sealed unsafe class MessageDispatcher(IDriverMessageObserver? observer)
{
    private static readonly DriverFailure ClosedHandle =
        new(DriverFailureReason.InvalidHandle, "The driver handle was closed while the message was being sent.");

    /// <summary>
    /// Sends an ordinary message to an open instance; returns 0 without calling the driver if the instance is no
    /// longer open. Takes no lock and allocates nothing.
    /// </summary>
    public nint Send(DriverInstance instance, uint message, nint lParam1, nint lParam2)
    {
        var frame = CallFrames.Push(instance);
        nint result;
        try
        {
            // Read after the frame is published: a closer either sees the frame and waits, or we see it closing.
            if (Volatile.Read(ref instance.State) != DriverInstance.Open)
            {
                DriverManager.SetLastError(ClosedHandle);
                return 0;
            }

            result = instance.NativeDriverProc != null
                ? instance.NativeDriverProc(instance.DriverId, instance.Handle, message, lParam1, lParam2)
                : instance.Loaded.Invoke(instance.DriverId, instance.Handle, message, lParam1, lParam2);
        }
        finally
        {
            CallFrames.Pop(frame);
        }

        if (observer is not null)
        {
            Report(instance, instance.DriverId, message, lParam1, lParam2, result);
        }

        return result;
    }

    /// <summary>Delivers a lifecycle message with an explicit driver id, whatever the instance's state.</summary>
    public nint Call(DriverInstance instance, nuint driverId, uint message, nint lParam1, nint lParam2)
    {
        var frame = CallFrames.Push(instance);
        nint result;
        try
        {
            result = instance.Loaded.Invoke(driverId, instance.Handle, message, lParam1, lParam2);
        }
        finally
        {
            CallFrames.Pop(frame);
        }

        if (observer is not null)
        {
            Report(instance, driverId, message, lParam1, lParam2, result);
        }

        return result;
    }

    /// <summary>
    /// Tells the observer. Kept out of the send path's frame: the record holds a string, and a struct holding a reference
    /// is zeroed in the prologue of every call of the method that builds it, observer or not.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Report(DriverInstance instance, nuint driverId, uint message, nint lParam1, nint lParam2, nint result)
        => observer!.OnMessage(new DriverMessageRecord(new HDRVR(instance.Handle), driverId, message, lParam1, lParam2, result, instance.Target.FilePath));
}
