namespace InstallableDrivers.Multimedia;

/// <summary>
/// One stream of the PCM converter: from one <see cref="PcmFormat"/> to another, changing sample type and size
/// (<see cref="PcmSamples"/>), channels (mono to stereo copies the channel; stereo to mono adds the two, L + R, clamped
/// when written, as Windows' converter mixes), and rate (<see cref="WindowedSincResampler"/>, after the channel change).
/// </summary>
internal sealed class PcmConversion(PcmFormat source, PcmFormat destination)
{
    private readonly WindowedSincResampler? resampler =
        source.Rate == destination.Rate ? null : new WindowedSincResampler(source.Rate, destination.Rate, destination.Channels);

    /// <summary>The destination bytes <paramref name="sourceBytes"/> of source can make at most; 0 if not one whole frame.</summary>
    public long DestinationSize(long sourceBytes)
    {
        var frames = sourceBytes / source.FrameBytes;
        if (frames == 0)
        {
            return 0;
        }

        return (resampler?.MaxOutputFor(frames) ?? frames) * destination.FrameBytes;
    }

    /// <summary>The source bytes whose conversion fits <paramref name="destinationBytes"/>; 0 if none.</summary>
    public long SourceSize(long destinationBytes)
    {
        var frames = destinationBytes / destination.FrameBytes;
        var sourceFrames = resampler is null ? frames : frames * source.Rate / destination.Rate;
        return sourceFrames * source.FrameBytes;
    }

    /// <summary>Forgets what the resampler holds (ACM_STREAMCONVERTF_START).</summary>
    public void Restart() => resampler?.Reset();

    /// <summary>
    /// Converts what fits: whole source frames into whole destination frames. Without resampling, frame for frame;
    /// with it, the resampler takes source frames as its output needs them, and <paramref name="end"/> lets it finish
    /// the stream.
    /// </summary>
    public void Convert(ReadOnlySpan<byte> input, Span<byte> output, bool end, out int inputUsed, out int outputUsed)
    {
        var inputFrames = input.Length / source.FrameBytes;
        var outputFrames = output.Length / destination.FrameBytes;
        if (resampler is null)
        {
            var frames = Math.Min(inputFrames, outputFrames);
            Span<double> frame = stackalloc double[2];
            for (var i = 0; i < frames; i++)
            {
                ReadFrame(input[(i * source.FrameBytes)..], frame);
                WriteFrame(frame, output[(i * destination.FrameBytes)..]);
            }

            inputUsed = frames * source.FrameBytes;
            outputUsed = frames * destination.FrameBytes;
            return;
        }

        var decoded = new double[inputFrames * destination.Channels];
        for (var i = 0; i < inputFrames; i++)
        {
            ReadFrame(input[(i * source.FrameBytes)..], decoded.AsSpan(i * destination.Channels, destination.Channels));
        }

        var resampled = new double[outputFrames * destination.Channels];
        var written = resampler.Process(decoded, resampled, end, out var taken);
        for (var i = 0; i < written; i++)
        {
            WriteFrame(resampled.AsSpan(i * destination.Channels, destination.Channels), output[(i * destination.FrameBytes)..]);
        }

        inputUsed = taken * source.FrameBytes;
        outputUsed = written * destination.FrameBytes;
    }

    /// <summary>Reads one source frame as the destination's channels.</summary>
    private void ReadFrame(ReadOnlySpan<byte> bytes, Span<double> frame)
    {
        var first = PcmSamples.Read(bytes, source);
        if (source.Channels == 1)
        {
            frame.Fill(first);
            return;
        }

        var second = PcmSamples.Read(bytes[source.SampleBytes..], source);
        if (destination.Channels == 1)
        {
            frame[0] = first + second;
        }
        else
        {
            frame[0] = first;
            frame[1] = second;
        }
    }

    private void WriteFrame(ReadOnlySpan<double> frame, Span<byte> bytes)
    {
        for (var c = 0; c < destination.Channels; c++)
        {
            PcmSamples.Write(bytes[(c * destination.SampleBytes)..], destination, frame[c]);
        }
    }
}
