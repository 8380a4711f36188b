namespace InstallableDrivers.Registries;

/// <summary>Where the driver registry file and the driver files live unless a host says otherwise.</summary>
public static class DriverRegistryLocation
{
    /// <summary>The section OpenDriver looks in when it is given none.</summary>
    public const string DefaultSection = "Drivers32";

    /// <summary>The environment variable that, when set, names the registry file (a fully qualified path).</summary>
    public const string EnvironmentVariable = "INSTALLABLE_DRIVERS_REGISTRY";

    private const string FileName = "system.ini";

    /// <summary>
    /// The registry file: <c>$INSTALLABLE_DRIVERS_REGISTRY</c> if set; else on Windows
    /// <c>%APPDATA%\InstallableDrivers\system.ini</c>; else <c>$XDG_CONFIG_HOME/installable-drivers/system.ini</c> if
    /// <c>XDG_CONFIG_HOME</c> is an absolute path, else <c>~/.config/installable-drivers/system.ini</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The environment variable is set to a path that is not fully qualified, or
    /// no home or application-data directory is known.</exception>
    public static string DefaultFilePath => GetDefaultFilePath(Environment.GetEnvironmentVariable, Environment.GetFolderPath);

    /// <summary>The folder where drivers registered by file name are looked for: <c>drivers</c> beside the registry file.</summary>
    /// <param name="registryFilePath">The registry file's fully qualified path.</param>
    /// <returns>The folder's path.</returns>
    /// <exception cref="ArgumentException"><paramref name="registryFilePath"/> is relative.</exception>
    public static string DefaultDriverDirectory(string registryFilePath)
    {
        ArgumentNullException.ThrowIfNull(registryFilePath);
        if (!Path.IsPathFullyQualified(registryFilePath))
        {
            throw new ArgumentException($"The registry file path must be fully qualified: \"{registryFilePath}\".", nameof(registryFilePath));
        }

        return Path.Combine(Path.GetDirectoryName(registryFilePath)!, "drivers");
    }

    /// <summary>Computes <see cref="DefaultFilePath"/> from the given environment, so that tests need not change the process's.</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; null if it is not set.</param>
    /// <param name="getFolderPath">Gives a special folder's path; empty if it is not known.</param>
    /// <returns>The registry file's path.</returns>
    internal static string GetDefaultFilePath(Func<string, string?> getEnvironmentVariable, Func<Environment.SpecialFolder, string> getFolderPath)
    {
        var configured = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            // A relative path would mean a different registry in every working directory.
            return Path.IsPathFullyQualified(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable} must be a fully qualified path, but it is \"{configured}\".");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(RequireFolder(getFolderPath, Environment.SpecialFolder.ApplicationData), "InstallableDrivers", FileName);
        }

        // The XDG base directory spec says to ignore a relative XDG_CONFIG_HOME.
        var xdgConfigHome = getEnvironmentVariable("XDG_CONFIG_HOME");
        var configHome = !string.IsNullOrEmpty(xdgConfigHome) && Path.IsPathFullyQualified(xdgConfigHome)
            ? xdgConfigHome
            : Path.Combine(RequireFolder(getFolderPath, Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "installable-drivers", FileName);
    }

    private static string RequireFolder(Func<Environment.SpecialFolder, string> getFolderPath, Environment.SpecialFolder folder)
    {
        var path = getFolderPath(folder);
        return !string.IsNullOrEmpty(path)
            ? path
            : throw new InvalidOperationException($"The {folder} folder is not known, so there is no default registry file; set {EnvironmentVariable}.");
    }
}
