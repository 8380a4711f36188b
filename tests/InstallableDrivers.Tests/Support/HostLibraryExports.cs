using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Support;

/// <summary>
/// The functions the host library (libinstallable_drivers_host.so, beside the runtime) exports to native drivers, looked
/// up by name so tests call exactly what a driver's references resolve to.
/// </summary>
internal static class HostLibraryExports
{
    private static readonly Lazy<nint> Library = new(() =>
        NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "libinstallable_drivers_host.so")));

    /// <summary>The address of an exported function; fails the test if the host library does not export it.</summary>
    public static nint Get(string name) =>
        NativeLibrary.TryGetExport(Library.Value, name, out var address)
            ? address
            : throw new InvalidOperationException($"the host library exports no '{name}'");
}
