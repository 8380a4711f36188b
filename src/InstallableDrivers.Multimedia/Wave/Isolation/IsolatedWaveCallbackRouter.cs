using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Wave.Isolation;

/// <summary>
/// The callback an isolated wave driver is given in the WAVEOPENDESC it receives instead of the services' own: its
/// DriverCallback reaches the application through the isolation runtime, lands here with the stream's number as the
/// instance, and the stream translates its shadow header back to the application's before the services hear of it.
/// </summary>
internal static unsafe class IsolatedWaveCallbackRouter
{
    /// <summary>The CALLBACK_FUNCTION address put in the arena's WAVEOPENDESC.</summary>
    public static nuint Function => (nuint)(delegate* unmanaged<nint, uint, nuint, nuint, nuint, void>)&OnDriverCallback;

    [UnmanagedCallersOnly]
    private static void OnDriverCallback(nint device, uint message, nuint instance, nuint param1, nuint param2) =>
        IsolatedWaveStream.Find(instance)?.OnDriverCallback(message, param1, param2);
}
