using NAudioWaveFormat = NAudio.Wave.WaveFormat;
using WaveFormat = InstallableDrivers.Multimedia.WaveFormat;

namespace InstallableDrivers.NAudio;

/// <summary>Moves formats between NAudio and the services: both are a WAVEFORMATEX block, so the block is the bridge.</summary>
internal static class NAudioFormats
{
    /// <summary>The services' format for NAudio's, extra bytes included (ADPCM coefficients and the like).</summary>
    public static WaveFormat ToServices(NAudioWaveFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var block = new MemoryStream();
        using (var writer = new BinaryWriter(block, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            format.Serialize(writer);
        }

        // Serialize writes the block as a WAV file's fmt chunk body, preceded by its 4-byte length.
        return WaveFormat.Parse(block.ToArray().AsSpan(sizeof(int)));
    }
}
