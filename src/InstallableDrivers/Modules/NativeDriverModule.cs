using System.Runtime.InteropServices;

namespace InstallableDrivers.Modules;

/// <summary>A shared library (.so, .dll, .dylib) that exports <c>DriverProc</c>.</summary>
internal sealed unsafe class NativeDriverModule : DriverModule
{
    private readonly nint library;
    private readonly delegate* unmanaged<nuint, nint, uint, nint, nint, nint> driverProc;

    private NativeDriverModule(nint library, nint driverProc)
    {
        this.library = library;
        // The platform's default unmanaged convention is the one Win32 driver source compiles to: stdcall (CALLBACK)
        // on 32-bit Windows, the C convention everywhere else.
        this.driverProc = (delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)driverProc;
    }

    public override nint ModuleHandle => library;

    /// <summary>The exported DriverProc.</summary>
    public delegate* unmanaged<nuint, nint, uint, nint, nint, nint> DriverProc => driverProc;

    /// <summary>Loads <paramref name="filePath"/> and finds its DriverProc; on any failure nothing stays loaded.</summary>
    /// <exception cref="DriverOpenException">The file is not a loadable library, or exports no DriverProc.</exception>
    public static NativeDriverModule Load(string filePath)
    {
        var library = LoadLibrary(filePath);

        if (!NativeLibrary.TryGetExport(library, Inspection.DriverImage.DriverProcExport, out var proc))
        {
            NativeLibrary.Free(library);
            throw Inspection.DriverFileErrors.NoDriverProc(filePath);
        }

        return new NativeDriverModule(library, proc);
    }

    /// <summary>
    /// Loads the library. On Linux every symbol is bound now (RTLD_NOW), so a driver that calls a function nothing
    /// provides (a Win32 API this platform lacks) fails to open with the linker's reason, instead of taking the process
    /// down at its first call, as the lazy binding NativeLibrary uses would.
    /// </summary>
    private static nint LoadLibrary(string filePath)
    {
        if (OperatingSystem.IsLinux())
        {
            var library = Native.DynamicLinker.Open(filePath, Native.DynamicLinker.RTLD_NOW, out var error);
            return library != 0 ? library : throw NotALibrary(filePath, error, null);
        }

        try
        {
            return NativeLibrary.Load(filePath);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw NotALibrary(filePath, e.Message, e);
        }
    }

    private static DriverOpenException NotALibrary(string filePath, string? reason, Exception? inner) =>
        Inspection.DriverFileErrors.NotADriver(filePath, $"it could not be loaded as a shared library ({reason})", inner);

    public override nint FindExport(string name) => NativeLibrary.TryGetExport(library, name, out var address) ? address : 0;

    public override void Unload() => NativeLibrary.Free(library);
}
