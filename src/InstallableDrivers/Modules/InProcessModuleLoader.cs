namespace InstallableDrivers.Modules;

/// <summary>Runs driver files in this process: a native library through the dynamic linker, a .NET assembly in a load context of its own.</summary>
internal sealed class InProcessModuleLoader : IDriverModuleLoader
{
    /// <summary>The one instance: it holds no state.</summary>
    public static InProcessModuleLoader Instance { get; } = new();

    private InProcessModuleLoader() { }

    /// <inheritdoc />
    /// <exception cref="DriverOpenException">The file is missing, may not be read, or is not a driver.</exception>
    public DriverModule Load(string filePath)
    {
        // The file's content decides, not its name: registry values look the same for both kinds. Reading it first also
        // refuses what the loader would choke on (a truncated copy, another machine's library) with a reason.
        return Inspection.CheckedDriverImages.Read(filePath).Kind == DriverKind.Managed
            ? ManagedDriverModule.Load(filePath)
            : NativeDriverModule.Load(filePath);
    }
}
