namespace InstallableDrivers.Multimedia;

/// <summary>
/// The volume of a wave output device, per channel from 0 (silence) to 1 (full). The services carry it as one DWORD:
/// the left channel in the low word and the right in the high word, 0xFFFF for full (waveOutSetVolume).
/// </summary>
/// <param name="Left">The left channel (the only one of a mono device), 0 to 1.</param>
/// <param name="Right">The right channel, 0 to 1.</param>
public readonly record struct WaveVolume(double Left, double Right)
{
    /// <summary>Both channels at <paramref name="level"/>, 0 to 1.</summary>
    public WaveVolume(double level)
        : this(level, level)
    {
    }

    /// <summary>The volume the services' DWORD form stands for.</summary>
    public static WaveVolume FromDword(uint value) => new((value & 0xFFFF) / 65535.0, (value >> 16) / 65535.0);

    /// <summary>The services' DWORD form: each level, clamped to 0..1, scaled to 0..0xFFFF and rounded.</summary>
    public uint ToDword() => Scale(Left) | (Scale(Right) << 16);

    private static uint Scale(double level) => (uint)Math.Round(Math.Clamp(level, 0, 1) * 0xFFFF);
}
