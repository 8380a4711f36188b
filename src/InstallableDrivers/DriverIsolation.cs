namespace InstallableDrivers;

/// <summary>
/// Where a <see cref="DriverManager"/> runs the driver modules it opens: in this process, or each in a host process of
/// its own, where a crash or a hang of the driver ends only that host (docs/isolation.md, "Choosing isolation").
/// </summary>
/// <remarks>
/// Isolate a driver you did not build, a driver that has crashed before, and a codec that will be fed files from
/// people you do not trust: each is code that may fault, and in process its fault ends the application. In process is
/// faster (no copy of what a message points at, no second process) and is right for drivers you build and test yourself.
/// A file run both ways in one process is two modules, each with its own DRV_LOAD and DRV_FREE.
/// </remarks>
public enum DriverIsolation
{
    /// <summary>
    /// Each alias runs as its registry entry says: isolated if it was installed or switched so (<c>drv install
    /// --isolated</c>, <c>drv isolate ALIAS on</c>: <see cref="Registries.DriverInstallRecord.Isolated"/>), in this process
    /// otherwise. A driver opened by its file name, which has no registry entry, runs in this process. The default.
    /// </summary>
    AsRegistered = 0,

    /// <summary>Every module runs in this process, whatever the registry says.</summary>
    None,

    /// <summary>Every module runs isolated, in a host process of its own, whatever the registry says; opens by file name too.</summary>
    All,
}
