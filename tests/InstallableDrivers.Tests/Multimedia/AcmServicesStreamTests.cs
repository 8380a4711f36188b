using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The ACM's stream functions over the codecs we ship: open (a chosen driver or any), query, size, the header's
/// prepare/convert/unprepare cycle with its status flags at every step, reset, close, and each error they document.
/// </summary>
public sealed unsafe class AcmServicesStreamTests : IDisposable
{
    private static readonly byte[] Pcm8k = WaveFormats.Pcm(1, 8000);
    private static readonly byte[] Mulaw8k = WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_MULAW, 1, 8000);

    private readonly AcmServicesHarness acm = new();

    public void Dispose() => acm.Dispose();

    [Fact]
    public void Pcm_to_mulaw_and_back_through_any_driver()
    {
        var original = Signals.Sine(8000, 8000, 16384, 1000);
        var pcm = WaveFormats.Pcm16Bytes(original);

        var encoder = acm.Stream(Pcm8k, Mulaw8k);
        var mulaw = acm.ConvertAll(encoder, pcm, 1000);
        var decoder = acm.Stream(Mulaw8k, Pcm8k);
        var decoded = WaveFormats.Pcm16Samples(acm.ConvertAll(decoder, mulaw, 333));

        // One byte a sample; G.711's own quality (docs/acm-codecs.md: 33.8 dB for this signal).
        Assert.Equal(original.Length, mulaw.Length);
        Assert.Equal(original.Length, decoded.Length);
        Assert.True(Signals.SignalToNoise(original, decoded) > 33, "µ-law round trip through the ACM");

        // The ACM chose G.711 for both, the first driver in the search order that lists both tags.
        nint id;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverID(encoder, &id, 0));
        Assert.Equal(acm.DriverNamed("711"), id);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(encoder, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(decoder, 0));
    }

    [Fact]
    public void A_stream_on_a_chosen_driver_converts_with_that_driver_only()
    {
        var ima = acm.OpenDriver(acm.DriverNamed("IMA"));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out var none, ima, Pcm8k, Mulaw8k));
        Assert.Equal(0, none);

        var imaFormat = WaveFormats.Ima(1, 8000, 256);
        var stream = acm.Stream(Pcm8k, imaFormat, ima);
        var original = Signals.Sine(505 * 4, 8000, 16384, 500);
        var encoded = acm.ConvertAll(stream, WaveFormats.Pcm16Bytes(original), 505 * 2 * 2);
        Assert.Equal(4 * 256, encoded.Length);
        var decoded = ImaAdpcmReference.Decode(encoded, 256, 1);
        Assert.Equal(original.Length, decoded.Length);
        Assert.True(Signals.SignalToNoise(original, decoded) > 20, "IMA ADPCM at 8 kHz (docs/acm-codecs.md: above 20 dB)");

        nint id;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverID(stream, &id, 0));
        Assert.Equal(acm.DriverNamed("IMA"), id);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(stream, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverClose(ima, 0));
    }

    [Fact]
    public void Query_opens_nothing_and_answers_whether_a_driver_could()
    {
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.OpenStream(out _, 0, Pcm8k, Mulaw8k, AcmStreamFlags.ACM_STREAMOPENF_QUERY));
        var stereoMulaw = WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_MULAW, 2, 8000);
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, Pcm8k, stereoMulaw, AcmStreamFlags.ACM_STREAMOPENF_QUERY));
        var unknownTag = WaveFormats.Make(0x1234, 1, 8000, 8000, 1, 8);
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, Pcm8k, unknownTag));

        // A query leaves no driver instance open: every driver can still be removed.
        foreach (var (id, _) in acm.Drivers())
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverRemove(id, 0));
        }
    }

    [Fact]
    public void Open_errors()
    {
        nint has;
        fixed (byte* src = Pcm8k)
        fixed (byte* dst = Mulaw8k)
        {
            var pcm = (WAVEFORMATEX*)src;
            var mulaw = (WAVEFORMATEX*)dst;
            Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamOpen(&has, 0, pcm, mulaw, null, 0, 0, 0x8));
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamOpen(null, 0, pcm, mulaw, null, 0, 0, 0));
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamOpen(&has, 0, pcm, mulaw, null, 0, 0, AcmStreamFlags.ACM_STREAMOPENF_QUERY));
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamOpen(&has, 0, null, mulaw, null, 0, 0, 0));
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamOpen(&has, 0, pcm, null, null, 0, 0, 0));
            Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamOpen(&has, 0x999, pcm, mulaw, null, 0, 0, 0));
            Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamOpen(&has, acm.DriverNamed("711"), pcm, mulaw, null, 0, 0, 0));

            // The codecs convert synchronously only.
            Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmStreamOpen(&has, 0, pcm, mulaw, null, 0, 0, AcmStreamFlags.ACM_STREAMOPENF_ASYNC));
        }
    }

    [Fact]
    public void Size_is_the_drivers_answer()
    {
        var stream = acm.Stream(Pcm8k, WaveFormats.Ima(1, 8000, 256));
        // 505 frames (1010 bytes) are one 256-byte block; the encoder rounds a partial block up (END pads it).
        Assert.Equal(256u, acm.Size(stream, 1010, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE));
        Assert.Equal(512u, acm.Size(stream, 1012, AcmStreamFlags.ACM_STREAMSIZEF_SOURCE));
        Assert.Equal(1010u, acm.Size(stream, 300, AcmStreamFlags.ACM_STREAMSIZEF_DESTINATION));

        uint answer = 7;
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmStreamSize(stream, 100, &answer, AcmStreamFlags.ACM_STREAMSIZEF_DESTINATION));
        Assert.Equal(0u, answer);
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamSize(stream, 100, &answer, 2));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamSize(stream, 100, &answer, 0x10));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamSize(stream, 100, null, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamSize(0x42, 100, &answer, 0));
    }

    [Fact]
    public void The_header_status_flags_follow_each_step()
    {
        var stream = acm.Stream(Pcm8k, Mulaw8k);
        using var header = new AcmHeader(200, 100);
        header.Header->fdwStatus = AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE; // left over from earlier use

        Assert.Equal((MMRESULT)AcmErrors.ACMERR_UNPREPARED, acm.Acm.acmStreamConvert(stream, header.Header, 0));
        // Preparing adds PREPARED and leaves DONE as it was (Windows does the same, as Wine's tests record).
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        Assert.Equal(AcmHeader.Prepared | AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE, header.Header->fdwStatus);
        header.Header->fdwStatus = AcmHeader.Prepared;
        // Prepared again: no effect, no error.
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        Assert.Equal(AcmHeader.Prepared, header.Header->fdwStatus);

        header.SetSource(WaveFormats.Pcm16Bytes(Signals.Sine(100, 8000, 1000, 440)));
        header.Header->cbSrcLengthUsed = 12345;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamConvert(stream, header.Header, AcmStreamFlags.ACM_STREAMCONVERTF_START));
        Assert.Equal(AcmHeader.Prepared | AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE, header.Header->fdwStatus);
        Assert.Equal(200u, header.Header->cbSrcLengthUsed);
        Assert.Equal(100u, header.Header->cbDstLengthUsed);

        // A shorter source than prepared is allowed; a longer one, or another buffer, is not.
        header.SetSource(new byte[50]);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamConvert(stream, header.Header, 0));
        Assert.Equal(25u, header.Header->cbDstLengthUsed);
        header.Header->cbSrcLength = 201;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamConvert(stream, header.Header, 0));

        // Unprepare wants the lengths it was prepared with.
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
        header.RestoreLengths();
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
        Assert.Equal(AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE, header.Header->fdwStatus);
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_UNPREPARED, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_UNPREPARED, acm.Acm.acmStreamConvert(stream, header.Header, 0));
    }

    [Fact]
    public void Header_errors()
    {
        var stream = acm.Stream(Pcm8k, Mulaw8k);
        var other = acm.Stream(Pcm8k, Mulaw8k);
        using var header = new AcmHeader(200, 100);

        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamPrepareHeader(0x10, header.Header, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamPrepareHeader(stream, null, 0));
        header.Header->cbStruct = 84; // the 32-bit size: too small here
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        header.Header->cbStruct = (uint)sizeof(ACMSTREAMHEADER);
        header.Header->cbSrcLength = 0;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        header.Header->cbSrcLength = 1; // less than one 16-bit frame
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));
        Assert.Equal(0u, header.Header->fdwStatus);
        header.Header->cbSrcLength = 200;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamPrepareHeader(stream, header.Header, 0));

        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamConvert(stream, header.Header, 0x1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamConvert(other, header.Header, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamUnprepareHeader(other, header.Header, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 1));

        // A header still queued (an asynchronous conversion in progress) is busy.
        header.Header->fdwStatus |= AcmStreamFlags.ACMSTREAMHEADER_STATUSF_INQUEUE;
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_BUSY, acm.Acm.acmStreamConvert(stream, header.Header, 0));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_BUSY, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
        header.Header->fdwStatus &= ~AcmStreamFlags.ACMSTREAMHEADER_STATUSF_INQUEUE;

        var source = header.Header->pbSrc;
        header.Header->pbSrc = header.Header->pbDst;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamConvert(stream, header.Header, 0));
        header.Header->pbSrc = source;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamUnprepareHeader(stream, header.Header, 0));
    }

    [Fact]
    public void Reset_and_close()
    {
        var stream = acm.Stream(Pcm8k, Mulaw8k);
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamReset(stream, 1));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamReset(stream, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamReset(0x20, 0));

        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmStreamClose(stream, 1));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(stream, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamClose(stream, 0));
        uint answer;
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamSize(stream, 100, &answer, 0));

        // The driver the ACM opened for the stream closed with it: G.711 can be removed.
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverRemove(acm.DriverNamed("711"), 0));
    }

    [Fact]
    public void Stream_messages_reach_the_driver_only_in_the_user_range()
    {
        var stream = acm.Stream(Pcm8k, Mulaw8k);
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmStreamMessage(stream, AcmMessages.ACMDM_STREAM_CONVERT, 0, 0));
        // G.711 answers messages it does not know with MMSYSERR_NOTSUPPORTED (docs/acm-codecs.md).
        Assert.Equal(MMRESULT.MMSYSERR_NOTSUPPORTED, acm.Acm.acmStreamMessage(stream, AcmMessages.ACMDM_USER + 5, 0, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamMessage(0x30, AcmMessages.ACMDM_USER, 0, 0));
    }
}
