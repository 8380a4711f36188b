namespace InstallableDrivers.Cli;

/// <summary>The exit codes with their meaning, for the help text.</summary>
internal static class ExitCodes
{
    public static IReadOnlyList<(ExitCode Code, string Meaning)> All { get; } =
    [
        (ExitCode.Ok, "ok"),
        (ExitCode.Failure, "any other failure"),
        (ExitCode.BadInput, "bad input: command line, message name or number, alias, a FILE that is not a driver, or not a WAV file play or convert can read, an unknown convert --to"),
        (ExitCode.NotFound, "not found: no such alias, driver file, WAV file or wave device"),
        (ExitCode.Refused, "refused by the driver: DRV_LOAD/DRV_OPEN returned 0, or DRVCNF_CANCEL"),
        (ExitCode.IntegrityFailure, "integrity failure: the driver file changed since it was installed"),
        (ExitCode.RegistryError, "registry error: the registry file is malformed"),
        (ExitCode.DeviceError, "device error: a waveOut/waveIn or ACM call failed, e.g. WAVERR_BADFORMAT (the message names call and code)"),
        (ExitCode.NotPossible, "not possible: no installed codec converts between the formats convert was asked for"),
        (ExitCode.Quarantined, "quarantined: the driver crashed 3 times within an hour; 'drv release ALIAS' or a new install lifts it"),
        (ExitCode.Crashed, "crashed: the driver runs isolated and its host process crashed or did not answer in time (the message says how)"),
        (ExitCode.Interrupted, "interrupted: play or record stopped by Ctrl+C, cleanly (the output file is valid)"),
    ];
}
