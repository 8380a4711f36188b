namespace InstallableDrivers.Multimedia;

/// <summary>A DriverProc given as a native function pointer (acmDriverAdd's ACM_DRIVERADDF_FUNCTION), seen as an <see cref="IDriverProc"/>.</summary>
internal sealed unsafe class UnmanagedDriverProc(delegate* unmanaged<nuint, nint, uint, nint, nint, nint> function) : IDriverProc
{
    /// <inheritdoc />
    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2) =>
        function(driverId, hDriver.Value, message, lParam1, lParam2);
}
