using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using InstallableDrivers.Dispatch;
using InstallableDrivers.Handles;
using InstallableDrivers.Lifecycle;
using InstallableDrivers.Modules;
using InstallableDrivers.Registries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static InstallableDrivers.DriverMessages;

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

    private readonly DriverHandleTable handles = new();
    private readonly ConcurrentDictionary<string, ModuleState> modules =
        new(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly DriverFileResolver files;
    private readonly DriverTargetResolver resolver;
    private readonly MessageDispatcher dispatcher;
    private readonly ILogger logger;
    private long openSequence;
    private volatile bool disposed;

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
        resolver = new DriverTargetResolver(registry, files, options.VerifyIntegrity ? new DriverIntegrityCheck() : null);
        logger = options.Logger ?? NullLogger.Instance;
        dispatcher = new MessageDispatcher(options.MessageObserver, logger);
        if (Native.HostLibrary.Register(this) is { } problem)
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
        var instance = handles.Find(hDriver.Value);
        if (instance is null)
        {
            lastError = InvalidHandle;
            return 0;
        }

        return dispatcher.Send(instance, message, lParam1, lParam2);
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
        var instance = handles.Find(hDriver.Value);
        if (instance is null || !BeginClose(instance))
        {
            lastError = InvalidHandle;
            return 0;
        }

        CloseInstance(instance, lParam1, lParam2);
        return 1;
    }

    /// <summary>Returns the module handle of the driver file behind an instance: the same for all its instances (docs/contract.md#defdriverproc).</summary>
    /// <param name="hDriver">The instance.</param>
    /// <returns>The module handle, or 0 for an invalid handle.</returns>
    public nint GetDriverModuleHandle(HDRVR hDriver)
    {
        var instance = handles.Find(hDriver.Value);
        if (instance is null || Volatile.Read(ref instance.State) == DriverInstance.Closing)
        {
            lastError = InvalidHandle;
            return 0;
        }

        return instance.Loaded.ModuleHandle;
    }

    /// <summary>The older name of <see cref="GetDriverModuleHandle"/>.</summary>
    /// <param name="hDriver">The instance.</param>
    /// <returns>The module handle, or 0 for an invalid handle.</returns>
    public nint DrvGetModuleHandle(HDRVR hDriver) => GetDriverModuleHandle(hDriver);

    /// <summary>
    /// Finds what <see cref="OpenDriver"/> would open for a name and section, loading nothing and sending no message:
    /// the alias's file and args, or the driver file itself. With <see cref="DriverManagerOptions.VerifyIntegrity"/> an
    /// installed alias's file is checked against its install record, as an open checks it.
    /// </summary>
    /// <param name="driverName">An alias or a driver file name.</param>
    /// <param name="sectionName">The registry section of the alias, or null for <c>Drivers32</c> or a file name.</param>
    /// <returns>The alias and section it matched (null for a file name), the file's full path and the args text.</returns>
    /// <exception cref="DriverOpenException">An open would fail before loading: the name is invalid, the alias or file does
    /// not exist, the registry is unreadable, or the file changed since it was installed.</exception>
    public DriverTarget Resolve(string driverName, string? sectionName = null) => resolver.Resolve(driverName, sectionName);

    /// <summary>
    /// Closes every instance still open, most recently opened first, each with lParams 0; each module receives
    /// DRV_DISABLE and DRV_FREE after its last instance and is unloaded. Later opens throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var instance in handles.Snapshot().Where(i => !i.IsSession).OrderByDescending(i => i.Sequence))
        {
            if (BeginClose(instance))
            {
                CloseInstance(instance, 0, 0);
            }
        }
    }

    internal static void SetLastError(DriverFailure failure) => lastError = failure;

    private T Fail<T>(DriverOpenException e, T result)
    {
        lastError = e.ToFailure();
        LogOpenFailed(e.Reason, e.Message);
        return result;
    }

    private DriverInstance OpenInstance(string driverName, string? sectionName, nint lParam)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var target = resolver.Resolve(driverName, sectionName);
        var module = GetModuleState(target.FilePath);
        int? releaseEpoch = null;
        var args = Marshal.StringToHGlobalUni(target.Args);
        try
        {
            lock (module.Gate)
            {
                if (module.TransitionThread == Thread.CurrentThread)
                {
                    throw new DriverOpenException(DriverFailureReason.ReentrantLoad,
                        $"'{target.FilePath}' was opened from inside its own DRV_LOAD, DRV_ENABLE, DRV_DISABLE or DRV_FREE; open it after that message returns.");
                }

                return module.Loaded
                    ? OpenAnother(module, target, args, lParam, ref releaseEpoch)
                    : OpenFirst(module, target, args, lParam, ref releaseEpoch);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(args);
            if (releaseEpoch is int epoch)
            {
                ReleaseModule(module, epoch);
            }
        }
    }

    /// <summary>Loads the module, sends DRV_LOAD and DRV_ENABLE, opens the session instance if one is due, then the instance.</summary>
    private DriverInstance OpenFirst(ModuleState module, DriverTarget target, nint args, nint lParam, ref int? releaseEpoch)
    {
        // The file may still be mapped from a previous load cycle whose unload is waiting for threads to leave its code.
        module.Module ??= DriverModuleLoader.Load(module.FilePath);
        module.Epoch++;
        var session = lParam != 0 ? NewInstance(module, target, isSession: true) : null;
        var instance = NewInstance(module, target, isSession: false);
        var first = session ?? instance;

        bool accepted;
        Exception? fault;
        module.TransitionThread = Thread.CurrentThread;
        try
        {
            // docs/contract.md#d1: any nonzero result accepts the load, as Microsoft documents.
            accepted = dispatcher.Call(first, 0, DRV_LOAD, 0, 0, out fault) != 0;
            if (accepted)
            {
                dispatcher.Call(first, 0, DRV_ENABLE, 0, 0);
            }
        }
        finally
        {
            module.TransitionThread = null;
        }

        if (!accepted)
        {
            Withdraw(instance);
            Withdraw(session);
            releaseEpoch = module.Epoch;
            throw Refusal(DriverFailureReason.LoadRefused, $"The driver '{target.FilePath}' refused to load: DRV_LOAD returned 0.", "DRV_LOAD", target.FilePath, fault);
        }

        module.Loaded = true;
        if (session is not null)
        {
            var sessionId = (nuint)dispatcher.Call(session, 0, DRV_OPEN, args, 0, out fault);
            if (sessionId == 0)
            {
                Withdraw(instance);
                Withdraw(session);
                releaseEpoch = Free(module, session);
                throw Refusal(DriverFailureReason.OpenRefused,
                    $"The driver '{target.FilePath}' refused to open its session instance: DRV_OPEN returned 0.", "DRV_OPEN", target.FilePath, fault);
            }

            Activate(session, sessionId);
            module.Session = session;
        }

        return OpenInstanceOf(module, instance, args, lParam, ref releaseEpoch);
    }

    private DriverInstance OpenAnother(ModuleState module, DriverTarget target, nint args, nint lParam, ref int? releaseEpoch)
        => OpenInstanceOf(module, NewInstance(module, target, isSession: false), args, lParam, ref releaseEpoch);

    /// <summary>Sends DRV_OPEN to a new instance; on refusal cleans up as if its module's last instance had closed.</summary>
    private DriverInstance OpenInstanceOf(ModuleState module, DriverInstance instance, nint args, nint lParam, ref int? releaseEpoch)
    {
        var id = (nuint)dispatcher.Call(instance, 0, DRV_OPEN, args, lParam, out var fault);
        if (id == 0)
        {
            Withdraw(instance);
            CloseSessionIfLast(module);
            if (module.Instances == 0)
            {
                releaseEpoch = Free(module, instance);
            }

            throw Refusal(DriverFailureReason.OpenRefused, $"The driver '{instance.Target.FilePath}' refused to open: DRV_OPEN returned 0.", "DRV_OPEN", instance.Target.FilePath, fault);
        }

        Activate(instance, id);
        return instance;
    }

    /// <summary>
    /// The exception for a 0 from DRV_LOAD or DRV_OPEN: a refusal, or, when a .NET driver threw instead of answering,
    /// a fault that names the exception.
    /// </summary>
    private static DriverOpenException Refusal(DriverFailureReason reason, string refusal, string message, string filePath, Exception? fault)
        => fault is not null
            ? new DriverOpenException(DriverFailureReason.DriverFault,
                $"The driver '{filePath}' threw {fault.GetType().Name} in {message}: {fault.Message}", fault)
            : new DriverOpenException(reason, refusal);

    private DriverInstance NewInstance(ModuleState module, DriverTarget target, bool isSession)
    {
        var instance = new DriverInstance(module, module.Module!, target, isSession, Interlocked.Increment(ref openSequence));
        handles.Add(instance);
        return instance;
    }

    private static void Activate(DriverInstance instance, nuint driverId)
    {
        instance.DriverId = driverId;
        instance.Module.Instances++;
        Volatile.Write(ref instance.State, DriverInstance.Open);
    }

    /// <summary>Takes back the handle of an instance whose open failed; no sender ever called it, as it never opened.</summary>
    private void Withdraw(DriverInstance? instance)
    {
        if (instance is not null)
        {
            Volatile.Write(ref instance.State, DriverInstance.Closing);
            handles.Remove(instance);
        }
    }

    /// <summary>Claims an open instance for closing; false if it is not open or another thread claimed it first.</summary>
    private bool BeginClose(DriverInstance instance)
    {
        // The interlocked write is the closer's full fence of the barrier with the send path (see CallFrames).
        if (Interlocked.CompareExchange(ref instance.State, DriverInstance.Closing, DriverInstance.Open) != DriverInstance.Open)
        {
            return false;
        }

        handles.Remove(instance);
        return true;
    }

    private void CloseInstance(DriverInstance instance, nint lParam1, nint lParam2)
    {
        // docs/contract.md#d7: no message reaches the instance after DRV_CLOSE began. Wait outside the gate, so a driver running on
        // another thread may still open or close instances of this module while we wait for it.
        CallFrames.WaitForOtherThreads(instance);
        var module = instance.Module;
        int? releaseEpoch = null;
        lock (module.Gate)
        {
            CloseLocked(instance, lParam1, lParam2);
            CloseSessionIfLast(module);
            if (module.Instances == 0)
            {
                releaseEpoch = Free(module, instance);
            }
        }

        if (releaseEpoch is int epoch)
        {
            ReleaseModule(module, epoch);
        }
    }

    private void CloseLocked(DriverInstance instance, nint lParam1, nint lParam2)
    {
        dispatcher.Call(instance, instance.DriverId, DRV_CLOSE, lParam1, lParam2);
        var module = instance.Module;
        module.Instances--;
        if (module.Session == instance)
        {
            module.Session = null;
        }
    }

    /// <summary>Closes the session instance (docs/contract.md#session) when it is all that is left of its module.</summary>
    private void CloseSessionIfLast(ModuleState module)
    {
        if (module.Instances == 1 && module.Session is { } session && BeginClose(session))
        {
            CallFrames.WaitForOtherThreads(session);
            CloseLocked(session, 0, 0);
        }
    }

    /// <summary>Sends DRV_DISABLE and DRV_FREE (driver id 0: docs/contract.md#d3); returns the load cycle whose file may now be unloaded.</summary>
    private int Free(ModuleState module, DriverInstance cause)
    {
        module.TransitionThread = Thread.CurrentThread;
        try
        {
            dispatcher.Call(cause, 0, DRV_DISABLE, 0, 0);
            dispatcher.Call(cause, 0, DRV_FREE, 0, 0);
        }
        finally
        {
            module.TransitionThread = null;
            module.Loaded = false;
        }

        return module.Epoch;
    }

    /// <summary>
    /// Unloads the file of a freed load cycle once no thread runs its code: at once, after other threads left it, or
    /// when this thread returns from it (a driver that closed its own last instance from inside DriverProc).
    /// </summary>
    private static void ReleaseModule(ModuleState module, int epoch)
    {
        var frames = CallFrames.Current;
        if (frames.IsInside(module))
        {
            frames.DeferRelease(module, () => ReleaseModule(module, epoch));
            return;
        }

        CallFrames.WaitForOtherThreads(module, epoch);
        lock (module.Gate)
        {
            if (module.Epoch == epoch && !module.Loaded && module.Module is { } loaded)
            {
                module.Module = null;
                loaded.Unload();
            }
        }
    }

    // Records are kept after unload: one small object per driver file ever opened, so that concurrent opens and closes
    // of a file always agree on the gate they serialize on.
    /// <summary>True if <paramref name="handle"/> is a live handle this manager issued (for calls from native drivers).</summary>
    internal bool Owns(nint handle) => handles.Find(handle) is not null;

    /// <summary>True if one of this manager's modules has <paramref name="moduleFrameId"/> as its <see cref="ModuleState.FrameId"/>.</summary>
    internal bool HasModule(long moduleFrameId) => modules.Values.Any(m => m.FrameId == moduleFrameId);

    private ModuleState GetModuleState(string filePath) => modules.GetOrAdd(filePath, static path => new ModuleState(path));

    /// <summary>True if the driver file at a full path is loaded now: between its DRV_LOAD and its DRV_FREE.</summary>
    private bool IsLoaded(string filePath) => modules.TryGetValue(filePath, out var module) && Volatile.Read(ref module.Loaded);

    private static DriverManager CreateDefault()
    {
        var registryPath = DriverRegistryLocation.DefaultFilePath;
        var options = new DriverManagerOptions();
        options.DriverDirectories.Add(DriverRegistryLocation.DefaultDriverDirectory(registryPath));
        return new DriverManager(new IniDriverRegistry(registryPath), options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Native drivers cannot call back into the host: {Problem}")]
    private partial void LogHostLibraryMissing(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenDriver failed ({Reason}): {Explanation}")]
    private partial void LogOpenFailed(DriverFailureReason reason, string explanation);
}
