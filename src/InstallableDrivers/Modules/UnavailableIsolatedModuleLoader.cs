namespace InstallableDrivers.Modules;

/// <summary>
/// The isolated loader of a runtime built without a host process: every load fails, saying so. A manager's isolated
/// opens go here (<see cref="DriverManagerOptions.IsolatedModuleLoader"/>) rather than silently into this process, for a
/// driver that was meant to run isolated must never take the application down instead.
/// </summary>
internal sealed class UnavailableIsolatedModuleLoader : IDriverModuleLoader
{
    private UnavailableIsolatedModuleLoader()
    {
    }

    /// <summary>The one instance: one loader, so one (always empty) module table in the process.</summary>
    public static UnavailableIsolatedModuleLoader Instance { get; } = new();

    /// <exception cref="DriverOpenException">Always, with <see cref="DriverFailureReason.NotADriver"/>.</exception>
    public DriverModule Load(string filePath) => throw new DriverOpenException(DriverFailureReason.NotADriver,
        $"'{filePath}' is to run isolated, in a host process of its own, and isolation is not available in this build of the "
        + "runtime. Run it in this process instead: DriverManagerOptions.Isolation = DriverIsolation.None, or 'drv isolate ALIAS off'.");
}
