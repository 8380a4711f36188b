using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace InstallableDrivers.Modules;

/// <summary>
/// A .NET assembly that names its driver type with <see cref="InstallableDriverAttribute"/>, loaded into its own
/// collectible <see cref="DriverLoadContext"/> and unloaded with it.
/// </summary>
internal sealed class ManagedDriverModule : DriverModule
{
    private static long nextModuleHandle;

    private readonly DriverLoadContext context;
    private IDriverProc? driver;

    private ManagedDriverModule(DriverLoadContext context, IDriverProc driver)
    {
        this.context = context;
        this.driver = driver;
        // Distinct per load, nonzero, and far below any address a native library could be mapped at.
        ModuleHandle = (nint)(Interlocked.Increment(ref nextModuleHandle) << 4);
    }

    public override nint ModuleHandle { get; }

    /// <summary>The driver object; null once unloaded.</summary>
    public IDriverProc? Driver => driver;

    public override IDriverProc? DriverObject => driver;

    public override nint FindExport(string name) => 0;

    /// <summary>Loads the assembly, creates its driver object, and returns the module.</summary>
    /// <exception cref="DriverOpenException">The assembly names no usable driver type, or its constructor threw.</exception>
    public static ManagedDriverModule Load(string filePath)
    {
        var context = new DriverLoadContext(filePath);
        try
        {
            var type = FindDriverType(context);
            IDriverProc driver;
            try
            {
                driver = (IDriverProc)Activator.CreateInstance(type)!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new DriverOpenException(DriverFailureReason.DriverFault,
                    $"The driver type {type.FullName} in '{filePath}' threw from its constructor: {e.InnerException.GetType().Name}: {e.InnerException.Message}", e.InnerException);
            }

            return new ManagedDriverModule(context, driver);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    public override void Unload()
    {
        // Drop the last reference into the context before unloading it, so the collector can take it.
        driver = null;
        context.Unload();
    }

    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    private static Type FindDriverType(DriverLoadContext context)
    {
        var path = context.DriverPath;
        Assembly assembly;
        try
        {
            assembly = context.LoadDriverAssembly();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw Inspection.DriverFileErrors.NotADriver(path, $"it could not be loaded as a .NET assembly ({e.Message})", e);
        }

        InstallableDriverAttribute? attribute;
        try
        {
            attribute = assembly.GetCustomAttribute<InstallableDriverAttribute>();
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new DriverOpenException(DriverFailureReason.NotADriver,
                $"'{path}' is not a usable driver: its driver attribute could not be read ({e.Message}). Is a dependency missing from its folder or its .deps.json?", e);
        }

        var type = attribute?.DriverType ?? throw Inspection.ManagedDriverMetadata.NoAttribute(path);
        if (!typeof(IDriverProc).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw Inspection.ManagedDriverMetadata.UnusableType(path, type.FullName);
        }

        return type;
    }
}
