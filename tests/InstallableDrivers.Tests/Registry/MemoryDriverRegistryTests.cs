using InstallableDrivers.Registry;

namespace InstallableDrivers.Tests.Registry;

public sealed class MemoryDriverRegistryTests : DriverRegistryContract
{
    protected override IDriverRegistry Registry { get; } = new MemoryDriverRegistry();
}
