using InstallableDrivers.Multimedia;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The expected side of the wave mapper's tests, computed without the mapper: compressed test data and its PCM through
/// one acmStreamConvert of the whole buffer (START and END) in an ACM of its own, or through the reference ADPCM
/// decoders written from the specifications.
/// </summary>
internal sealed class WaveMapperCodecs : IDisposable
{
    private readonly AcmServicesHarness acm = new();

    /// <summary>The compressed formats the mapper is tested with, by name, at 8 kHz mono.</summary>
    public static WaveFormat Format(string name) => name switch
    {
        "mulaw" => WaveFormat.MuLaw(8000, 1),
        "alaw" => WaveFormat.ALaw(8000, 1),
        "ima-adpcm" => WaveFormat.ImaAdpcm(8000, 1),
        "ms-adpcm" => WaveFormat.MsAdpcm(8000, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>16-bit PCM of a 440 Hz tone, <paramref name="frames"/> frames at 8 kHz mono.</summary>
    public static byte[] Tone(int frames) => WaveFormats.Pcm16Bytes(Signals.Sine(frames, 8000, 12000, 440));

    /// <summary>Registers the codecs we ship in a registry, as <c>msacm.*</c> values.</summary>
    public static void Register(global::InstallableDrivers.Registries.MemoryDriverRegistry registry)
    {
        foreach (var codec in AcmServicesHarness.Codecs)
        {
            registry.SetValue("Drivers32", "msacm." + codec, codec);
        }
    }

    /// <summary>Converts a whole buffer in one acmStreamConvert (START | END).</summary>
    public byte[] Convert(WaveFormat from, WaveFormat to, byte[] data)
    {
        using var stream = new AcmConversionStream(acm.Acm, from, to);
        Assert.True(stream.TryGetDestinationSize(data.Length, out var room));
        var output = new byte[room];
        var (used, written) = stream.Convert(data, output, AcmConvertFlags.Start | AcmConvertFlags.End);
        Assert.Equal(data.Length, used);
        return output[..written];
    }

    /// <summary>What a device should be given for <paramref name="data"/> in <paramref name="format"/>: 16-bit PCM, the ADPCM ones by the reference decoders.</summary>
    public byte[] Decoded(WaveFormat format, byte[] data) => format.FormatTag switch
    {
        0x0011 => WaveFormats.Pcm16Bytes(ImaAdpcmReference.Decode(data, format.BlockAlign, format.Channels)),
        0x0002 => WaveFormats.Pcm16Bytes(MsAdpcmReference.Decode(data, format.BlockAlign, format.Channels)),
        _ => Convert(format, WaveFormat.Pcm(format.SampleRate, 16, format.Channels), data),
    };

    public void Dispose() => acm.Dispose();
}
