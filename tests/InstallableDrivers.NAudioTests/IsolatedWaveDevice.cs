using System.Security.Cryptography;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Registries;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// A wave driver installed isolated (its install record says <c>isolated=yes</c>, as <c>drv install --isolated</c> writes
/// it) as wave device <see cref="DeviceNumber"/> of the process's registry, for the life of one test: the services reach
/// it in a host process of its own (docs/isolation.md). Tests that use it belong to <see cref="NAudioCollection"/>.
/// </summary>
internal sealed class IsolatedWaveDevice : IDisposable
{
    /// <summary>The device id: after the two WAV-file devices.</summary>
    public const int DeviceNumber = 2;

    private const string Alias = "wave2";

    /// <param name="driver">The driver file's name in the drivers folder.</param>
    /// <param name="args">The registry line's args.</param>
    public IsolatedWaveDevice(string driver, string args)
    {
        NAudioAcm.EnsureReady();
        var file = Path.Combine(AppContext.BaseDirectory, "drivers", driver);
        var bytes = File.ReadAllBytes(file);
        var registry = DriverManager.Default.Registry;
        new DriverMetadataStore(registry).Set(DriverRegistryLocation.DefaultSection, Alias,
            new DriverInstallRecord(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, DateTimeOffset.UtcNow) { Isolated = true });
        registry.SetValue(DriverRegistryLocation.DefaultSection, Alias, $"{file} {args}");
        WaveServices.Default.RefreshDevices();
    }

    public void Dispose()
    {
        var registry = DriverManager.Default.Registry;
        registry.DeleteValue(DriverRegistryLocation.DefaultSection, Alias);
        new DriverMetadataStore(registry).Delete(DriverRegistryLocation.DefaultSection, Alias);
        WaveServices.Default.RefreshDevices();
    }
}
