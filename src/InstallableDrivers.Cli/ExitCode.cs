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

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM after cleaning up; what was played or recorded until then is kept.</summary>
    Interrupted = 130,
}

/// <summary>The exit codes with their meaning, for the help text.</summary>
internal static class ExitCodes
{
    public static IReadOnlyList<(ExitCode Code, string Meaning)> All { get; } =
    [
        (ExitCode.Ok, "ok"),
        (ExitCode.Failure, "any other failure"),
        (ExitCode.BadInput, "bad input: command line, message name or number, alias, or a FILE that is not a driver"),
        (ExitCode.NotFound, "not found: no such alias, driver file, WAV file or wave device"),
        (ExitCode.Refused, "refused by the driver: DRV_LOAD/DRV_OPEN returned 0, or DRVCNF_CANCEL"),
        (ExitCode.IntegrityFailure, "integrity failure: the driver file changed since it was installed"),
        (ExitCode.RegistryError, "registry error: the registry file is malformed"),
        (ExitCode.DeviceError, "device error: a waveOut/waveIn call failed, e.g. WAVERR_BADFORMAT (the message names call and code)"),
        (ExitCode.Interrupted, "interrupted: play or record stopped by Ctrl+C, cleanly (the output file is valid)"),
    ];
}
