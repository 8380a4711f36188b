using InstallableDrivers.Tests.Support;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

public sealed class WindowsDriverRegistryTests
{
    [NotOnWindowsFact]
    public void It_cannot_be_created_off_Windows()
    {
        // The call is the point of the test: the analyzer rightly says it only works on Windows.
#pragma warning disable CA1416
        Assert.Throws<PlatformNotSupportedException>(() => new WindowsDriverRegistry());
#pragma warning restore CA1416
    }
}
