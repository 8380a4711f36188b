namespace InstallableDrivers.Modules;

/// <summary>Loads a resolved driver file as the kind of module it is.</summary>
internal static class DriverModuleLoader
{
    /// <summary>Loads the driver file at a full path.</summary>
    /// <exception cref="DriverOpenException">The file is missing or is not a driver.</exception>
    public static DriverModule Load(string filePath)
    {
        if (!File.Exists(filePath))
        {
            throw new DriverOpenException(DriverFailureReason.FileNotFound, $"The driver file '{filePath}' does not exist.");
        }

        // The file's content decides, not its name: registry values look the same for both kinds.
        return ManagedDriverModule.IsManagedAssembly(filePath)
            ? ManagedDriverModule.Load(filePath)
            : NativeDriverModule.Load(filePath);
    }
}
