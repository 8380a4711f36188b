using System.Buffers.Binary;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Reads and writes the converter's samples as doubles in [-1, 1): an N-bit integer sample v stands for v / 2^(N-1)
/// (8-bit samples are unsigned, 128 being 0), a float sample for itself. A double holds every integer sample exactly, so
/// conversions lose only what the destination cannot hold: writing an N-bit integer rounds x·2^(N-1) to the nearest
/// integer, halves upward (floor(y + 0.5)), and clamps to the N-bit range; writing a float rounds to the nearest float.
/// So widening is exact (v·2^(M-N)), and narrowing is rounding: 16 to 8 bits gives (v + 128) >> 8, clamped.
/// </summary>
internal static class PcmSamples
{
    /// <summary>The sample at the start of <paramref name="bytes"/>.</summary>
    public static double Read(ReadOnlySpan<byte> bytes, PcmFormat format) => format switch
    {
        { IsFloat: true } => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        { Bits: 8 } => (bytes[0] - 128) / 128.0,
        { Bits: 16 } => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768.0,
        { Bits: 24 } => ((bytes[0] | (bytes[1] << 8) | ((sbyte)bytes[2] << 16)) / 8388608.0),
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0,
    };

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="bytes"/>, rounded and clamped as the class says.</summary>
    public static void Write(Span<byte> bytes, PcmFormat format, double value)
    {
        if (format.IsFloat)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
            return;
        }

        var full = 1L << (format.Bits - 1);
        var scaled = Math.Floor((value * full) + 0.5);
        var integer = double.IsNaN(scaled) ? 0 : (long)Math.Clamp(scaled, -full, full - 1);
        switch (format.Bits)
        {
            case 8:
                bytes[0] = (byte)(integer + 128);
                break;
            case 16:
                BinaryPrimitives.WriteInt16LittleEndian(bytes, (short)integer);
                break;
            case 24:
                bytes[0] = (byte)integer;
                bytes[1] = (byte)(integer >> 8);
                bytes[2] = (byte)(integer >> 16);
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)integer);
                break;
        }
    }
}
