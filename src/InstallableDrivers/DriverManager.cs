using InstallableDrivers.Dispatch;
using InstallableDrivers.Handles;
using InstallableDrivers.Lifecycle;
using InstallableDrivers.Modules;
using InstallableDrivers.Registries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstallableDrivers;

/// <summary>
/// Hosts installable drivers: opens instances by alias or file name, delivers messages, closes them, loading each
/// driver file once and unloading it after its last instance closed. The Win32 functions keep their names and shapes
/// (null/0 on failure, reason in <see cref="LastError"/>); <see cref="Open"/> is the .NET-shaped entry point.
/// </summary>
/// <remarks>
/// Thread-safe: any method may be called from any thread at once, and from inside a driver's DriverProc.
/// <see cref="SendDriverMessage"/> takes no lock and allocates nothing. Lifecycle messages of one driver module
/// (DRV_LOAD … DRV_FREE, DRV_OPEN, DRV_CLOSE) are delivered one at a time; ordinary messages are not serialized.
/// </remarks>
public sealed partial class DriverManager : IDisposable
{
    private static readonly Lazy<DriverManager> DefaultManager = new(CreateDefault);

    private static readonly DriverFailure InvalidHandle =
        new(DriverFailureReason.InvalidHandle, "The driver handle is null, closed, or was not issued by this manager.");

    [ThreadStatic] private static DriverFailure? lastError;


    private readonly DriverFileResolver files;
    private readonly DriverTargetResolver resolver;
    private readonly ModuleTable inProcessModules;
    private readonly ModuleTable isolatedModules;
    private readonly DriverCrashLog crashLog;
    private readonly Isolation.DriverCrashRecorder crashRecorder;
    private readonly ILogger logger;
    private long openSequence;
    private int opensInProgress;
    private bool disposed;

    /// <summary>Creates a manager over a registry.</summary>
    /// <param name="registry">Where aliases are looked up.</param>
    /// <param name="options">Driver directories, logging and tracing; defaults to no driver directories (absolute paths and aliases to them only).</param>
    /// <exception cref="ArgumentException">A driver directory is not a fully qualified path.</exception>
    public DriverManager(IDriverRegistry registry, DriverManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new DriverManagerOptions();
        Registry = registry;
        files = new DriverFileResolver(options.DriverDirectories, IsLoaded);
        resolver = new DriverTargetResolver(registry, files, options.VerifyIntegrity ? new DriverIntegrityCheck() : null, options.Isolation);
        inProcessModules = ModuleTable.For(options.ModuleLoader);
        isolatedModules = ModuleTable.For(options.IsolatedModuleLoader);
        crashLog = new DriverCrashLog(registry);
        crashRecorder = new Isolation.DriverCrashRecorder(this, options.IsolatedModuleLoader);
        logger = options.Logger ?? NullLogger.Instance;
        Dispatcher = new MessageDispatcher(options.MessageObserver, logger);
        Id = ManagerDirectory.Add(this);
        if (Native.HostLibrary.Attach() is { } problem)
        {
            LogHostLibraryMissing(problem);
        }
    }

    /// <summary>
    /// The manager over the default registry file (<see cref="DriverRegistryLocation.DefaultFilePath"/>), looking for
    /// bare driver file names in the <c>drivers</c> folder beside it. Created on first use; never disposed.
    /// </summary>
    public static DriverManager Default => DefaultManager.Value;

    /// <summary>Why the calling thread's most recent failed call on any manager failed, or null if none has.</summary>
    public static DriverFailure? LastError => lastError;

    /// <summary>The registry aliases are looked up in.</summary>
    public IDriverRegistry Registry { get; }

    /// <summary>The folders bare driver file names are looked for in, in order.</summary>
    public IReadOnlyList<string> DriverDirectories => files.Directories;

    /// <summary>
    /// Opens an instance of a driver (docs/contract.md#open). With a <paramref name="sectionName"/>, <paramref name="driverName"/>
    /// is an alias in that section; without one, an alias in <c>Drivers32</c>, else a driver file name.
    /// </summary>
    /// <param name="driverName">An alias or a driver file name.</param>
    /// <param name="sectionName">The registry section of the alias, or null.</param>
    /// <param name="lParam">Passed to the driver as lParam2 of DRV_OPEN.</param>
    /// <returns>The new instance's handle, or <see cref="HDRVR.Null"/> with the reason in <see cref="LastError"/>.</returns>
    public HDRVR OpenDriver(string driverName, string? sectionName, nint lParam)
    {
        try
        {
            return new HDRVR(OpenInstance(driverName, sectionName, lParam).Handle);
        }
        catch (DriverOpenException e)
        {
            return Fail(e, HDRVR.Null);
        }
    }

    /// <summary>Opens an instance of a driver, as <see cref="OpenDriver"/> does, and returns it as a disposable <see cref="Driver"/>.</summary>
    /// <param name="driverName">An alias or a driver file name.</param>
    /// <param name="sectionName">The registry section of the alias, or null for <c>Drivers32</c> or a file name.</param>
    /// <param name="lParam">Passed to the driver as lParam2 of DRV_OPEN.</param>
    /// <returns>The open driver; dispose it to close it.</returns>
    /// <exception cref="DriverOpenException">The driver could not be opened; <see cref="DriverOpenException.Reason"/> says why.</exception>
    /// <exception cref="ObjectDisposedException">The manager was disposed.</exception>
    public Driver Open(string driverName, string? sectionName = null, nint lParam = 0)
    {
        try
        {
            return new Driver(this, OpenInstance(driverName, sectionName, lParam));
        }
        catch (DriverOpenException e)
        {
            Fail(e, 0);
            throw;
        }
    }

    /// <summary>
    /// Delivers a message to a driver instance (docs/contract.md#send) and returns the driver's result unchanged. An invalid,
    /// null, closed or stale handle returns 0 and calls nothing.
    /// </summary>
    /// <param name="hDriver">The instance.</param>
    /// <param name="message">The message number (DRV_* or DRV_USER + n).</param>
    /// <param name="lParam1">The first message parameter.</param>
    /// <param name="lParam2">The second message parameter.</param>
    /// <returns>What the driver returned, or 0.</returns>
    public nint SendDriverMessage(HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        var instance = Handles.Find(hDriver.Value);
        if (instance is null)
        {
            lastError = InvalidHandle;
            return 0;
        }

        return Dispatcher.Send(instance, message, lParam1, lParam2);
    }

    /// <summary>
    /// Closes a driver instance (docs/contract.md#close): sends DRV_CLOSE, invalidates the handle, and after the module's last
    /// instance sends DRV_DISABLE and DRV_FREE and unloads it.
    /// </summary>
    /// <param name="hDriver">The instance.</param>
    /// <param name="lParam1">Passed to the driver as lParam1 of DRV_CLOSE.</param>
    /// <param name="lParam2">Passed to the driver as lParam2 of DRV_CLOSE.</param>
    /// <returns>1 on success; 0 for an invalid handle.</returns>
    public nint CloseDriver(HDRVR hDriver, nint lParam1, nint lParam2)
    {
        var instance = Handles.Find(hDriver.Value);
        if (instance is null || !instance.TryBeginClose())
        {
            lastError = InvalidHandle;
            return 0;
        }

        instance.Lifecycle.Close(instance, lParam1, lParam2);
        return 1;
    }

    /// <summary>Returns the module handle of the driver file behind an instance: the same for all its instances (docs/contract.md#defdriverproc).</summary>
    /// <param name="hDriver">The instance.</param>
    /// <returns>The module handle, or 0 for an invalid handle.</returns>
    public nint GetDriverModuleHandle(HDRVR hDriver)
    {
        var instance = FindOpen(hDriver);
        return instance is null ? 0 : instance.Module.ModuleHandle;
    }

    /// <summary>The older name of <see cref="GetDriverModuleHandle"/>.</summary>
    /// <param name="hDriver">The instance.</param>
    /// <returns>The module handle, or 0 for an invalid handle.</returns>
    public nint DrvGetModuleHandle(HDRVR hDriver) => GetDriverModuleHandle(hDriver);

    /// <summary>
    /// Allocates memory whose address a driver instance can be given in a custom message. For a driver that runs in a
    /// host process (docs/isolation.md) it is a block of the arena that process maps at the same address, so the pointer
    /// means the same on both sides; a pointer to any other memory reaches such a driver as a number it cannot use. For
    /// a driver in process it is this process's native memory.
    /// </summary>
    /// <param name="hDriver">An open instance.</param>
    /// <param name="length">The size in bytes, at least 1.</param>
    /// <returns>The zeroed buffer; dispose it once the driver no longer uses it.</returns>
    /// <exception cref="ArgumentException">The handle is not an open instance of this manager.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    /// <exception cref="InsufficientMemoryException">The host's arena has no free block that large.</exception>
    public DriverSharedBuffer AllocateSharedBuffer(HDRVR hDriver, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var instance = FindOpen(hDriver) ?? throw new ArgumentException("The driver handle is null, closed, or was not issued by this manager.", nameof(hDriver));
        return instance.Module.AllocateSharedBuffer(length);
    }

    /// <summary>
    /// Finds what <see cref="OpenDriver"/> would open for a name and section, loading nothing and sending no message:
    /// the alias's file and args, or the driver file itself. With <see cref="DriverManagerOptions.VerifyIntegrity"/> an
    /// installed alias's file is checked against its install record, as an open checks it. A quarantined alias resolves to
    /// what it would open (opens of it fail with <see cref="DriverFailureReason.Quarantined"/>; <see cref="DriverCrashLog"/>
    /// tells whether it is quarantined), so that a tool can still show what is installed under it.
    /// </summary>
    /// <param name="driverName">An alias or a driver file name.</param>
    /// <param name="sectionName">The registry section of the alias, or null for <c>Drivers32</c> or a file name.</param>
    /// <returns>The alias and section it matched (null for a file name), the file's full path, the args text, and whether
    /// it would run isolated (<see cref="DriverManagerOptions.Isolation"/>).</returns>
    /// <exception cref="DriverOpenException">An open would fail before loading: the name is invalid, the alias or file does
    /// not exist, the registry is unreadable, or the file changed since it was installed.</exception>
    public DriverTarget Resolve(string driverName, string? sectionName = null) => resolver.Resolve(driverName, sectionName, forOpen: false);

    /// <summary>
    /// Finds a function a driver's file exports besides DriverProc — a wave driver's <c>wodMessage</c>, a MIDI driver's
    /// <c>modMessage</c> — as Win32's GetProcAddress on the module handle does, or, for a .NET driver, its driver object
    /// as the interface that stands for such an export. Call it only through <see cref="DriverEntryPoint{TManaged}.Enter"/>.
    /// </summary>
    /// <typeparam name="TManaged">The interface a .NET driver implements instead of the export.</typeparam>
    /// <param name="hDriver">An open instance.</param>
    /// <param name="exportName">The native export's name.</param>
    /// <returns>The entry point, or null with the reason in <see cref="LastError"/>: the handle is invalid, a native
    /// driver does not export the name, or a .NET driver does not implement <typeparamref name="TManaged"/>.</returns>
    public DriverEntryPoint<TManaged>? GetEntryPoint<TManaged>(HDRVR hDriver, string exportName)
        where TManaged : class
    {
        ArgumentException.ThrowIfNullOrEmpty(exportName);
        var instance = FindOpen(hDriver);
        if (instance is null)
        {
            return null;
        }

        var address = instance.Module.FindExport(exportName);
        var target = instance.ManagedDriverProc as TManaged;
        if (address == 0 && target is null)
        {
            lastError = new DriverFailure(DriverFailureReason.NotADriver, instance.Module switch
            {
                Modules.ManagedDriverModule => $"The .NET driver '{instance.Target.FilePath}' does not implement {typeof(TManaged).Name}.",
                Isolation.IsolatedDriverModule => $"The driver '{instance.Target.FilePath}' runs in a host process: its '{exportName}' has no address in this process, and is called in the host only by a service that copies what its messages point at (the wave services do; docs/isolation.md#other-exports). Open it in process to call it directly.",
                _ => $"The driver '{instance.Target.FilePath}' exports no '{exportName}' function.",
            });
            return null;
        }

        return new DriverEntryPoint<TManaged>(instance, address, target);
    }

    /// <summary>
    /// An export of an isolated driver instance's file, callable in its host (docs/isolation.md, "Other exports"), or
    /// null when the instance runs in process (use <see cref="GetEntryPoint{TManaged}"/>), the handle is not open, or
    /// the file has no such export (the reason then in <see cref="LastError"/>).
    /// </summary>
    internal Isolation.HostExport? GetHostExport(HDRVR hDriver, string exportName)
    {
        if (FindOpen(hDriver) is not { Module: Isolation.IsolatedDriverModule module } instance)
        {
            return null;
        }

        var address = module.FindHostExport(exportName);
        if (address == 0)
        {
            // A dead host has set the last error to its crash already.
            if (module.Crash is null)
            {
                lastError = new DriverFailure(DriverFailureReason.NotADriver, $"The driver '{instance.Target.FilePath}' exports no '{exportName}' function.");
            }

            return null;
        }

        return new Isolation.HostExport(instance, module, address, exportName);
    }

    /// <summary>
    /// Closes every instance this manager opened that is still open, most recently opened first, each with lParams 0;
    /// a file whose last instance in the process this was receives DRV_DISABLE and DRV_FREE and is unloaded. An open
    /// racing Dispose on another thread either completes and is closed before Dispose returns, or fails with
    /// <see cref="ObjectDisposedException"/>. Later opens throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, true))
        {
            return;
        }

        // Opens already past their check of disposed finish first, so that their instances are closed below. Called
        // from inside one of this manager's drivers, Dispose cannot wait (an open on this very thread may be what it
        // would wait for): each racing open then sees disposed when it completes and closes its own instance.
        if (!CallContext.IsWithinManager(Id))
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref opensInProgress) != 0)
            {
                spin.SpinOnce();
            }
        }

        foreach (var instance in Handles.Snapshot().Where(i => !i.IsSession).OrderByDescending(i => i.FrameId))
        {
            if (instance.TryBeginClose())
            {
                instance.Lifecycle.Close(instance, 0, 0);
            }
        }

        // Last: a driver that crashes while its instances are closed above is still recorded.
        crashRecorder.Dispose();
    }

    internal static void SetLastError(DriverFailure failure) => lastError = failure;

    /// <summary>This manager's id in the process (<see cref="ManagerDirectory"/>): 1, 2, …</summary>
    internal int Id { get; }

    /// <summary>The handles this manager issued.</summary>
    internal DriverHandleTable Handles { get; } = new();

    /// <summary>Delivers this manager's messages, to its observer.</summary>
    internal MessageDispatcher Dispatcher { get; }

    /// <summary>The next number of this manager's open sequence; orders its instances for Dispose.</summary>
    internal long NextSequence() => Interlocked.Increment(ref openSequence);

    /// <summary>True if <paramref name="handle"/> is a live handle this manager issued (for calls from native drivers).</summary>
    internal bool Owns(nint handle) => Handles.Find(handle) is not null;

    private T Fail<T>(DriverOpenException e, T result)
    {
        lastError = e.ToFailure();
        LogOpenFailed(e.Reason, e.Message);
        return result;
    }

    private DriverInstance OpenInstance(string driverName, string? sectionName, nint lParam)
    {
        // Counted before disposed is read, and Dispose sets disposed before it reads the count: an open that races
        // Dispose either sees it and fails, or is waited for (see Dispose).
        Interlocked.Increment(ref opensInProgress);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed), this);
            var target = resolver.Resolve(driverName, sectionName, forOpen: true);
            DriverInstance instance;
            try
            {
                instance = ModulesFor(target).Get(target.FilePath).Open(this, target, lParam);
            }
            catch (DriverOpenException e) when (e.Crash is { } crash)
            {
                // The host died loading or opening the driver: no instance carries the alias the crash belongs to.
                crashRecorder.Record(target, crash);
                throw;
            }

            if (Volatile.Read(ref disposed) && instance.TryBeginClose())
            {
                // Dispose began while the driver was opening, on this thread's behalf (from inside a driver) or too
                // late to see the instance: close it rather than leave it behind.
                instance.Lifecycle.Close(instance, 0, 0);
                ObjectDisposedException.ThrowIf(true, this);
            }

            return instance;
        }
        finally
        {
            Interlocked.Decrement(ref opensInProgress);
        }
    }

    /// <summary>The open instance behind a handle of this manager, or null with <see cref="LastError"/> set.</summary>
    private DriverInstance? FindOpen(HDRVR hDriver)
    {
        var instance = Handles.Find(hDriver.Value);
        if (instance is null || Volatile.Read(ref instance.State) == DriverInstance.Closing)
        {
            lastError = InvalidHandle;
            return null;
        }

        return instance;
    }

    /// <summary>
    /// Records a crash of the driver behind <paramref name="target"/> in the registry's crash log
    /// (<see cref="DriverCrashLog.Record"/>), under its alias: the third crash within an hour quarantines the alias. Called
    /// by the isolation layer once per crash of a module, for each alias whose instances the crash ended. A module opened by
    /// its file name has no alias to remember the crash under, and is not recorded.
    /// </summary>
    /// <param name="target">What the crashed instance was opened as.</param>
    /// <param name="crash">When and how it crashed.</param>
    /// <returns>True if the alias is quarantined now; false if it is not, if the target is a file name, or if the record
    /// could not be written (logged as a warning: a crash is reported to its caller whether or not it is remembered).</returns>
    internal bool RecordCrash(DriverTarget target, DriverCrashRecord crash)
    {
        ArgumentNullException.ThrowIfNull(crash);
        if (target.Alias is null || target.Section is null)
        {
            return false;
        }

        try
        {
            return crashLog.Record(target.Section, target.Alias, crash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            LogCrashNotRecorded(target.Alias, target.Section, e.Message);
            return false;
        }
    }

    /// <summary>The process's module table of the loader a target runs in: isolated, or in this process.</summary>
    private ModuleTable ModulesFor(DriverTarget target) => target.Isolated ? isolatedModules : inProcessModules;

    /// <summary>True if the driver file at a full path is loaded now, in this process or isolated, by any manager of the process.</summary>
    private bool IsLoaded(string filePath) => inProcessModules.IsLoaded(filePath) || isolatedModules.IsLoaded(filePath);

    private static DriverManager CreateDefault()
    {
        var registryPath = DriverRegistryLocation.DefaultFilePath;
        var options = new DriverManagerOptions();
        options.DriverDirectories.Add(DriverRegistryLocation.DefaultDriverDirectory(registryPath));
        return new DriverManager(new IniDriverRegistry(registryPath), options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Native drivers cannot call back into the host: {Problem}")]
    private partial void LogHostLibraryMissing(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A crash of '{Alias}' in [{Section}] could not be recorded: {Problem}")]
    private partial void LogCrashNotRecorded(string alias, string section, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenDriver failed ({Reason}): {Explanation}")]
    private partial void LogOpenFailed(DriverFailureReason reason, string explanation);
}
