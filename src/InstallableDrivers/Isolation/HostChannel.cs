using System.Runtime.InteropServices;

namespace InstallableDrivers.Isolation;

/// <summary>
/// The application's end of the channel to a driver host process: the functions of
/// <c>libinstallable_drivers_isolation.so</c> (Native/isolation_app.c), built beside this assembly and loaded only from
/// there. A channel is an opaque pointer; its slots are <see cref="HostSlot"/>s in the shared arena.
/// </summary>
internal static unsafe partial class HostChannel
{
    private const string Library = "installable_drivers_isolation";

    /// <summary>Results of <see cref="Call"/> and <see cref="Resume"/> (isolation_channel.h, isolation_app.c).</summary>
    public const int Done = 2, Nested = 3, Dead = 7, TimedOut = -1, Broken = -2;

    /// <summary>Results of <see cref="Start"/>; any other (1) means the host could not be started at all.</summary>
    public const int Started = 0, LoadFailed = 2, EndedWhileLoading = 3, StartTimedOut = 4;

    /// <summary>How a host ended (<see cref="ExitStatus"/>): siginfo's CLD_* codes, or <see cref="Unknown"/> when another reaper took its status.</summary>
    public const int Unknown = -1, Exited = 1, Killed = 2, Dumped = 3;

    /// <summary>Ops of a request to the host.</summary>
    public const uint OpDriverProc = 1, OpFindExport = 3, OpCallExport = 4;

    /// <summary>Ops of a request from the host.</summary>
    public const uint OpOpen = 10, OpClose = 11, OpSend = 12, OpModuleHandle = 13, OpCallback = 14;

    /// <summary>Slots per arena: calls that may be in flight at once, nested ones included.</summary>
    public const int SlotCount = 64;

    /// <summary>Bytes of a slot's scratch area (<see cref="HostSlot.Scratch"/>).</summary>
    public const int ScratchSize = 4096;

    /// <summary>Bytes of an arena before its heap: the header and the slots.</summary>
    public static int HeapOffset => sizeof(HostArenaHeader) + SlotCount * sizeof(HostSlot);

    /// <summary>The arena's header.</summary>
    public static HostArenaHeader* Header(nint channel) => (HostArenaHeader*)idh_arena(channel);

    /// <summary>
    /// Starts a host on a driver file; see idh_start. <paramref name="hostArgument"/> comes first when the host program is
    /// a runner (the dotnet muxer and the .NET host's dll); <paramref name="environment"/> names the variables the host
    /// receives, with this process's values.
    /// </summary>
    public static int Start(string hostPath, string? hostArgument, string driverPath, IReadOnlyList<string> environment, long arenaSize, TimeSpan timeout,
        out nint channel, out int exitKind, out int exitValue, out string error)
    {
        var text = stackalloc byte[1024];
        int kind, value;
        nint created;
        var code = idh_start(hostPath, hostArgument, driverPath, string.Join(':', environment), (ulong)arenaSize, (long)(timeout.TotalMilliseconds * 1_000_000), &created, &kind, &value, text, 1024);
        channel = created;
        exitKind = kind;
        exitValue = value;
        error = code == Started ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
        return code;
    }

    /// <summary>The arena's address: the same in both processes.</summary>
    public static nint Arena(nint channel) => idh_arena(channel);

    /// <summary>A slot of the arena.</summary>
    public static HostSlot* Slot(nint channel, int index) => (HostSlot*)(idh_arena(channel) + sizeof(HostArenaHeader)) + index;

    [LibraryImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    private static partial int idh_start([MarshalAs(UnmanagedType.LPUTF8Str)] string hostPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string? hostArgument,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string driverPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string environment,
        ulong arenaSize, long timeoutNs, nint* channel, int* exitKind, int* exitValue, byte* error, int errorSize);

    [LibraryImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    private static partial nint idh_arena(nint channel);

    /// <summary>Claims a slot: its index, -1 when the host is gone, -2 when every slot is busy.</summary>
    [LibraryImport(Library, EntryPoint = "idh_acquire")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial int Acquire(nint channel);

    /// <summary>Returns a slot.</summary>
    [LibraryImport(Library, EntryPoint = "idh_release")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void Release(nint channel, int index);

    /// <summary>Posts the request written into a slot and waits: <see cref="Done"/>, <see cref="Nested"/>, <see cref="Dead"/>, <see cref="TimedOut"/> or <see cref="Broken"/>.</summary>
    [LibraryImport(Library, EntryPoint = "idh_call")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial int Call(nint channel, int index, long timeoutNs);

    /// <summary>Answers the host's request inside a call and waits for the call again, as <see cref="Call"/>.</summary>
    [LibraryImport(Library, EntryPoint = "idh_resume")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial int Resume(nint channel, int index, long result, long timeoutNs);

    /// <summary>Waits for a request the host makes outside any call: its slot, or -1 once the host is gone.</summary>
    [LibraryImport(Library, EntryPoint = "idh_pump_next")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial int PumpNext(nint channel);

    /// <summary>Answers a request <see cref="PumpNext"/> returned.</summary>
    [LibraryImport(Library, EntryPoint = "idh_pump_answer")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void PumpAnswer(nint channel, int index, long result);

    /// <summary>Kills the host (SIGKILL through its pidfd).</summary>
    [LibraryImport(Library, EntryPoint = "idh_kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void Kill(nint channel);

    /// <summary>Waits until the host has ended and been reaped.</summary>
    [LibraryImport(Library, EntryPoint = "idh_wait_dead")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void WaitDead(nint channel);

    /// <summary>How the host ended: <paramref name="kind"/> <see cref="Exited"/> (value: exit code), <see cref="Killed"/> or <see cref="Dumped"/> (value: signal), or <see cref="Unknown"/>. False while it runs.</summary>
    public static bool ExitStatus(nint channel, out int kind, out int value)
    {
        int k, v;
        var ended = idh_exit_status(channel, &k, &v) != 0;
        kind = k;
        value = v;
        return ended;
    }

    [LibraryImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    private static partial int idh_exit_status(nint channel, int* kind, int* value);

    /// <summary>Asks the host to unload the driver and exit; kills it after <paramref name="graceNs"/>; returns once it is reaped.</summary>
    [LibraryImport(Library, EntryPoint = "idh_shutdown")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void Shutdown(nint channel, long graceNs);

    /// <summary>Frees an ended host's channel: its watcher thread, arena mapping and descriptors.</summary>
    [LibraryImport(Library, EntryPoint = "idh_free")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory)]
    public static partial void Free(nint channel);
}
