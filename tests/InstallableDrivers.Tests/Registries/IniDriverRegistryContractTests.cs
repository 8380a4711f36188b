using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

/// <summary>The shared contract, against a file; each test also checks that a fresh instance reads the same from disk.</summary>
public sealed class IniDriverRegistryContractTests : DriverRegistryContract, IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public IniDriverRegistryContractTests() => Registry = new IniDriverRegistry(directory.File("system.ini"));

    protected override IDriverRegistry Registry { get; }

    public void Dispose()
    {
        var reopened = new IniDriverRegistry(directory.File("system.ini"));
        Assert.Equal(Registry.GetSections(), reopened.GetSections());
        foreach (var section in Registry.GetSections())
        {
            Assert.Equal(Registry.GetAliases(section), reopened.GetAliases(section));
            Assert.All(Registry.GetAliases(section), alias => Assert.Equal(Registry.GetValue(section, alias), reopened.GetValue(section, alias)));
        }

        directory.Dispose();
    }
}
