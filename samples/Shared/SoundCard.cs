namespace InstallableDrivers.Samples;

/// <summary>Whether the ALSA driver may have somewhere to play, shared by the samples that install it (linked into each).</summary>
internal static class SoundCard
{
    /// <summary>
    /// Whether ALSA's default device may open: a card in /proc/asound/cards, or a PulseAudio or PipeWire server ALSA's
    /// plugins reach. Only a hint: a sample still copes with a device that does not open. Without either, 'default'
    /// cannot open (and libasound says so at length on stderr): CI machines are here.
    /// </summary>
    public static bool MayBePresent()
    {
        var cards = File.Exists("/proc/asound/cards") ? File.ReadAllText("/proc/asound/cards") : "";
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") ?? "";
        return (cards.Length > 0 && !cards.Contains("no soundcards", StringComparison.Ordinal))
            || (runtime.Length > 0 && (File.Exists(Path.Combine(runtime, "pulse", "native")) || File.Exists(Path.Combine(runtime, "pipewire-0"))));
    }
}
