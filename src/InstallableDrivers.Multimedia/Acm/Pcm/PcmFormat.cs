using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// A format the PCM converter takes: integer PCM of 8 (unsigned), 16, 24 or 32 bits, or 32-bit IEEE float, mono or
/// stereo, at any rate up to <see cref="MaxRate"/>.
/// </summary>
/// <param name="IsFloat">True for WAVE_FORMAT_IEEE_FLOAT.</param>
/// <param name="Channels">1 or 2.</param>
/// <param name="Rate">Frames per second.</param>
/// <param name="Bits">Bits per sample.</param>
internal readonly record struct PcmFormat(bool IsFloat, int Channels, int Rate, int Bits)
{
    /// <summary>The highest rate taken: above any audio rate in use, and low enough that frame arithmetic never overflows.</summary>
    public const int MaxRate = 1_536_000;

    /// <summary>Bytes of one sample.</summary>
    public int SampleBytes => Bits / 8;

    /// <summary>Bytes of one frame: nBlockAlign.</summary>
    public int FrameBytes => SampleBytes * Channels;

    /// <summary>The format at <paramref name="format"/>, or null if it is not one the converter takes or is inconsistent
    /// (nBlockAlign and nAvgBytesPerSec must be what the other fields make them).</summary>
    public static unsafe PcmFormat? From(WAVEFORMATEX* format)
    {
        var isFloat = format->wFormatTag == WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT;
        if (!isFloat && format->wFormatTag != WaveFormatTags.WAVE_FORMAT_PCM)
        {
            return null;
        }

        var candidate = new PcmFormat(isFloat, format->nChannels, (int)Math.Min(format->nSamplesPerSec, int.MaxValue), format->wBitsPerSample);
        var bitsValid = isFloat ? candidate.Bits == 32 : candidate.Bits is 8 or 16 or 24 or 32;
        var valid = bitsValid && candidate.Channels is 1 or 2 && candidate.Rate is > 0 and <= MaxRate
            && format->nBlockAlign == candidate.FrameBytes && format->nAvgBytesPerSec == (uint)(candidate.Rate * candidate.FrameBytes);
        return valid ? candidate : null;
    }

    /// <summary>
    /// Writes the format as the ACM hands formats out: a 16-byte PCMWAVEFORMAT for PCM, an 18-byte WAVEFORMATEX with
    /// cbSize 0 for float. False if <paramref name="room"/> is too small.
    /// </summary>
    public unsafe bool WriteTo(WAVEFORMATEX* format, uint room)
    {
        if (room < Size)
        {
            return false;
        }

        format->wFormatTag = IsFloat ? WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT : WaveFormatTags.WAVE_FORMAT_PCM;
        format->nChannels = (ushort)Channels;
        format->nSamplesPerSec = (uint)Rate;
        format->nAvgBytesPerSec = (uint)(Rate * FrameBytes);
        format->nBlockAlign = (ushort)FrameBytes;
        format->wBitsPerSample = (ushort)Bits;
        if (IsFloat)
        {
            format->cbSize = 0;
        }

        return true;
    }

    /// <summary>The bytes <see cref="WriteTo"/> writes.</summary>
    public unsafe uint Size => IsFloat ? (uint)sizeof(WAVEFORMATEX) : WaveFormatBytes.PcmFormatSize;

    /// <summary>The description the format chooser shows, as Windows words it: "44.100 kHz, 16 Bit, Stereo".</summary>
    public string Description =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rate / 1000.0:0.000} kHz, {Bits} Bit, {(Channels == 1 ? "Mono" : "Stereo")}");
}
