using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// A wave driver opened as the services open one (DRV_LOAD, DRV_ENABLE, DRV_OPEN through a DriverManager over a memory
/// registry, registered as <c>wave</c> with its args), and its wodMessage and widMessage, called directly.
/// </summary>
internal sealed unsafe class WaveDriverEntryPoints : IDisposable
{
    private readonly DriverManager manager;
    private readonly Driver driver;
    private readonly delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint> wodMessage;
    private readonly delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint> widMessage;

    public WaveDriverEntryPoints(string driverFile, string args)
    {
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", $"{driverFile} {args}");
        manager = TestDrivers.CreateManager(registry);
        driver = manager.Open("wave");
        var module = manager.GetDriverModuleHandle(driver.Handle);
        wodMessage = (delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)NativeLibrary.GetExport(module, "wodMessage");
        widMessage = (delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)NativeLibrary.GetExport(module, "widMessage");
    }

    /// <summary>Calls wodMessage for device 0 (the result of WODM_GETNUMDEVS is a count, not an MMRESULT).</summary>
    public MMRESULT Out(uint message, nuint user = 0, nuint param1 = 0, nuint param2 = 0) => (MMRESULT)wodMessage(0, message, user, param1, param2);

    /// <summary>Calls widMessage for device 0 (the result of WIDM_GETNUMDEVS is a count, not an MMRESULT).</summary>
    public MMRESULT In(uint message, nuint user = 0, nuint param1 = 0, nuint param2 = 0) => (MMRESULT)widMessage(0, message, user, param1, param2);

    public void Dispose()
    {
        driver.Dispose();
        manager.Dispose();
    }
}
