namespace InstallableDrivers.Tests.Multimedia;

/// <summary>One callback a wave driver made: the message, and for buffer messages the header and its state then.</summary>
internal readonly record struct WaveCallback(uint Message, nint Header, uint Flags, uint BytesRecorded);
