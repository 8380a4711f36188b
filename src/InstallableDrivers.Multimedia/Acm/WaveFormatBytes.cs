using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>The bytes of a caller's format, as far as the format says it extends.</summary>
internal static unsafe class WaveFormatBytes
{
    /// <summary>The size of a PCM format: a PCMWAVEFORMAT, which has no cbSize (a WAVEFORMATEX's cbSize is ignored for PCM).</summary>
    public const int PcmFormatSize = 16;

    /// <summary>
    /// A copy of the format: for WAVE_FORMAT_PCM its 16 bytes followed by a cbSize of 0, so that a driver reading a
    /// WAVEFORMATEX sees no extra bytes; for other tags the WAVEFORMATEX and its cbSize extra bytes.
    /// </summary>
    public static byte[] Of(WAVEFORMATEX* format)
    {
        if (format->wFormatTag == WaveFormatTags.WAVE_FORMAT_PCM)
        {
            var pcm = new byte[sizeof(WAVEFORMATEX)];
            new ReadOnlySpan<byte>(format, PcmFormatSize).CopyTo(pcm);
            return pcm;
        }

        return new ReadOnlySpan<byte>(format, sizeof(WAVEFORMATEX) + format->cbSize).ToArray();
    }

    /// <summary>The bytes a format of this tag occupies: 16 for PCM, else 18 plus cbSize.</summary>
    public static int SizeOf(WAVEFORMATEX* format) =>
        format->wFormatTag == WaveFormatTags.WAVE_FORMAT_PCM ? PcmFormatSize : sizeof(WAVEFORMATEX) + format->cbSize;
}
