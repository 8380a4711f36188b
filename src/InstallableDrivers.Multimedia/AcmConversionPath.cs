using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Finds how to convert between two formats with the drivers an ACM has: in one step if a driver converts the pair,
/// else through PCM. A codec converts only between its format and PCM of the same rate and channels, and the PCM
/// converter changes only PCM, so the longest path is decode, PCM conversion, encode (µ-law 8 kHz → PCM 8 kHz →
/// PCM 44.1 kHz, or IMA ADPCM → PCM → PCM at another rate → µ-law).
/// </summary>
internal static class AcmConversionPath
{
    /// <summary>Room for a suggested PCM format (a WAVEFORMATEX and a little to spare).</summary>
    private const int SuggestionRoom = 64;

    /// <summary>The formats from <paramref name="source"/> to <paramref name="destination"/>, both included, or null if none converts.</summary>
    public static IReadOnlyList<WaveFormat>? Find(AcmServices acm, WaveFormat source, WaveFormat destination)
    {
        if (Same(source, destination))
        {
            return [source];
        }

        // The PCM each end decodes to, as its codec suggests; an uncompressed end is its own.
        var decodedSource = IsUncompressed(source) ? source : SuggestPcm(acm, source);
        var decodedDestination = IsUncompressed(destination) ? destination : SuggestPcm(acm, destination);
        IEnumerable<WaveFormat?[]> candidates =
        [
            [source, destination],
            [source, decodedDestination, destination],
            [source, decodedSource, destination],
            [source, decodedSource, decodedDestination, destination],
        ];
        foreach (var candidate in candidates)
        {
            if (candidate.Any(format => format is null))
            {
                continue;
            }

            var path = Distinct(candidate.OfType<WaveFormat>());
            if (path.Zip(path.Skip(1)).All(step => AcmConversionStream.CanConvert(acm, step.First, step.Second)))
            {
                return path;
            }
        }

        return null;
    }

    private static bool IsUncompressed(WaveFormat format) =>
        format.FormatTag is WaveFormatTags.WAVE_FORMAT_PCM or WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT;

    private static bool Same(WaveFormat first, WaveFormat second) => first.ToBytes().AsSpan().SequenceEqual(second.ToBytes());

    /// <summary>Consecutive repeats removed: a step from a format to itself is no step.</summary>
    private static List<WaveFormat> Distinct(IEnumerable<WaveFormat> formats)
    {
        var path = new List<WaveFormat>();
        foreach (var format in formats)
        {
            if (path.Count == 0 || !Same(format, path[^1]))
            {
                path.Add(format);
            }
        }

        return path;
    }

    /// <summary>The PCM format some driver suggests decoding <paramref name="format"/> to (acmFormatSuggest), or null.</summary>
    internal static unsafe WaveFormat? SuggestPcm(AcmServices acm, WaveFormat format)
    {
        var suggestion = stackalloc byte[SuggestionRoom];
        new Span<byte>(suggestion, SuggestionRoom).Clear();
        ((WAVEFORMATEX*)suggestion)->wFormatTag = WaveFormatTags.WAVE_FORMAT_PCM;
        fixed (byte* source = format.ToBytes())
        {
            var result = acm.acmFormatSuggest(0, (WAVEFORMATEX*)source, (WAVEFORMATEX*)suggestion, SuggestionRoom,
                AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG);
            // A PCM suggestion may be a 16-byte PCMWAVEFORMAT; the zeroed room reads as its cbSize 0.
            return result == MMRESULT.MMSYSERR_NOERROR ? WaveFormat.Parse(new ReadOnlySpan<byte>(suggestion, SuggestionRoom)) : null;
        }
    }
}
