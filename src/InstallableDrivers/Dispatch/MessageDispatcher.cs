using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace InstallableDrivers.Dispatch;

/// <summary>Delivers messages to driver instances: every call into driver code goes through here.</summary>
internal sealed unsafe partial class MessageDispatcher(IDriverMessageObserver? observer, ILogger logger)
{
    private static readonly DriverFailure ClosedHandle =
        new(DriverFailureReason.InvalidHandle, "The driver handle was closed while the message was being sent.");

    /// <summary>The exception a .NET driver threw in the calling thread's last call that faulted, until taken.</summary>
    [ThreadStatic] private static Exception? lastFault;

    /// <summary>
    /// Sends an ordinary message to an open instance; returns 0 without calling the driver if the instance is no
    /// longer open. Takes no lock and allocates nothing.
    /// </summary>
    /// <remarks>
    /// Native and .NET drivers take separate paths: the .NET one needs a catch. A catch in the shared method slowed the
    /// native send, and a catch in a method of its own, called from the send, cost the .NET path a call
    /// (docs/performance.md, "Two send methods", has the figures).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public nint Send(DriverInstance instance, uint message, nint lParam1, nint lParam2)
        => instance.NativeDriverProc != null
            ? SendNative(instance, message, lParam1, lParam2)
            : SendManaged(instance, message, lParam1, lParam2);

    private nint SendNative(DriverInstance instance, uint message, nint lParam1, nint lParam2)
    {
        nint result;
        using (new DriverCodeScope(instance))
        {
            if (IsClosing(instance))
            {
                return 0;
            }

            result = instance.NativeDriverProc(instance.DriverId, instance.Handle, message, lParam1, lParam2);
        }

        if (observer is not null)
        {
            Report(instance, instance.DriverId, message, lParam1, lParam2, result);
        }

        return result;
    }

    private nint SendManaged(DriverInstance instance, uint message, nint lParam1, nint lParam2)
    {
        nint result;
        using (new DriverCodeScope(instance))
        {
            if (IsClosing(instance))
            {
                return 0;
            }

            try
            {
                result = instance.ManagedDriverProc!.DriverProc(instance.DriverId, new HDRVR(instance.Handle), message, lParam1, lParam2);
            }
            catch (Exception e)
            {
                result = Fault(instance, e, message);
            }
        }

        if (observer is not null)
        {
            Report(instance, instance.DriverId, message, lParam1, lParam2, result);
        }

        return result;
    }

    /// <summary>True, with the reason recorded, if the instance stopped being open before its message could be delivered.</summary>
    private static bool IsClosing(DriverInstance instance)
    {
        if (DriverCodeScope.MayCall(instance))
        {
            return false;
        }

        DriverManager.SetLastError(ClosedHandle);
        return true;
    }

    /// <summary>Delivers a lifecycle message with an explicit driver id, whatever the instance's state.</summary>
    public nint Call(DriverInstance instance, nuint driverId, uint message, nint lParam1, nint lParam2)
    {
        nint result;
        using (new DriverCodeScope(instance))
        {
            try
            {
                result = instance.NativeDriverProc != null
                    ? instance.NativeDriverProc(driverId, instance.Handle, message, lParam1, lParam2)
                    : instance.ManagedDriverProc!.DriverProc(driverId, new HDRVR(instance.Handle), message, lParam1, lParam2);
            }
            catch (Exception e)
            {
                result = Fault(instance, e, message);
            }
        }

        if (observer is not null)
        {
            Report(instance, driverId, message, lParam1, lParam2, result);
        }

        return result;
    }

    /// <summary>
    /// Delivers a message whose answer matters (DRV_LOAD, DRV_OPEN), and says whether a .NET driver threw instead of
    /// answering.
    /// </summary>
    public nint Call(DriverInstance instance, nuint driverId, uint message, nint lParam1, nint lParam2, out Exception? fault)
    {
        lastFault = null;
        var result = Call(instance, driverId, message, lParam1, lParam2);
        fault = lastFault;
        lastFault = null;
        return result;
    }

    /// <summary>
    /// What a .NET driver's exception becomes: it never reaches the sender and never crashes the host. The message
    /// returns 0, the exception is logged with the driver's alias, and kept for an open that needs to say why it failed.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private nint Fault(DriverInstance instance, Exception exception, uint message)
    {
        lastFault = exception;
        LogDriverThrew(exception, instance.Target.Alias ?? Path.GetFileName(instance.Target.FilePath), message, instance.Target.FilePath);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Driver {Alias} threw while handling message 0x{Message:X4} ({FilePath}); the message returns 0")]
    private partial void LogDriverThrew(Exception exception, string alias, uint message, string filePath);

    /// <summary>
    /// Tells the observer. Kept out of the send path's frame: the record holds a string, and a struct holding a reference
    /// is zeroed in the prologue of every call of the method that builds it, observer or not.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Report(DriverInstance instance, nuint driverId, uint message, nint lParam1, nint lParam2, nint result)
        => observer!.OnMessage(new DriverMessageRecord(new HDRVR(instance.Handle), driverId, message, lParam1, lParam2, result, instance.Target.FilePath));
}
