using InstallableDrivers.Modules;

namespace InstallableDrivers.Isolation;

/// <summary>
/// Runs each driver file in a host process of its own (docs/isolation.md): a native one in the host program, a .NET one
/// in the .NET host, behind the same lifecycle as in
/// process: the module table keeps one lifecycle per file and loader, so this loader starts one host per driver file for
/// the whole process, on the file's first open, and ends it after its DRV_FREE. That is the in-process rule (one
/// DRV_LOAD per loaded image per process) carried over: a host is the file's one loaded image for this process, and
/// every manager's instances of the file share it, as they would share the image in process.
/// </summary>
internal sealed class IsolatedModuleLoader : IDriverModuleLoader
{
    /// <summary>The host program for native drivers, built beside this assembly (build/HostLibraries.targets); never looked for elsewhere.</summary>
    public const string HostProgram = "installable-drivers-host";

    /// <summary>The host for .NET drivers (src/InstallableDrivers.DriverHost), copied beside this assembly by the projects that reference it.</summary>
    public const string DotNetHostAssembly = "installable-drivers-dotnet-host.dll";

    /// <summary>
    /// The environment variables a host receives by default (docs/isolation.md, "Least privilege"): where the user's
    /// audio configuration and sound servers are, which an isolated sound driver needs to find its devices (libasound
    /// reads its configuration from ALSA_CONFIG_PATH, ALSA_CONFIG_DIR, ~/.asoundrc and $XDG_CONFIG_HOME/alsa; the
    /// PulseAudio and PipeWire plugins find their servers under XDG_RUNTIME_DIR or PULSE_SERVER). Nothing else — no
    /// PATH, no LD_* variable, no secret an application keeps in its environment — reaches a driver.
    /// </summary>
    public static IReadOnlyList<string> DefaultEnvironment { get; } =
        ["HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "ALSA_CONFIG_PATH", "ALSA_CONFIG_DIR", "ALSA_CARD", "PULSE_SERVER", "PIPEWIRE_RUNTIME_DIR"];

    /// <summary>The loader with the default deadlines: the one a manager that isolates its drivers uses.</summary>
    public static IsolatedModuleLoader Instance { get; } = new();

    /// <summary>
    /// A loader with other deadlines. It is a separate table of modules: a file it opens runs in a host of its own, apart
    /// from the hosts of <see cref="Instance"/>.
    /// </summary>
    /// <param name="lifecycleDeadline">How long DRV_LOAD, DRV_ENABLE, DRV_OPEN, DRV_CLOSE, DRV_DISABLE and DRV_FREE may take; 10 s by default.</param>
    /// <param name="messageDeadline">How long any other message may take; no limit by default.</param>
    /// <param name="arenaSize">Bytes of each host's shared arena; 4 MiB by default.</param>
    /// <param name="hostPath">The host program; <see cref="HostProgram"/> beside this assembly by default.</param>
    /// <param name="environment">The names of the environment variables each host receives (with this process's values); <see cref="DefaultEnvironment"/> by default.</param>
    public IsolatedModuleLoader(TimeSpan? lifecycleDeadline = null, TimeSpan? messageDeadline = null, long arenaSize = 4 << 20, string? hostPath = null,
        IReadOnlyList<string>? environment = null)
    {
        Environment = environment ?? DefaultEnvironment;
        LifecycleDeadline = lifecycleDeadline ?? TimeSpan.FromSeconds(10);
        MessageDeadline = messageDeadline;
        ArenaSize = arenaSize;
        HostPath = hostPath ?? Path.Combine(AppContext.BaseDirectory, HostProgram);
    }

    /// <summary>
    /// Raised once per crash of a host, on the thread that saw it: the driver file and how its host ended. The registry's
    /// crash record (and quarantine) hangs here. A handler must not throw (what it throws is dropped) and should be quick.
    /// </summary>
    public event Action<string, DriverCrash>? ModuleCrashed;

    /// <summary>How long a lifecycle message may take before the host is killed.</summary>
    public TimeSpan LifecycleDeadline { get; }

    /// <summary>How long any other message may take before the host is killed; null for no limit.</summary>
    public TimeSpan? MessageDeadline { get; }

    /// <summary>Bytes of each host's shared arena.</summary>
    public long ArenaSize { get; }

    /// <summary>The names of the environment variables each host receives, with the values this process's C environment has when the host starts.</summary>
    public IReadOnlyList<string> Environment { get; }

    /// <summary>The full path of the host program.</summary>
    public string HostPath { get; }

    /// <inheritdoc />
    /// <exception cref="DriverOpenException">The file is not a native driver, the host could not start or load it, or it crashed while loading it.</exception>
    public DriverModule Load(string filePath)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new DriverOpenException(DriverFailureReason.NotADriver, $"'{filePath}' cannot run in a host process: isolation is implemented on Linux only.");
        }

        var (program, argument) = Inspection.CheckedDriverImages.Read(filePath).Kind == DriverKind.Managed
            ? DotNetHost(filePath)
            : (HostPath, null);
        try
        {
            return IsolatedDriverModule.Start(this, filePath, program, argument);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // The build puts the channel library beside this assembly; a deployment that dropped it must still fail cleanly.
            throw new DriverOpenException(DriverFailureReason.NotADriver,
                $"'{filePath}' cannot run in a host process: the isolation library (libinstallable_drivers_isolation.so) could not be loaded from beside InstallableDrivers.dll ({e.Message}).", e);
        }
    }

    /// <summary>
    /// The .NET host (src/InstallableDrivers.DriverHost) run by the dotnet program of the runtime this process runs on:
    /// the host's environment is empty, so the runner is found from the runtime's own folder, never from PATH.
    /// </summary>
    /// <exception cref="DriverOpenException">The .NET host is not beside this assembly, or this runtime has no dotnet program (a self-contained application).</exception>
    private static (string Program, string Argument) DotNetHost(string filePath)
    {
        var host = Path.Combine(AppContext.BaseDirectory, DotNetHostAssembly);
        var runner = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        if (!File.Exists(host) || !File.Exists(runner))
        {
            throw new DriverOpenException(DriverFailureReason.NotADriver,
                $"'{filePath}' is a .NET driver and cannot run in a host process here: the .NET host '{host}' and the dotnet program '{runner}' must both exist.");
        }

        return (runner, host);
    }

    /// <summary>The deadline of a message, or null for none.</summary>
    internal TimeSpan? DeadlineOf(uint message) => DriverMessageNames.IsLifecycle(message) ? LifecycleDeadline : MessageDeadline;

    /// <summary>Tells <see cref="ModuleCrashed"/>.</summary>
    internal void OnModuleCrashed(string filePath, DriverCrash crash)
    {
        try
        {
            ModuleCrashed?.Invoke(filePath, crash);
        }
        catch (Exception)
        {
            // A handler's failure must not turn a contained crash into one of the application's.
        }
    }
}
