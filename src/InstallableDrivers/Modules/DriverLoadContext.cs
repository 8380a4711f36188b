using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;

namespace InstallableDrivers.Modules;

/// <summary>
/// The collectible load context of one load of a .NET driver. The driver and its own dependencies (found through its
/// .deps.json) load here; the InstallableDrivers contract assembly is always the host's, so the driver's
/// <see cref="IDriverProc"/> is the host's type. Assemblies are read into memory rather than mapped, so the driver file
/// is never held open and can be replaced by a new build while, or after, the old one is loaded.
/// </summary>
internal sealed class DriverLoadContext : AssemblyLoadContext
{
    private static readonly Assembly Contract = typeof(IDriverProc).Assembly;

    private readonly AssemblyDependencyResolver resolver;

    public DriverLoadContext(string driverPath)
        : base($"InstallableDriver: {driverPath}", isCollectible: true)
    {
        DriverPath = driverPath;
        resolver = new AssemblyDependencyResolver(driverPath);
    }

    /// <summary>The driver assembly's path.</summary>
    public string DriverPath { get; }

    /// <summary>Loads the driver assembly itself.</summary>
    public Assembly LoadDriverAssembly() => LoadCopy(DriverPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // A driver built against the contract (or shipping its own copy of it) binds to the host's copy: one IDriverProc.
        if (string.Equals(assemblyName.Name, Contract.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return Contract;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadCopy(path);
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? 0 : LoadUnmanagedDllFromPath(path);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "Loading driver assemblies at run time is this type's purpose; a driver ships its own untrimmed code, and a trimmed host still runs native drivers.")]
    private Assembly LoadCopy(string path)
    {
        using var image = new MemoryStream(File.ReadAllBytes(path));
        var symbolsPath = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(symbolsPath))
        {
            return LoadFromStream(image);
        }

        using var symbols = new MemoryStream(File.ReadAllBytes(symbolsPath));
        return LoadFromStream(image, symbols);
    }
}
