using System.Buffers;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Converts audio from one format to another with the ACM's drivers, in one step when a driver converts the pair,
/// else through PCM (<see cref="Formats"/>). Buffers may have any length: a partial block waits for the next buffer, and
/// the last buffer ends every step's stream, so the codecs complete their last block.
/// </summary>
public sealed class AcmConverter : IDisposable
{
    /// <summary>Source bytes read from a stream at a time (rounded down to whole source blocks).</summary>
    private const int ChunkBytes = 64 * 1024;

    private readonly AcmConversionStage[] stages;

    /// <summary>Finds a path from <paramref name="source"/> to <paramref name="destination"/> and opens a stream for each step.</summary>
    /// <param name="acm">The ACM whose drivers convert.</param>
    /// <param name="source">The format of the data.</param>
    /// <param name="destination">The format wanted.</param>
    /// <exception cref="MmException">No driver, alone or through PCM, converts the pair (acmStreamOpen, ACMERR_NOTPOSSIBLE), or a stream failed to open.</exception>
    public AcmConverter(AcmServices acm, WaveFormat source, WaveFormat destination)
        : this(acm, FindPath(acm, source, destination))
    {
    }

    /// <summary>Opens a stream for each step of a path <see cref="AcmConversionPath"/> found (the wave mapper finds its own first).</summary>
    internal AcmConverter(AcmServices acm, IReadOnlyList<WaveFormat> formats)
    {
        Formats = formats;
        var opened = new List<AcmConversionStage>();
        try
        {
            for (var i = 1; i < Formats.Count; i++)
            {
                opened.Add(new AcmConversionStage(new AcmConversionStream(acm, Formats[i - 1], Formats[i])));
            }
        }
        catch
        {
            opened.ForEach(stage => stage.Dispose());
            throw;
        }

        stages = [.. opened];
    }

    private static IReadOnlyList<WaveFormat> FindPath(AcmServices acm, WaveFormat source, WaveFormat destination)
    {
        ArgumentNullException.ThrowIfNull(acm);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return AcmConversionPath.Find(acm, source, destination)
            ?? throw AcmFailure.Create(nameof(AcmServices.acmStreamOpen), AcmFailure.NotPossible,
                $"no installed driver converts {source} to {destination}, directly or through PCM");
    }

    /// <summary>The format of the data the converter takes.</summary>
    public WaveFormat Source => Formats[0];

    /// <summary>The format it produces.</summary>
    public WaveFormat Destination => Formats[^1];

    /// <summary>The formats the data passes through, <see cref="Source"/> first and <see cref="Destination"/> last (one only when they are the same).</summary>
    public IReadOnlyList<WaveFormat> Formats { get; }

    /// <summary>
    /// Converts the next buffer of the stream. The result is valid until the next call. Source bytes short of a block
    /// are kept for the next buffer; with <paramref name="isLast"/> the stream ends and every step flushes.
    /// </summary>
    /// <param name="source">The next source bytes, of any length.</param>
    /// <param name="isLast">Whether this is the stream's last buffer.</param>
    /// <returns>The converted bytes this buffer completes.</returns>
    /// <exception cref="MmException">A conversion failed.</exception>
    public ReadOnlySpan<byte> Convert(ReadOnlySpan<byte> source, bool isLast)
    {
        var data = source;
        foreach (var stage in stages)
        {
            data = stage.Push(data, isLast);
        }

        return data;
    }

    /// <summary>Converts everything <paramref name="input"/> holds and writes it to <paramref name="output"/>.</summary>
    /// <param name="input">The source data, read to its end.</param>
    /// <param name="output">Where the converted data goes.</param>
    /// <param name="progress">Told the fraction of the input converted (0 to 1), when the input's length is known (a seekable stream).</param>
    /// <returns>The bytes written to <paramref name="output"/>.</returns>
    /// <exception cref="MmException">A conversion failed.</exception>
    public long Convert(Stream input, Stream output, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return Pump(input, progress, static (data, stream) => stream.Write(data), output);
    }

    /// <summary>
    /// Converts a WAV file into a new WAV file of <paramref name="targetFormat"/>. The output is written beside
    /// <paramref name="outputPath"/> and moved there when complete, so a failed conversion leaves no partial file and
    /// an existing file as it was.
    /// </summary>
    /// <param name="inputPath">The WAV file to read.</param>
    /// <param name="outputPath">The WAV file to write (replaced if it exists).</param>
    /// <param name="targetFormat">The format of the output.</param>
    /// <param name="progress">Told the fraction of the input's data converted, 0 to 1.</param>
    /// <param name="acm">The ACM whose drivers convert; <see cref="AcmServices.Default"/> (the drivers of <see cref="DriverManager.Default"/>'s registry) if null.</param>
    /// <returns>The formats the data passed through (<see cref="Formats"/>).</returns>
    /// <exception cref="InvalidDataException">The input is not a well-formed WAV file.</exception>
    /// <exception cref="MmException">No driver converts the input's format to the target, or a conversion failed.</exception>
    /// <exception cref="IOException">A file could not be read or written.</exception>
    public static IReadOnlyList<WaveFormat> ConvertFile(string inputPath, string outputPath, WaveFormat targetFormat, IProgress<double>? progress = null,
        AcmServices? acm = null)
    {
        ArgumentNullException.ThrowIfNull(targetFormat);
        acm ??= AcmServices.Default;
        using var reader = WaveFileReader.Open(inputPath);
        using var converter = new AcmConverter(acm, reader.Format, targetFormat);
        var output = Path.GetFullPath(outputPath);
        var temporary = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = WaveFileWriter.Create(temporary, converter.Destination))
            {
                converter.Pump(reader.Data, progress, static (data, file) => file.Write(data), writer);
                writer.SampleCount = converter.stages.Length == 0 ? reader.SampleCount : converter.FramesEncoded;
            }

            File.Move(temporary, output, overwrite: true);
            return converter.Formats;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Closes every step's stream.</summary>
    public void Dispose()
    {
        foreach (var stage in stages)
        {
            stage.Dispose();
        }
    }

    /// <summary>
    /// The sample frames the last step took in when it encodes PCM (what a WAV file's fact chunk counts: the padding
    /// of a last partial block is not audio), else null.
    /// </summary>
    private long? FramesEncoded => Formats.Count >= 2 && Formats[^2].FormatTag is WaveFormatTags.WAVE_FORMAT_PCM or WaveFormatTags.WAVE_FORMAT_IEEE_FLOAT
        ? stages[^1].SourceBytesUsed / Math.Max(Formats[^2].BlockAlign, 1)
        : null;

    /// <summary>Reads <paramref name="input"/> to its end in chunks of whole source blocks, converting each and handing the result to <paramref name="write"/>.</summary>
    private long Pump<TTarget>(Stream input, IProgress<double>? progress, ReadOnlySpanAction<byte, TTarget> write, TTarget target)
    {
        var total = input.CanSeek ? input.Length - input.Position : 0;
        var blockAlign = Math.Max(Source.BlockAlign, 1);
        var chunk = new byte[Math.Max(ChunkBytes / blockAlign, 1) * blockAlign];
        long read = 0, written = 0;
        while (true)
        {
            var length = input.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            read += length;
            // A short read is the end; a full one may be followed by nothing, which ends the stream with an empty buffer.
            var isLast = length < chunk.Length;
            var converted = Convert(chunk.AsSpan(0, length), isLast);
            write(converted, target);
            written += converted.Length;
            if (total > 0)
            {
                progress?.Report(Math.Min((double)read / total, 1));
            }

            if (isLast)
            {
                return written;
            }
        }
    }
}
