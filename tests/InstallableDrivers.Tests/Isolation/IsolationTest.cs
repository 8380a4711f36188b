using InstallableDrivers.Isolation;
using InstallableDrivers.Modules;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A test of drivers run in host processes: a manager whose loader is <see cref="IsolatedModuleLoader"/> (with
/// deadlines short enough for a test), over the test drivers; on Dispose the manager closes what is open, and no host
/// process may be left.
/// </summary>
[Collection(IsolationCollection.Name)]
public abstract class IsolationTest : IDisposable
{
    /// <summary>The deadline the hang tests wait for.</summary>
    protected static readonly TimeSpan ShortDeadline = TimeSpan.FromMilliseconds(200);

    private readonly List<string> crashedFiles = [];

    protected IsolationTest(TimeSpan? lifecycleDeadline = null, TimeSpan? messageDeadline = null)
    {
        Loader = new IsolatedModuleLoader(lifecycleDeadline ?? TimeSpan.FromSeconds(10), messageDeadline);
        Loader.ModuleCrashed += (file, _) =>
        {
            lock (crashedFiles)
            {
                crashedFiles.Add(file);
            }
        };
        Manager = CreateManager(Loader);
    }

    internal IsolatedModuleLoader Loader { get; }

    protected DriverManager Manager { get; }

    /// <summary>The files whose host crashed, as the loader's ModuleCrashed event told them, in order.</summary>
    protected IReadOnlyList<string> CrashedFiles
    {
        get
        {
            lock (crashedFiles)
            {
                return [.. crashedFiles];
            }
        }
    }

    internal static DriverManager CreateManager(IDriverModuleLoader loader, MemoryDriverRegistry? registry = null)
    {
        var options = new DriverManagerOptions { ModuleLoader = loader };
        options.DriverDirectories.Add(TestDrivers.Directory);
        return new DriverManager(registry ?? new MemoryDriverRegistry(), options);
    }

    public virtual void Dispose()
    {
        Manager.Dispose();
        HostProcesses.AssertNoneLeft();
        GC.SuppressFinalize(this);
    }
}
