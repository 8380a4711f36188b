namespace InstallableDrivers.Tests.Cli;

/// <summary>A class of drv tests: each test gets a fresh temporary registry, deleted after it.</summary>
public abstract class DrvTest : IDisposable
{
    private protected DrvHome Home { get; } = new();

    public void Dispose()
    {
        Home.Dispose();
        GC.SuppressFinalize(this);
    }
}
