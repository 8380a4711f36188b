using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The callback the services give every driver (as winmm interposes its own): the driver's DriverCallback reaches
/// <see cref="OnDriverCallback"/> with the stream's handle as its instance, and the stream updates its bookkeeping and
/// then tells the application as it asked.
/// </summary>
internal static unsafe class WaveCallbackRouter
{
    /// <summary>The CALLBACK_FUNCTION address drivers receive in WAVEOPENDESC.dwCallback.</summary>
    public static nuint Function => (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&OnDriverCallback;

    [UnmanagedCallersOnly]
    private static void OnDriverCallback(nint device, uint message, nuint instance, nuint param1, nuint param2) =>
        WaveHandles.Find((nint)instance)?.OnDriverCallback(message, param1, param2);
}
