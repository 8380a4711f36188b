using System.Globalization;
using InstallableDrivers.Multimedia;

namespace InstallableDrivers.Cli;

/// <summary>
/// What <c>drv convert --to</c> asks for: a codec's format at the input's rate and channels (<c>mulaw</c>, <c>alaw</c>,
/// <c>ima-adpcm</c>, <c>ms-adpcm</c>), 16-bit PCM at the input's rate and channels (<c>pcm</c>), or PCM of a given
/// shape (<c>pcm:RATE/BITS/CHANNELS</c>).
/// </summary>
internal sealed record ConversionTarget(string Name, int? SampleRate = null, int? Bits = null, int? Channels = null)
{
    /// <summary>The names --to takes, for the help and the errors.</summary>
    public const string Syntax = "mulaw, alaw, ima-adpcm, ms-adpcm, pcm or pcm:RATE/BITS/CHANNELS (e.g. pcm:44100/16/2)";

    private static readonly string[] CodecNames = ["mulaw", "alaw", "ima-adpcm", "ms-adpcm"];

    /// <summary>Reads a --to value; null (with <paramref name="error"/>) when it is not one of <see cref="Syntax"/>.</summary>
    public static ConversionTarget? TryParse(string text, out string? error)
    {
        error = null;
        var name = text.Trim().ToLowerInvariant();
        if (CodecNames.Contains(name) || name == "pcm")
        {
            return new ConversionTarget(name);
        }

        if (name.StartsWith("pcm:", StringComparison.Ordinal))
        {
            var parts = name[4..].Split('/');
            if (parts.Length == 3 && Positive(parts[0]) is { } rate && Positive(parts[1]) is { } bits && Positive(parts[2]) is { } channels)
            {
                if (bits is 8 or 16 or 24 or 32 && channels <= 8)
                {
                    return new ConversionTarget("pcm", rate, bits, channels);
                }

                error = $"'{text}': PCM has 8, 16, 24 or 32 bits a sample and 1 to 8 channels.";
                return null;
            }
        }

        error = $"'{text}' is not a format drv converts to; give {Syntax}.";
        return null;
    }

    /// <summary>The format this target means for an input of <paramref name="source"/>'s rate and channels.</summary>
    /// <exception cref="CliException">A codec format for an input with more than two channels.</exception>
    public WaveFormat FormatFor(WaveFormat source)
    {
        var rate = SampleRate ?? source.SampleRate;
        var channels = Channels ?? source.Channels;
        if (Name != "pcm" && channels is not (1 or 2))
        {
            throw new CliException(ExitCode.BadInput, string.Create(CultureInfo.InvariantCulture,
                $"{Name} holds 1 or 2 channels and the input has {channels}; convert it to pcm:{rate}/16/2 first."));
        }

        return Name switch
        {
            "mulaw" => WaveFormat.MuLaw(rate, channels),
            "alaw" => WaveFormat.ALaw(rate, channels),
            "ima-adpcm" => WaveFormat.ImaAdpcm(rate, channels),
            "ms-adpcm" => WaveFormat.MsAdpcm(rate, channels),
            _ => WaveFormat.Pcm(rate, Bits ?? 16, channels),
        };
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
