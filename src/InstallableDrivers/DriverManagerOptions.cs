using InstallableDrivers.Modules;
using Microsoft.Extensions.Logging;

namespace InstallableDrivers;

/// <summary>Settings of a <see cref="DriverManager"/>.</summary>
public sealed class DriverManagerOptions
{
    /// <summary>
    /// The folders a bare driver file name (a registry value or driver name that is not an absolute path) is looked for
    /// in, in order. Each must be a fully qualified path. The current directory is never searched.
    /// </summary>
    public IList<string> DriverDirectories { get; } = new List<string>();

    /// <summary>Where failures and misbehaving drivers are reported; nothing is logged when null.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Sees every message the manager delivers to a driver, lifecycle messages included, with its result. Null (the
    /// default) costs nothing on the send path but a null check.
    /// </summary>
    public IDriverMessageObserver? MessageObserver { get; set; }

    /// <summary>
    /// Whether opening an alias that has an install record (<see cref="Registries.DriverMetadataStore"/>) first checks that
    /// its file still has the recorded SHA-256 and size, and refuses a changed file with
    /// <see cref="DriverFailureReason.IntegrityFailure"/>. True by default. A file is hashed again only when its size or
    /// last-write time changed since the manager last hashed it. Aliases without a record and opens by file name are
    /// never checked.
    /// </summary>
    public bool VerifyIntegrity { get; set; } = true;

    /// <summary>
    /// Which modules run isolated, each in a host process of its own, and which in this process:
    /// <see cref="DriverIsolation.AsRegistered"/> (the default) as each alias's registry entry says, in process when it says
    /// nothing; <see cref="DriverIsolation.None"/> all in process; <see cref="DriverIsolation.All"/> all isolated. Isolate
    /// drivers you did not build, drivers that have crashed, and codecs that will be fed untrusted files: their faults then
    /// end only their host. <see cref="DriverManager.Resolve"/> tells where an open would run (<see cref="DriverTarget.Isolated"/>).
    /// </summary>
    public DriverIsolation Isolation { get; set; } = DriverIsolation.AsRegistered;

    /// <summary>Where the manager's driver files run when they run in this process.</summary>
    internal IDriverModuleLoader ModuleLoader { get; set; } = InProcessModuleLoader.Instance;

    /// <summary>Where the manager's driver files run when they run isolated (<see cref="Isolation"/>): each in a host process of its own.</summary>
    internal IDriverModuleLoader IsolatedModuleLoader { get; set; } = InstallableDrivers.Isolation.IsolatedModuleLoader.Instance;
}
