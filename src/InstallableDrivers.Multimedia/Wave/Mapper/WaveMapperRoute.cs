using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// How the wave mapper carries a format no device takes: the device, the PCM format the device is opened with, and the
/// ACM formats between the application's format and that PCM (output: application → device; input: device →
/// application), as <see cref="AcmConverter"/> finds them (one step, or through the PCM a codec decodes to).
/// </summary>
internal sealed record WaveMapperRoute(uint DeviceId, WaveFormat DeviceFormat, IReadOnlyList<WaveFormat> Formats)
{
    /// <summary>Rates tried after the application's own, the common ones first.</summary>
    private static readonly int[] CommonRates = [44100, 48000, 22050, 16000, 11025, 8000];

    /// <summary>
    /// The first device (in <paramref name="devices"/> order) that takes a PCM format some installed driver converts
    /// <paramref name="format"/> to (or from, for input), or null. For each device the PCM formats are tried in this
    /// order: the one the ACM suggests for the format (acmFormatSuggest: a codec's own PCM), then 16- and 8-bit PCM at
    /// the format's rate and channels, the other channel count, and the common rates.
    /// </summary>
    public static unsafe WaveMapperRoute? Find(WaveServices services, AcmServices acm, WaveDirection direction, WaveFormat format, IEnumerable<uint> devices)
    {
        var candidates = PcmCandidates(acm, format);
        var paths = new Dictionary<WaveFormat, IReadOnlyList<WaveFormat>?>();
        foreach (var device in devices)
        {
            foreach (var pcm in candidates)
            {
                fixed (byte* wfx = pcm.ToBytes())
                {
                    if (services.Open(direction, null, device, (WAVEFORMATEX*)wfx, 0, 0, WaveOpenFlags.WAVE_FORMAT_QUERY) != MMRESULT.MMSYSERR_NOERROR)
                    {
                        continue;
                    }
                }

                if (!paths.TryGetValue(pcm, out var path))
                {
                    path = paths[pcm] = direction == WaveDirection.Output
                        ? AcmConversionPath.Find(acm, format, pcm)
                        : AcmConversionPath.Find(acm, pcm, format);
                }

                if (path is not null)
                {
                    return new WaveMapperRoute(device, pcm, path);
                }
            }
        }

        return null;
    }

    private static List<WaveFormat> PcmCandidates(AcmServices acm, WaveFormat format)
    {
        var rates = new[] { format.SampleRate }.Concat(CommonRates).Distinct();
        var channels = new[] { format.Channels, 2, 1 }.Distinct().ToArray();
        var candidates = new List<WaveFormat>();
        if (AcmConversionPath.SuggestPcm(acm, format) is { } suggested)
        {
            candidates.Add(suggested);
        }

        foreach (var rate in rates)
        {
            foreach (var count in channels)
            {
                candidates.Add(WaveFormat.Pcm(rate, 16, count));
                candidates.Add(WaveFormat.Pcm(rate, 8, count));
            }
        }

        return candidates;
    }
}
