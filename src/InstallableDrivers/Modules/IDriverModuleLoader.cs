namespace InstallableDrivers.Modules;

/// <summary>
/// Where and how a driver file runs: the policy a manager chooses (<see cref="DriverManagerOptions"/>), not a property
/// of the file. The runtime keeps one loaded module per file and loader in the process, so a file run by two loaders
/// (in process, and later in a host process) has two independent lifecycles.
/// </summary>
internal interface IDriverModuleLoader
{
    /// <summary>Loads the driver file at a full path.</summary>
    /// <exception cref="DriverOpenException">The file is missing or is not a driver.</exception>
    DriverModule Load(string filePath);
}
