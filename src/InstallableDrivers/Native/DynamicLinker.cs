using System.Runtime.InteropServices;

namespace InstallableDrivers.Native;

/// <summary>The Linux dynamic linker, for the two loads NativeLibrary cannot make: binding every symbol at once, and globally.</summary>
internal static partial class DynamicLinker
{
    public const int RTLD_NOW = 0x2, RTLD_GLOBAL = 0x100;

    /// <summary>Loads a library; returns 0 and the linker's reason on failure.</summary>
    public static nint Open(string path, int flags, out string? error)
    {
        // dlerror reports the thread's last dl* failure; clearing it first also binds its own stub, whose first call
        // would otherwise look symbols up and reset the very error it is asked for.
        dlerror();
        var library = dlopen(path, flags);
        error = library == 0 ? Marshal.PtrToStringUTF8(dlerror()) : null;
        return library;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint dlopen(string path, int flags);

    [LibraryImport("libc")]
    private static partial nint dlerror();
}
