namespace InstallableDrivers.Tests.Multimedia;

/// <summary>Test signals, and how to measure what a conversion did to them.</summary>
internal static class Signals
{
    /// <summary>Signal-to-noise ratio in dB of a decoded signal against the original, over their common length.</summary>
    public static double SignalToNoise(ReadOnlySpan<short> original, ReadOnlySpan<short> decoded)
    {
        double signal = 0, noise = 0;
        for (var i = 0; i < Math.Min(original.Length, decoded.Length); i++)
        {
            signal += (double)original[i] * original[i];
            noise += (double)(original[i] - decoded[i]) * (original[i] - decoded[i]);
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }

    /// <summary>A sine of the given frequency and peak, interleaved over channels (each channel its own frequency).</summary>
    public static short[] Sine(int frames, int rate, double peak, params double[] frequencies)
    {
        var channels = frequencies.Length;
        var samples = new short[frames * channels];
        for (var frame = 0; frame < frames; frame++)
        {
            for (var channel = 0; channel < channels; channel++)
            {
                samples[(frame * channels) + channel] = (short)Math.Round(peak * Math.Sin(2 * Math.PI * frequencies[channel] * frame / rate));
            }
        }

        return samples;
    }
}
