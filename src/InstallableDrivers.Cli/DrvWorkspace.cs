using InstallableDrivers.Registries;

namespace InstallableDrivers.Cli;

/// <summary>
/// What one drv command works on: the registry file, the install and crash records beside its aliases, and a manager that looks
/// for bare driver file names in the registry's <c>drivers</c> folder, as <see cref="DriverManager.Default"/> does.
/// </summary>
internal sealed class DrvWorkspace : IDisposable
{
    public DrvWorkspace(string registryPath, bool verifyIntegrity, DriverIsolation isolation, IDriverMessageObserver? observer = null)
    {
        RegistryPath = registryPath;
        Registry = new IniDriverRegistry(registryPath);
        Metadata = new DriverMetadataStore(Registry);
        Crashes = new DriverCrashLog(Registry);
        var options = new DriverManagerOptions { VerifyIntegrity = verifyIntegrity, Isolation = isolation, MessageObserver = observer };
        options.DriverDirectories.Add(DriverRegistryLocation.DefaultDriverDirectory(registryPath));
        Manager = new DriverManager(Registry, options);
    }

    public string RegistryPath { get; }

    public IniDriverRegistry Registry { get; }

    public DriverMetadataStore Metadata { get; }

    public DriverCrashLog Crashes { get; }

    public DriverManager Manager { get; }

    /// <summary>Opens an alias of a section for a command that talks to the driver; a missing alias is <see cref="ExitCode.NotFound"/>.</summary>
    public Driver OpenAlias(string alias, string section)
    {
        RequireAlias(alias, section);
        return Manager.Open(alias, section);
    }

    /// <summary>Throws <see cref="ExitCode.NotFound"/> unless the alias exists in the section; returns its value.</summary>
    public string RequireAlias(string alias, string section) => Registry.GetValue(section, alias)
        ?? throw new CliException(ExitCode.NotFound, $"There is no alias '{alias}' in [{section}] of {RegistryPath}; 'drv list' shows what is installed.");

    public void Dispose() => Manager.Dispose();
}
