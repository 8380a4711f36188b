using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Support;

/// <summary>
/// A test of the trace drivers: a fresh sink, a memory registry and a manager that finds the test drivers by bare name.
/// Derived classes join <see cref="TraceCollection"/>, since the sink is shared.
/// </summary>
public abstract class TraceDriverTest : IDisposable
{
    protected TraceDriverTest()
    {
        TraceSink.Reset();
        Manager = TestDrivers.CreateManager(Registry);
    }

    /// <summary>The registry the manager looks aliases up in.</summary>
    protected MemoryDriverRegistry Registry { get; } = new();

    /// <summary>The manager under test; disposed after the test.</summary>
    protected DriverManager Manager { get; }

    public void Dispose()
    {
        Manager.Dispose();
        GC.SuppressFinalize(this);
    }
}
