namespace InstallableDrivers.Callbacks;

/// <summary>
/// Where a .NET driver's calls back into its host (<see cref="Drivers"/>' OpenDriver, SendDriverMessage, CloseDriver,
/// GetDriverModuleHandle) go when the driver runs in a .NET driver host process: to the application, over the channel
/// (src/InstallableDrivers.DriverHost). Each answers as the application's manager did; none throws.
/// </summary>
internal interface IHostCallForwarder
{
    /// <summary>OpenDriver: the handle the application's manager returned, or 0.</summary>
    nint Open(string driverName, string? sectionName, nint lParam);

    /// <summary>CloseDriver.</summary>
    nint Close(nint handle, nint lParam1, nint lParam2);

    /// <summary>SendDriverMessage.</summary>
    nint Send(nint handle, uint message, nint lParam1, nint lParam2);

    /// <summary>GetDriverModuleHandle.</summary>
    nint ModuleHandle(nint handle);
}
