namespace InstallableDrivers;

/// <summary>What a driver file is, told by its content rather than its name.</summary>
public enum DriverKind
{
    /// <summary>A native shared library exporting <c>DriverProc</c>.</summary>
    Native,

    /// <summary>A .NET assembly (a PE image with a CLI header) naming its driver type with <see cref="InstallableDriverAttribute"/>.</summary>
    Managed,
}
