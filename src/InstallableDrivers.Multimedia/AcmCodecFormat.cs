namespace InstallableDrivers.Multimedia;

/// <summary>One standard format an ACM driver lists.</summary>
/// <param name="Name">The driver's description of it (ACMFORMATDETAILS.szFormat), such as "8.000 kHz, 8 Bit, Mono".</param>
/// <param name="Format">The format itself.</param>
public sealed record AcmCodecFormat(string Name, WaveFormat Format);
