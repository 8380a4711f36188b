using System.Runtime.InteropServices;
using InstallableDrivers.Callbacks;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The callback the services give every driver (as winmm interposes its own): the driver's DriverCallback reaches
/// <see cref="Route"/> with the stream's handle as its instance, and the stream updates its bookkeeping and then tells
/// the application as it asked.
/// </summary>
internal static unsafe class WaveCallbackRouter
{
    /// <summary>
    /// The CALLBACK_FUNCTION address drivers receive in WAVEOPENDESC.dwCallback. DriverCallback knows it as this
    /// process's own code and calls <see cref="Route"/> without leaving managed code; a driver that calls the address
    /// itself reaches the same method through <see cref="OnDriverCallback"/>.
    /// </summary>
    public static nuint Function { get; } = Register();

    private static nuint Register()
    {
        var address = (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&OnDriverCallback;
        DriverCallbackDispatcher.RegisterManagedFunction(address, &Route);
        return address;
    }

    [UnmanagedCallersOnly]
    private static void OnDriverCallback(nint device, uint message, nuint instance, nuint param1, nuint param2) =>
        Route(device, message, instance, param1, param2);

    private static void Route(nint device, uint message, nuint instance, nuint param1, nuint param2) =>
        WaveHandles.Find((nint)instance)?.OnDriverCallback(message, param1, param2);
}
