using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

public sealed class MemoryDriverRegistryTests : DriverRegistryContract
{
    protected override IDriverRegistry Registry { get; } = new MemoryDriverRegistry();
}
