namespace InstallableDrivers;

/// <summary>What a message parameter carries (<see cref="DriverMessageParameters"/>).</summary>
public enum DriverParameterKind
{
    /// <summary>A number, or a pointer the runtime knows nothing about (custom messages).</summary>
    Value,

    /// <summary>A pointer to a NUL-terminated UTF-16 string, or 0: DRV_OPEN's args.</summary>
    Utf16String,

    /// <summary>A pointer to a <see cref="DRVCONFIGINFO"/>, or 0: DRV_CONFIGURE's and DRV_INSTALL's lParam2.</summary>
    DriverConfigInfo,
}
