namespace InstallableDrivers.Cli;

/// <summary>What drv's exit status means; the list is printed by <c>drv --help</c> and docs/drv.md.</summary>
internal enum ExitCode
{
    /// <summary>The command did what it was asked.</summary>
    Ok = 0,

    /// <summary>Anything not listed below, such as an I/O error.</summary>
    Failure = 1,

    /// <summary>The command line, a message name or number, an alias, or the FILE given is not usable.</summary>
    BadInput = 2,

    /// <summary>The alias or the driver file does not exist.</summary>
    NotFound = 3,

    /// <summary>The driver said no: DRV_LOAD or DRV_OPEN returned 0, or DRV_INSTALL or DRV_CONFIGURE returned DRVCNF_CANCEL.</summary>
    Refused = 4,

    /// <summary>The driver file changed since it was installed.</summary>
    IntegrityFailure = 5,

    /// <summary>The registry file is malformed.</summary>
    RegistryError = 6,

    /// <summary>A wave device refused or failed: a waveOut/waveIn call returned an error other than MMSYSERR_BADDEVICEID.</summary>
    DeviceError = 7,

    /// <summary>No installed codec converts between the formats asked (drv convert).</summary>
    NotPossible = 8,

    /// <summary>The alias is quarantined: its driver crashed three times within an hour (drv release lifts it).</summary>
    Quarantined = 9,

    /// <summary>The driver runs isolated and its host process crashed or did not answer in time (the message says how).</summary>
    Crashed = 10,

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM after cleaning up; what was played or recorded until then is kept.</summary>
    Interrupted = 130,
}
