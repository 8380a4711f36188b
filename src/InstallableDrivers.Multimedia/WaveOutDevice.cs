namespace InstallableDrivers.Multimedia;

/// <summary>A wave output device and its capabilities (waveOutGetDevCaps), with the registry alias of its driver.</summary>
/// <param name="Id">The device id: 0 to waveOutGetNumDevs - 1, numbered across the drivers in registry order.</param>
/// <param name="Name">The product name.</param>
/// <param name="DriverAlias">The <c>[Drivers32]</c> alias of its driver: <c>wave</c>, <c>wave1</c> … <c>wave9</c>.</param>
/// <param name="Formats">The standard formats it supports: <c>WAVE_FORMAT_1M08</c> … bits (<see cref="Interop.WaveCapsFormats"/>).</param>
/// <param name="Channels">Channels: 1 mono, 2 stereo.</param>
/// <param name="Support">Its optional functions: <c>WAVECAPS_*</c> bits (<see cref="Interop.WaveCapsSupport"/>).</param>
/// <param name="DriverVersion">The driver's version: major in the high byte, minor in the low byte.</param>
public sealed record WaveOutDevice(uint Id, string Name, string DriverAlias, uint Formats, int Channels, uint Support, uint DriverVersion);
