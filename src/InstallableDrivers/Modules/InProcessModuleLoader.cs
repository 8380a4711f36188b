namespace InstallableDrivers.Modules;

/// <summary>Runs driver files in this process: a native library through the dynamic linker, a .NET assembly in a load context of its own.</summary>
internal sealed class InProcessModuleLoader : IDriverModuleLoader
{
    /// <summary>The one instance: it holds no state.</summary>
    public static InProcessModuleLoader Instance { get; } = new();

    private InProcessModuleLoader() { }

    /// <inheritdoc />
    public DriverModule Load(string filePath)
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
