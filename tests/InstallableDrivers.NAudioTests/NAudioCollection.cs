namespace InstallableDrivers.NAudioTests;

/// <summary>The NAudio tests share the process's default services, so they run one at a time over one set of devices.</summary>
[CollectionDefinition(Name)]
public sealed class NAudioCollection : ICollectionFixture<WaveFileDevices>
{
    public const string Name = "NAudio";
}
