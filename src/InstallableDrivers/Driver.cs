using InstallableDrivers.Dispatch;

namespace InstallableDrivers;

/// <summary>
/// An open driver instance, the .NET-shaped face of an HDRVR: send it messages, dispose it to close it.
/// Created by <see cref="DriverManager.Open"/>.
/// </summary>
public sealed class Driver : IDisposable
{
    private readonly DriverManager manager;
    private readonly Modules.DriverModule module;
    private int closed;

    internal Driver(DriverManager manager, DriverInstance instance)
    {
        this.manager = manager;
        module = instance.Module;
        Handle = new HDRVR(instance.Handle);
        Alias = instance.Target.Alias;
        Section = instance.Target.Section;
        FilePath = instance.Target.FilePath;
        Args = instance.Target.Args;
    }

    /// <summary>The instance handle, usable with the Win32-shaped methods of the manager.</summary>
    public HDRVR Handle { get; }

    /// <summary>The registry alias the driver was opened by, or null when it was opened by file name.</summary>
    public string? Alias { get; }

    /// <summary>The registry section the alias was found in, or null.</summary>
    public string? Section { get; }

    /// <summary>The full path of the driver file.</summary>
    public string FilePath { get; }

    /// <summary>The args text the driver received in DRV_OPEN, or null.</summary>
    public string? Args { get; }

    /// <summary>The module handle of the driver file (GetDriverModuleHandle); 0 once closed.</summary>
    public nint ModuleHandle => manager.GetDriverModuleHandle(Handle);

    /// <summary>Sends a message to the driver and returns its result (SendDriverMessage).</summary>
    /// <param name="message">The message number (DRV_* or DRV_USER + n).</param>
    /// <param name="lParam1">The first message parameter.</param>
    /// <param name="lParam2">The second message parameter.</param>
    /// <returns>What the driver returned.</returns>
    /// <exception cref="ObjectDisposedException">The driver was closed.</exception>
    /// <exception cref="DriverCrashedException">The driver runs in a host process that crashed or hung, before or while it
    /// handled the message (docs/isolation.md); close the driver.</exception>
    public nint Send(uint message, nint lParam1 = 0, nint lParam2 = 0)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref closed) != 0, this);
        var result = manager.SendDriverMessage(Handle, message, lParam1, lParam2);
        return result == 0 && module.Crash is { } crash ? throw new DriverCrashedException(crash) : result;
    }

    /// <summary>
    /// Allocates memory whose address the driver can use in a custom message: in the driver host's shared arena when the
    /// driver runs isolated (the pointer means the same there), else this process's own memory.
    /// </summary>
    /// <param name="length">The size in bytes.</param>
    /// <returns>The zeroed buffer; dispose it once the driver no longer uses it.</returns>
    /// <exception cref="ObjectDisposedException">The driver was closed.</exception>
    public DriverSharedBuffer AllocateSharedBuffer(int length)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref closed) != 0, this);
        return manager.AllocateSharedBuffer(Handle, length);
    }

    /// <summary>Closes the driver with the given DRV_CLOSE parameters. Closing twice does nothing the second time.</summary>
    /// <param name="lParam1">Passed to the driver as lParam1 of DRV_CLOSE.</param>
    /// <param name="lParam2">Passed to the driver as lParam2 of DRV_CLOSE.</param>
    public void Close(nint lParam1, nint lParam2)
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
        {
            manager.CloseDriver(Handle, lParam1, lParam2);
        }
    }

    /// <summary>Closes the driver (DRV_CLOSE with lParams 0).</summary>
    public void Dispose() => Close(0, 0);

    /// <inheritdoc />
    public override string ToString() => $"{Alias ?? Path.GetFileName(FilePath)} {Handle}";
}
