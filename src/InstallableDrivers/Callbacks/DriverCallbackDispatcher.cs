using System.Runtime.InteropServices;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Callbacks;

/// <summary>DriverCallback (docs/contract.md#defdriverproc): notifies a client the way its callback flags ask.</summary>
internal static unsafe partial class DriverCallbackDispatcher
{
    /// <summary>
    /// Where DriverCallback goes instead of this process's clients: set only inside a .NET driver host process
    /// (src/InstallableDrivers.DriverHost), whose clients are in the application, over the channel. Null in an application.
    /// </summary>
    internal static Func<nuint, uint, HDRVR, uint, nuint, nuint, nuint, bool>? Forward { get; set; }

    /// <summary>
    /// CALLBACK_FUNCTION addresses that are this process's own managed code (an <c>[UnmanagedCallersOnly]</c> method of a
    /// service, such as the wave services' interposed callback), each with the same method as a managed function
    /// pointer: DriverCallback calls that one directly, sparing a managed-to-native transition and the reverse one into
    /// the same code (about half of what the wave services add to a waveOutWrite). Pairs of [address, target]; replaced
    /// whole, never changed in place, so a reader sees one consistent array.
    /// </summary>
    private static nint[] managedFunctions = [];

    private static readonly Lock Registering = new();

    /// <summary>
    /// Registers <paramref name="target"/> as the managed twin of the unmanaged function at <paramref name="address"/>:
    /// both must be the same code, since which one runs is not the caller's to see.
    /// </summary>
    internal static void RegisterManagedFunction(nuint address, delegate*<nint, uint, nuint, nuint, nuint, void> target)
    {
        lock (Registering)
        {
            managedFunctions = [.. managedFunctions, (nint)address, (nint)target];
        }
    }

    public static bool Invoke(nuint callback, uint flags, HDRVR device, uint message, nuint user, nuint param1, nuint param2)
    {
        if (Forward is { } forward)
        {
            return forward(callback, flags, device, message, user, param1, param2);
        }

        if (callback == 0)
        {
            return false;
        }

        switch (flags & DCB_TYPEMASK)
        {
            case DCB_FUNCTION:
                var managed = managedFunctions;
                for (var i = 0; i < managed.Length; i += 2)
                {
                    if (managed[i] == (nint)callback)
                    {
                        ((delegate*<nint, uint, nuint, nuint, nuint, void>)managed[i + 1])(device.Value, message, user, param1, param2);
                        return true;
                    }
                }

                // void CALLBACK DriverCallbackProc(HDRVR, UINT, DWORD_PTR, DWORD_PTR, DWORD_PTR)
                ((delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)callback)(device.Value, message, user, param1, param2);
                return true;
            case DCB_EVENT:
                return DriverCallbackEvents.TrySignal(callback);
            case DCB_WINDOW:
                return OperatingSystem.IsWindows() && PostMessageW((nint)callback, message, (nuint)device.Value, (nint)param1);
            case DCB_TASK:
                return OperatingSystem.IsWindows() && PostThreadMessageW((uint)callback, message, (nuint)device.Value, (nint)param1);
            default:
                return false;
        }
    }

    // Windows has window and thread message queues; elsewhere these are never called.
    [LibraryImport("user32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool PostMessageW(nint window, uint message, nuint wParam, nint lParam);

    [LibraryImport("user32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool PostThreadMessageW(uint threadId, uint message, nuint wParam, nint lParam);
}
