using System.Runtime.InteropServices;
using InstallableDrivers.Isolation;

namespace InstallableDrivers.DriverHost;

/// <summary>
/// The channel's own C functions (Native/isolation_channel.c, in libinstallable_drivers_isolation.so beside
/// InstallableDrivers.dll): the .NET host waits, wakes, claims slots, starts and ends exactly as the native host does.
/// </summary>
internal static unsafe partial class ChannelFunctions
{
    private const string Library = "installable_drivers_isolation";

    [LibraryImport(Library, EntryPoint = "idh_futex_wait")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial int FutexWait(uint* word, uint expected, long timeoutNs);

    [LibraryImport(Library, EntryPoint = "idh_set_state")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void SetState(HostSlot* slot, uint state);

    [LibraryImport(Library, EntryPoint = "idh_host_map_arena")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial HostArenaHeader* MapArena(int fd, ulong address, ulong size);

    [LibraryImport(Library, EntryPoint = "idh_host_fail", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void Fail(HostArenaHeader* header, int code, string reason);

    [LibraryImport(Library, EntryPoint = "idh_host_no_core_dumps")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void NoCoreDumps();

    [LibraryImport(Library, EntryPoint = "idh_host_ready")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void Ready(HostArenaHeader* header, ulong moduleHandle, int application);

    [LibraryImport(Library, EntryPoint = "idh_host_ask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial long Ask(HostArenaHeader* arena, HostSlot* slot, delegate* unmanaged<int, void> ensureThread, uint op, long* args, int count, char* text0, char* text1);

    [LibraryImport(Library, EntryPoint = "idh_host_wait_for_application")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void WaitForApplication();
}
