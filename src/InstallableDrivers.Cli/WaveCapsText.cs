using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Cli;

/// <summary>The capability bits of a wave device as short text for <c>drv devices</c>.</summary>
internal static class WaveCapsText
{
    // The standard formats come four to a rate, in this bit order: mono 8-bit, stereo 8-bit, mono 16-bit, stereo 16-bit.
    private static readonly (string Rate, int FirstBit)[] Rates = [("11.025k", 0), ("22.05k", 4), ("44.1k", 8), ("48k", 12), ("96k", 16)];
    private static readonly string[] Variants = ["M08", "S08", "M16", "S16"];

    /// <summary>
    /// The standard formats (dwFormats): rates that have all four variants by their rate alone, others with the variants
    /// they have, e.g. "11.025k 22.05k 44.1k 48k 96k" or "44.1k(S16)"; "none" for none.
    /// </summary>
    public static string Formats(uint formats)
    {
        var parts = new List<string>();
        foreach (var (rate, first) in Rates)
        {
            var present = Variants.Where((_, i) => (formats & (1u << (first + i))) != 0).ToList();
            if (present.Count == Variants.Length)
            {
                parts.Add(rate);
            }
            else if (present.Count > 0)
            {
                parts.Add($"{rate}({string.Join(',', present)})");
            }
        }

        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }

    /// <summary>The optional functions (dwSupport), e.g. "volume, L/R volume"; "-" for none.</summary>
    public static string Support(uint support)
    {
        (uint Bit, string Name)[] names =
        [
            (WaveCapsSupport.WAVECAPS_VOLUME, "volume"), (WaveCapsSupport.WAVECAPS_LRVOLUME, "L/R volume"),
            (WaveCapsSupport.WAVECAPS_PITCH, "pitch"), (WaveCapsSupport.WAVECAPS_PLAYBACKRATE, "playback rate"),
            (WaveCapsSupport.WAVECAPS_SYNC, "sync"), (WaveCapsSupport.WAVECAPS_SAMPLEACCURATE, "sample-accurate"),
        ];
        var present = names.Where(n => (support & n.Bit) != 0).Select(n => n.Name).ToList();
        return present.Count == 0 ? "-" : string.Join(", ", present);
    }
}
