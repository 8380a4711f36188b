namespace InstallableDrivers.Modules;

/// <summary>Loads a resolved driver file as the kind of module it is.</summary>
internal static class DriverModuleLoader
{
    /// <summary>Loads the driver file at a full path.</summary>
    /// <exception cref="DriverOpenException">The file is missing, may not be read, or is not a driver.</exception>
    public static DriverModule Load(string filePath)
    {
        // The file's content decides, not its name: registry values look the same for both kinds. Reading it first also
        // refuses what the loader would choke on (a truncated copy, another machine's library) with a reason.
        return Inspection.CheckedDriverImages.Read(filePath).Kind == DriverKind.Managed
            ? ManagedDriverModule.Load(filePath)
            : NativeDriverModule.Load(filePath);
    }
}
