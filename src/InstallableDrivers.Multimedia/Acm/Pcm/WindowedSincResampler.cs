namespace InstallableDrivers.Multimedia;

/// <summary>
/// A streaming sample-rate converter: band-limited interpolation with a Kaiser-windowed sinc (J. O. Smith's method).
/// Output frame n is the input at time t = n·inRate/outRate (in input frames), the sum of input frames k weighted by
/// h((t − k)·s)·s, where s = min(1, outRate/inRate) stretches the kernel when downsampling so that it always cuts at
/// the lower of the two rates, and
/// <code>h(u) = c·sinc(c·u)·kaiser(u / ZeroCrossings),  |u| &lt; ZeroCrossings</code>
/// with u in samples of the lower rate. <see cref="ZeroCrossings"/> = 48 per side (96 taps at the lower rate),
/// <see cref="Beta"/> = 8 (about 80 dB of sidelobe attenuation) and cutoff c = 0.94 of the lower Nyquist frequency put
/// the transition band between about 0.89 and 0.99 of that Nyquist frequency. The kernel is tabulated at
/// <see cref="TableResolution"/> points per zero crossing and interpolated linearly. Measured (tests in
/// AcmServicesPcmConverterTests and docs/acm.md): passband ripple within ±0.01 dB to 0.85 of the lower Nyquist
/// frequency, above-Nyquist input attenuated by more than 75 dB.
/// <para>
/// The stream's first output frame is at input time 0 and frames before the first input count as silence, so the
/// output is not delayed; the price is that output frame n waits for input up to t + the kernel's half width: the
/// resampler holds such frames back until more input comes or the end of the stream (ACM_STREAMCONVERTF_END) says none
/// will.
/// </para>
/// </summary>
internal sealed class WindowedSincResampler
{
    /// <summary>Zero crossings of the sinc kept on each side of the centre.</summary>
    public const int ZeroCrossings = 48;

    /// <summary>The Kaiser window's shape parameter.</summary>
    public const double Beta = 8.0;

    /// <summary>The cutoff as a fraction of the lower rate's Nyquist frequency.</summary>
    public const double Cutoff = 0.94;

    /// <summary>Kernel values per zero crossing in the table.</summary>
    public const int TableResolution = 512;

    /// <summary>h(i / TableResolution) for i = 0 … ZeroCrossings·TableResolution, and a 0 after for the interpolation.</summary>
    private static readonly double[] Kernel = BuildKernel();

    private readonly int inRate;
    private readonly int outRate;
    private readonly int channels;
    private readonly double scale;

    /// <summary>The kernel's half width in input frames.</summary>
    private readonly double halfWidth;

    /// <summary>
    /// Input frames held (interleaved): <see cref="heldFrames"/> frames from input frame <see cref="heldStart"/> on,
    /// starting <see cref="heldOffset"/> frames into the array (frames dropped are moved out only when room is needed).
    /// </summary>
    private double[] held = [];
    private int heldOffset;
    private int heldFrames;
    private long heldStart;

    /// <summary>Input frames taken since the stream started.</summary>
    private long inputFrames;

    /// <summary>The next output frame's index.</summary>
    private long nextOutput;

    public WindowedSincResampler(int inRate, int outRate, int channels)
    {
        this.inRate = inRate;
        this.outRate = outRate;
        this.channels = channels;
        scale = Math.Min(1.0, (double)outRate / inRate);
        halfWidth = ZeroCrossings / scale;
    }

    /// <summary>The most input frames the resampler holds back between calls: the destination room they may later need.</summary>
    public int MaxHeldFrames => (int)Math.Ceiling(halfWidth) + 2;

    /// <summary>Forgets the stream so far (ACM_STREAMCONVERTF_START).</summary>
    public void Reset()
    {
        heldOffset = 0;
        heldFrames = 0;
        heldStart = 0;
        inputFrames = 0;
        nextOutput = 0;
    }

    /// <summary>
    /// Produces output frames into <paramref name="output"/> (interleaved, room for whole frames), taking input frames
    /// from <paramref name="input"/> only as the outputs need them. At the end of the stream (<paramref name="flush"/>)
    /// input past the last frame counts as silence and output stops at ceil(inputFrames·outRate/inRate) frames.
    /// </summary>
    /// <param name="input">Interleaved input frames.</param>
    /// <param name="output">Interleaved output room.</param>
    /// <param name="flush">True if no input follows.</param>
    /// <param name="framesTaken">Input frames consumed.</param>
    /// <returns>Output frames written.</returns>
    public int Process(ReadOnlySpan<double> input, Span<double> output, bool flush, out int framesTaken)
    {
        var available = input.Length / channels;
        var room = output.Length / channels;
        framesTaken = 0;
        var written = 0;
        while (written < room)
        {
            var time = (double)(nextOutput * inRate) / outRate;
            var last = (long)Math.Floor(time + halfWidth);
            if (last >= inputFrames)
            {
                if (framesTaken < available)
                {
                    Hold(input.Slice(framesTaken * channels, channels));
                    framesTaken++;
                    continue;
                }

                if (!flush || nextOutput >= TotalOutput)
                {
                    break;
                }
            }

            Compute(time, output.Slice(written * channels, channels));
            written++;
            nextOutput++;
            Drop((long)Math.Floor(((double)(nextOutput * inRate) / outRate) - halfWidth));
        }

        return written;
    }

    /// <summary>The output frames the input so far makes: ceil(inputFrames·outRate/inRate).</summary>
    private long TotalOutput => ((inputFrames * outRate) + inRate - 1) / inRate;

    /// <summary>Output frames the given input frames (plus what is held) can make at most.</summary>
    public long MaxOutputFor(long inputCount) => (long)Math.Ceiling((inputCount + MaxHeldFrames) * (double)outRate / inRate) + 1;

    /// <summary>Computes one output frame at input time <paramref name="time"/>.</summary>
    private void Compute(double time, Span<double> frame)
    {
        frame.Clear();
        var first = Math.Max(heldStart, (long)Math.Floor(time - halfWidth) + 1);
        var last = Math.Min(inputFrames - 1, (long)Math.Floor(time + halfWidth));
        for (var k = first; k <= last; k++)
        {
            var weight = Weight((time - k) * scale) * scale;
            var at = (heldOffset + (int)(k - heldStart)) * channels;
            for (var c = 0; c < channels; c++)
            {
                frame[c] += weight * held[at + c];
            }
        }
    }

    /// <summary>The kernel at <paramref name="u"/> samples of the lower rate, interpolated from the table.</summary>
    private static double Weight(double u)
    {
        var position = Math.Abs(u) * TableResolution;
        var index = (int)position;
        if (index >= Kernel.Length - 1)
        {
            return 0;
        }

        var fraction = position - index;
        return Kernel[index] + (fraction * (Kernel[index + 1] - Kernel[index]));
    }

    private void Hold(ReadOnlySpan<double> frame)
    {
        if ((heldOffset + heldFrames + 1) * channels > held.Length)
        {
            if (heldOffset > heldFrames)
            {
                held.AsSpan(heldOffset * channels, heldFrames * channels).CopyTo(held);
                heldOffset = 0;
            }
            else
            {
                Array.Resize(ref held, Math.Max(64 * channels, held.Length * 2));
            }
        }

        frame.CopyTo(held.AsSpan((heldOffset + heldFrames) * channels));
        heldFrames++;
        inputFrames++;
    }

    /// <summary>Forgets held frames before <paramref name="firstNeeded"/>.</summary>
    private void Drop(long firstNeeded)
    {
        var drop = (int)Math.Clamp(firstNeeded - heldStart, 0, heldFrames);
        heldOffset += drop;
        heldFrames -= drop;
        heldStart += drop;
    }

    private static double[] BuildKernel()
    {
        var length = (ZeroCrossings * TableResolution) + 2;
        var kernel = new double[length];
        var windowNorm = BesselI0(Beta);
        for (var i = 0; i < length - 1; i++)
        {
            var u = (double)i / TableResolution;
            var x = u / ZeroCrossings;
            var window = BesselI0(Beta * Math.Sqrt(Math.Max(0, 1 - (x * x)))) / windowNorm;
            var argument = Math.PI * Cutoff * u;
            var sinc = i == 0 ? 1.0 : Math.Sin(argument) / argument;
            kernel[i] = Cutoff * sinc * window;
        }

        return kernel;
    }

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series.</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; term > 1e-12 * sum; k++)
        {
            term *= x * x / (4.0 * k * k);
            sum += term;
        }

        return sum;
    }
}
