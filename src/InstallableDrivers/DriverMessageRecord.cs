namespace InstallableDrivers;

/// <summary>One message delivered to a driver, and the driver's result.</summary>
/// <param name="Handle">The instance handle the driver received (for DRV_LOAD/ENABLE/DISABLE/FREE, the instance that caused it).</param>
/// <param name="DriverId">The dwDriverId the driver received (0 for DRV_LOAD, DRV_ENABLE, DRV_OPEN, DRV_DISABLE, DRV_FREE).</param>
/// <param name="Message">The message number.</param>
/// <param name="LParam1">The first message parameter.</param>
/// <param name="LParam2">The second message parameter.</param>
/// <param name="Result">What DriverProc returned.</param>
/// <param name="FilePath">The driver file the message went to.</param>
public readonly record struct DriverMessageRecord(
    HDRVR Handle, nuint DriverId, uint Message, nint LParam1, nint LParam2, nint Result, string FilePath);
