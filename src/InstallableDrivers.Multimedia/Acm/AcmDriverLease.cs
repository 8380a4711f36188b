namespace InstallableDrivers.Multimedia;

/// <summary>
/// A driver instance to ask one or more questions of: the application's open driver when it gave one, else an
/// instance the ACM opens for the questions and closes on <see cref="IDisposable.Dispose"/>, as msacm32 does when a
/// details or enumeration function is given a driver id or no driver.
/// </summary>
internal readonly struct AcmDriverLease(AcmDriverId driver, AcmDriverInstance instance, Action<AcmDriverInstance>? close) : IDisposable
{
    public AcmDriverId Driver { get; } = driver;

    public nint Send(uint message, nint lParam1, nint lParam2) => instance.Send(message, lParam1, lParam2);

    public void Dispose() => close?.Invoke(instance);
}
