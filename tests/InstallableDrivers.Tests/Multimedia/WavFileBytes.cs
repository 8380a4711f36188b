using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The bytes of a WAV file, written here from the RIFF/WAVE format (not by the driver under test): a 16-byte fmt
/// chunk for PCM; for other tags an 18-byte one (cbSize 0), or the whole format block given, and a fact chunk with the
/// frame count; the data chunk, padded to an even length as RIFF requires.
/// </summary>
internal static class WavFileBytes
{
    public static byte[] Of(WAVEFORMATEX format, ReadOnlySpan<byte> data)
    {
        var pcm = format.wFormatTag == WaveFormatTags.WAVE_FORMAT_PCM;
        var block = WaveFormats.Make(format.wFormatTag, format.nChannels, (int)format.nSamplesPerSec, (int)format.nAvgBytesPerSec, format.nBlockAlign, format.wBitsPerSample);
        return Of(pcm ? block[..16] : block, data, pcm ? null : (uint)(data.Length / format.nBlockAlign));
    }

    /// <summary>
    /// A WAV file whose fmt chunk is <paramref name="formatBlock"/> as it stands (a WAVEFORMATEX with its extra bytes,
    /// or PCM's 16 bytes), with a fact chunk counting <paramref name="factFrames"/> if given.
    /// </summary>
    public static byte[] Of(byte[] formatBlock, ReadOnlySpan<byte> data, uint? factFrames)
    {
        var pad = data.Length % 2;
        var fmtPad = formatBlock.Length % 2;
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) // always little-endian, as RIFF is
        {
            w.Write("RIFF"u8);
            w.Write((uint)(4 + (8 + formatBlock.Length + fmtPad) + (factFrames is null ? 0 : 12) + 8 + data.Length + pad));
            w.Write("WAVEfmt "u8);
            w.Write((uint)formatBlock.Length);
            w.Write(formatBlock);
            if (fmtPad == 1)
            {
                w.Write((byte)0);
            }

            if (factFrames is { } frames)
            {
                w.Write("fact"u8);
                w.Write(4u);
                w.Write(frames);
            }

            w.Write("data"u8);
            w.Write((uint)data.Length);
            w.Write(data);
            if (pad == 1)
            {
                w.Write((byte)0);
            }
        }

        return stream.ToArray();
    }

    public static WAVEFORMATEX Pcm(uint rate, ushort bits, ushort channels) => Format(WaveFormatTags.WAVE_FORMAT_PCM, rate, bits, channels);

    public static WAVEFORMATEX Float(uint rate, ushort channels) => Format(WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT, rate, 32, channels);

    private static WAVEFORMATEX Format(ushort tag, uint rate, ushort bits, ushort channels) => new()
    {
        wFormatTag = tag,
        nChannels = channels,
        nSamplesPerSec = rate,
        nBlockAlign = (ushort)(channels * bits / 8),
        nAvgBytesPerSec = rate * (uint)(channels * bits / 8),
        wBitsPerSample = bits,
    };
}
