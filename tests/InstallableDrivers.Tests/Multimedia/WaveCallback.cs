namespace InstallableDrivers.Tests.Multimedia;

/// <summary>One callback a wave driver delivered, with the header's state at that moment (0 when there is no header).</summary>
internal readonly record struct WaveCallback(nint Device, uint Message, nuint Param1, nuint Param2, uint FlagsThen, uint BytesRecordedThen);
