using System.CommandLine;
using System.Globalization;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Cli;

/// <summary>The options of the wave commands (play, record), spelled and checked the same in both.</summary>
internal static class WaveOptions
{
    /// <summary>--device N: a device id as <c>drv devices</c> lists them; WAVE_MAPPER (the preferred device that takes the format) unless given.</summary>
    public static Option<uint?> Device(string direction) => new("--device")
    {
        Description = $"The wave {direction} device id, as 'drv devices' lists them. Default: the wave mapper (the preferred device that takes the format).",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != WaveOpenFlags.WAVE_MAPPER)
            {
                return id;
            }

            result.AddError($"--device '{text}' is not a device id: give a number from 'drv devices'.");
            return null;
        },
    };

    /// <summary>--format RATE/BITS/CHANNELS: integer PCM.</summary>
    public static Option<WaveFormat> Format() => new("--format")
    {
        Description = "The format to record: integer PCM as RATE/BITS/CHANNELS, e.g. 44100/16/2 (the default) or 8000/8/1.",
        HelpName = "RATE/BITS/CHANNELS",
        DefaultValueFactory = _ => WaveFormat.Pcm(44100, 16, 2),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var parts = text.Split('/');
            if (parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate is > 0 and <= 1_000_000
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits is 8 or 16 or 24 or 32
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var channels) && channels is > 0 and <= 32)
            {
                return WaveFormat.Pcm(rate, bits, channels);
            }

            result.AddError($"--format '{text}' is not RATE/BITS/CHANNELS: for example 44100/16/2 (bits 8, 16, 24 or 32).");
            return null;
        },
    };

    /// <summary>The device id an option gave, or WAVE_MAPPER when it was not given.</summary>
    public static uint DeviceId(ParseResult parse, Option<uint?> device) => parse.GetValue(device) ?? WaveOpenFlags.WAVE_MAPPER;

    /// <summary>The device's name for messages: "device 0 (WAV file out, driver wave)", or "the wave mapper".</summary>
    public static string Describe(uint id, string? name, string? alias) => id == WaveOpenFlags.WAVE_MAPPER
        ? "the wave mapper"
        : name is null ? $"device {id}" : $"device {id} ({name}, driver {alias})";
}
