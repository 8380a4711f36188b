namespace InstallableDrivers;

/// <summary>Why an installable-driver call failed.</summary>
public enum DriverFailureReason
{
    /// <summary>The driver name or a section name is empty, blank or contains control characters.</summary>
    InvalidName = 1,

    /// <summary>A section was named and the alias does not exist in it.</summary>
    AliasNotFound,

    /// <summary>No driver file of that name exists where drivers are looked for.</summary>
    FileNotFound,

    /// <summary>The path is not allowed: it climbs out of a driver directory, or is rooted but not fully qualified.</summary>
    BadPath,

    /// <summary>The file exists but is not a driver: not a loadable library, or it exports no <c>DriverProc</c>.</summary>
    NotADriver,

    /// <summary>The driver returned 0 from DRV_LOAD.</summary>
    LoadRefused,

    /// <summary>The driver returned 0 from DRV_OPEN.</summary>
    OpenRefused,

    /// <summary>The driver called OpenDriver on its own module while that module's DRV_LOAD, DRV_ENABLE, DRV_DISABLE or DRV_FREE was running.</summary>
    ReentrantLoad,

    /// <summary>The registry could not be read (malformed file, I/O error).</summary>
    RegistryError,

    /// <summary>A .NET driver threw an exception where an answer was needed (its constructor, DRV_LOAD or DRV_OPEN).</summary>
    DriverFault,

    /// <summary>The handle is null, closed, stale or was never issued.</summary>
    InvalidHandle,

    /// <summary>
    /// The alias's driver file is not the file that was installed: its SHA-256 or size differs from the record kept by
    /// <see cref="Registries.DriverMetadataStore"/>. See <see cref="DriverManagerOptions.VerifyIntegrity"/>.
    /// </summary>
    IntegrityFailure,

    /// <summary>The driver file exists but this process may not read it (its permissions, or a security policy, forbid it).</summary>
    AccessDenied,

    /// <summary>
    /// The alias is quarantined: its driver crashed too often (<see cref="Registries.DriverCrashLog"/>: three times within an
    /// hour). The message says when and how, and how to release it (<c>drv release ALIAS</c>, or <c>drv install</c> again).
    /// </summary>
    Quarantined,

    /// <summary>
    /// The host process of an isolated driver module crashed, exited or did not answer within its deadline: every
    /// instance of the module is dead (docs/isolation.md). <see cref="DriverFailure.Crash"/> says how; close the dead
    /// instances; the next open starts a fresh host.
    /// </summary>
    Crashed,
}
