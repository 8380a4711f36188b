using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Multimedia;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.Multimedia.Interop.AcmStreamFlags;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using Resources = InstallableDrivers.Tests.Isolation.CrashRestartLeakTests.Resources;

namespace InstallableDrivers.Tests.Isolation;

/// <summary>
/// A codec that crashes in its host in the middle of a conversion (acmcrashdrv.c: G.711 with a crash switch in
/// ACMDM_STREAM_CONVERT), as docs/acm.md ("Isolated codecs") says it ends: the conversion and every later call of the
/// stream answer MMSYSERR_NODRIVER, the last error says which signal during which message, unpreparing and closing
/// succeed, the arena copies and the host are gone, and the next stream starts a fresh host.
/// </summary>
[Collection(IsolationCollection.Name)]
public sealed unsafe class IsolatedAcmCrashTests : IDisposable
{
    private readonly string driver = TestDrivers.CopyToTemporaryDirectory("acmcrashdrv");
    private readonly IsolatedAcm isolated;
    private readonly byte[] pcm = WaveFormats.Pcm16Bytes(Signals.Sine(4000, 8000, 12000, 440));

    public IsolatedAcmCrashTests() => isolated = new IsolatedAcm(isolated: true, driver);

    private AcmServices Acm => isolated.Acm;

    public void Dispose()
    {
        isolated.Dispose();
        HostProcesses.AssertNoneLeft();
    }

    private void Arm() => File.WriteAllText(driver + ".armed", "");

    private static byte[] InProcessMuLaw(ReadOnlySpan<byte> pcm)
    {
        using var acm = new IsolatedAcm(isolated: false, "g711");
        return acm.Convert(WaveFormat.Pcm(8000, 16, 1), WaveFormat.MuLaw(8000, 1), pcm.ToArray());
    }

    [Fact]
    public void A_crash_during_acmStreamConvert_answers_MMSYSERR_NODRIVER_and_the_stream_then_only_unprepares_and_closes()
    {
        _ = AcmCodec.GetAll(Acm); // the ACM reads the driver's details once, in a host of its own that has ended since
        var before = Resources.CountOnceSettled(Resources.Count());
        var has = Open();
        Assert.Single(HostProcesses.Children());
        using var header = new AcmHeader(2000, 1000);
        using var other = new AcmHeader(2000, 1000);
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamPrepareHeader(has, header.Header, 0));
        header.SetSource(pcm.AsSpan(0, 2000));
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamConvert(has, header.Header, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_BLOCKALIGN));
        Assert.Equal(InProcessMuLaw(pcm.AsSpan(0, 2000)), header.Output);

        Arm();
        header.SetSource(pcm.AsSpan(2000, 2000));
        Assert.Equal(MMSYSERR_NODRIVER, Acm.acmStreamConvert(has, header.Header, ACM_STREAMCONVERTF_BLOCKALIGN));
        var crash = DriverManager.LastError!.Crash!;
        Assert.Equal(DriverFailureReason.Crashed, DriverManager.LastError.Reason);
        Assert.Equal((11, AcmMessages.ACMDM_STREAM_CONVERT), (crash.Signal!.Value, crash.Message!.Value));
        Assert.Equal("the driver crashed with SIGSEGV during ACMDM_STREAM_CONVERT", crash.Reason);
        Assert.Equal(0u, header.Header->fdwStatus & ACMSTREAMHEADER_STATUSF_DONE);
        Assert.Empty(HostProcesses.Children());

        uint size;
        Assert.Equal(MMSYSERR_NODRIVER, Acm.acmStreamSize(has, 2000, &size, ACM_STREAMSIZEF_SOURCE));
        Assert.Equal(MMSYSERR_NODRIVER, Acm.acmStreamConvert(has, header.Header, ACM_STREAMCONVERTF_BLOCKALIGN));
        Assert.Equal(MMSYSERR_NODRIVER, Acm.acmStreamPrepareHeader(has, other.Header, 0));
        header.RestoreLengths();
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamUnprepareHeader(has, header.Header, 0));
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamClose(has, 0));
        Assert.Equal(MMSYSERR_INVALHANDLE, Acm.acmStreamClose(has, 0));
        Assert.Equal(before, Resources.CountOnceSettled(before)); // the stream's arena copies, and the arena, are gone

        // The next stream starts a fresh host, which converts.
        has = Open();
        Assert.Single(HostProcesses.Children());
        using var again = new AcmHeader(2000, 1000);
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamPrepareHeader(has, again.Header, 0));
        again.SetSource(pcm.AsSpan(2000, 2000));
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamConvert(has, again.Header, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_BLOCKALIGN));
        Assert.Equal(InProcessMuLaw(pcm.AsSpan(2000, 2000)), again.Output);
        again.RestoreLengths();
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamUnprepareHeader(has, again.Header, 0));
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamClose(has, 0));
    }

    [Fact]
    public void AcmConverter_throws_an_MmException_with_the_crash_and_the_next_converter_works()
    {
        var converter = new AcmConverter(Acm, WaveFormat.Pcm(8000, 16, 1), WaveFormat.MuLaw(8000, 1));
        var first = converter.Convert(pcm.AsSpan(0, 4000), isLast: false).ToArray();
        Assert.Equal(InProcessMuLaw(pcm.AsSpan(0, 4000)), first);

        Arm();
        var thrown = Assert.Throws<MmException>(() => converter.Convert(pcm.AsSpan(4000), isLast: true).ToArray());
        Assert.Equal((nameof(AcmServices.acmStreamConvert), MMSYSERR_NODRIVER), (thrown.Function, thrown.Result));
        var crash = Assert.IsType<DriverCrashedException>(thrown.InnerException).Crash;
        Assert.Equal(11, crash.Signal);
        Assert.Contains(crash.Reason, thrown.Message, StringComparison.Ordinal);
        Assert.Contains("SIGSEGV", thrown.Message, StringComparison.Ordinal);
        converter.Dispose(); // closes the dead stream without a word

        Assert.Equal(InProcessMuLaw(pcm), isolated.Convert(WaveFormat.Pcm(8000, 16, 1), WaveFormat.MuLaw(8000, 1), pcm));
    }

    /// <summary>A host that dies between two conversions (killed from outside): the next one answers MMSYSERR_NODRIVER, and the stream closes.</summary>
    [Fact]
    public void A_host_killed_between_conversions_makes_the_next_acmStreamConvert_answer_MMSYSERR_NODRIVER()
    {
        var has = Open();
        using var header = new AcmHeader(2000, 1000);
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamPrepareHeader(has, header.Header, 0));
        header.SetSource(pcm.AsSpan(0, 2000));
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamConvert(has, header.Header, ACM_STREAMCONVERTF_START | ACM_STREAMCONVERTF_BLOCKALIGN));

        using (var host = System.Diagnostics.Process.GetProcessById(Assert.Single(HostProcesses.Children())))
        {
            host.Kill();
            host.WaitForExit();
        }

        Assert.Equal(MMSYSERR_NODRIVER, Acm.acmStreamConvert(has, header.Header, ACM_STREAMCONVERTF_BLOCKALIGN));
        Assert.Equal(9, Acm.CrashOf(has)!.Signal); // SIGKILL
        header.RestoreLengths();
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamUnprepareHeader(has, header.Header, 0));
        Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamClose(has, 0));
    }

    private nint Open()
    {
        nint has;
        var source = WaveFormat.Pcm(8000, 16, 1).ToBytes();
        var destination = WaveFormat.MuLaw(8000, 1).ToBytes();
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            Assert.Equal(MMSYSERR_NOERROR, Acm.acmStreamOpen(&has, 0, (WAVEFORMATEX*)src, (WAVEFORMATEX*)dst, null, 0, 0, 0));
        }

        return has;
    }
}
