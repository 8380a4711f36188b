using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>acmDriverAdd and acmDriverRemove: a codec that is a DriverProc function of the test's, and a registry value added by name.</summary>
public sealed unsafe class AcmServicesDriverAddTests : IDisposable
{
    private readonly AcmServicesHarness acm = new();

    public void Dispose() => acm.Dispose();

    private nint AddXorCodec()
    {
        nint hadid;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR,
            acm.Acm.acmDriverAdd(&hadid, 0x1000, (nint)XorCodecDriverProc.Function, 0, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION));
        return hadid;
    }

    [Fact]
    public void A_function_driver_gets_the_lifecycle_messages_from_the_acm_itself()
    {
        XorCodecDriverProc.Messages.Clear();
        var hadid = AddXorCodec();

        // The ACM opened it to read its details and tags, then closed it: load, enable, open, ..., close, disable, free.
        Assert.Equal(
            [DriverMessages.DRV_LOAD, DriverMessages.DRV_ENABLE, DriverMessages.DRV_OPEN, AcmMessages.ACMDM_DRIVER_DETAILS,
             AcmMessages.ACMDM_FORMATTAG_DETAILS, AcmMessages.ACMDM_FORMATTAG_DETAILS, DriverMessages.DRV_CLOSE, DriverMessages.DRV_DISABLE,
             DriverMessages.DRV_FREE],
            XorCodecDriverProc.Messages.Select(m => m.Message));
        // Messages to the instance carry the id DRV_OPEN returned.
        Assert.All(XorCodecDriverProc.Messages.Where(m => m.Message > DriverMessages.DRV_OPEN && m.Message < DriverMessages.DRV_DISABLE),
            m => Assert.Equal(XorCodecDriverProc.InstanceId, m.DriverId));

        var listed = acm.Drivers()[0];
        Assert.Equal(hadid, listed.Id);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC | AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_LOCAL, listed.Support);
        Assert.Equal("XOR", acm.Details(hadid).ShortName);
        Assert.DoesNotContain(hadid, acm.Drivers(AcmDriverFlags.ACM_DRIVERENUMF_NOLOCAL).Select(d => d.Id));
    }

    [Fact]
    public void A_function_driver_converts_through_acmStreamConvert_and_is_searched_first()
    {
        var hadid = AddXorCodec();
        var pcm = XorCodecDriverProc.Format(WaveFormatTags.WAVE_FORMAT_PCM);
        var xor = XorCodecDriverProc.Format(XorCodecDriverProc.Tag);
        var samples = WaveFormats.Pcm16Bytes(Signals.Sine(800, 8000, 12000, 700));

        var encoder = acm.Stream(pcm, xor);
        var encoded = acm.ConvertAll(encoder, samples, 300);
        Assert.Equal(samples.Select(b => (byte)(b ^ XorCodecDriverProc.Key)), encoded);

        // PCM to the same PCM: the PCM converter could, but a local driver is searched before every global one.
        var copier = acm.Stream(pcm, pcm);
        nint id;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverID(copier, &id, 0));
        Assert.Equal(hadid, id);
        Assert.Equal(samples, acm.ConvertAll(copier, samples, 300));

        // Streams keep an instance open: the driver cannot go until they close.
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_BUSY, acm.Acm.acmDriverRemove(hadid, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(encoder, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(copier, 0));
        XorCodecDriverProc.Messages.Clear();
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverRemove(hadid, 0));
        Assert.Empty(XorCodecDriverProc.Messages); // its last instance closed with the last stream
        Assert.DoesNotContain(hadid, acm.Drivers().Select(d => d.Id));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE, acm.OpenStream(out _, 0, pcm, xor, AcmStreamFlags.ACM_STREAMOPENF_QUERY));
    }

    [Fact]
    public void A_local_driver_has_no_priority_but_can_be_disabled_and_counts_as_local()
    {
        var hadid = AddXorCodec();
        Assert.Equal(MMRESULT.MMSYSERR_NOTSUPPORTED, acm.Acm.acmDriverPriority(hadid, 1, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(hadid, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_DISABLE));
        uint disabled;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_LOCAL_DISABLED, &disabled));
        Assert.Equal(1u, disabled);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(hadid, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_ENABLE));
        uint count;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_LOCAL_CODECS, &count));
        Assert.Equal(1u, count);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_CODECS, &count));
        Assert.Equal(3u, count); // the global codecs only
    }

    [Fact]
    public void A_registry_value_added_by_name_becomes_a_local_driver()
    {
        fixed (char* name = "msacm.imaadpcm")
        {
            nint hadid;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverAdd(&hadid, 0, (nint)name, 0, AcmDriverFlags.ACM_DRIVERADDF_NAME));
            var first = acm.Drivers()[0];
            Assert.Equal(hadid, first.Id);
            Assert.Equal("IMA ADPCM", acm.Details(hadid).ShortName);
            Assert.NotEqual(0u, first.Support & AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_LOCAL);
        }

        fixed (char* missing = "msacm.nothere")
        {
            nint hadid;
            Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverAdd(&hadid, 0, (nint)missing, 0, AcmDriverFlags.ACM_DRIVERADDF_NAME));
        }
    }

    [Fact]
    public void Disposing_the_acm_closes_what_is_open_and_invalidates_its_handles()
    {
        XorCodecDriverProc.Messages.Clear();
        nint hadid;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR,
            acm.Acm.acmDriverAdd(&hadid, 0, (nint)XorCodecDriverProc.Function, 0, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION));
        var pcm = XorCodecDriverProc.Format(WaveFormatTags.WAVE_FORMAT_PCM);
        var stream = acm.Stream(pcm, XorCodecDriverProc.Format(XorCodecDriverProc.Tag));
        XorCodecDriverProc.Messages.Clear();

        acm.Acm.Dispose();
        Assert.Equal([AcmMessages.ACMDM_STREAM_CLOSE, DriverMessages.DRV_CLOSE, DriverMessages.DRV_DISABLE, DriverMessages.DRV_FREE],
            XorCodecDriverProc.Messages.Select(m => m.Message));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmStreamClose(stream, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverRemove(hadid, 0));
        Assert.Empty(acm.Drivers());
    }

    [Fact]
    public void Add_errors()
    {
        nint hadid;
        var function = (nint)XorCodecDriverProc.Function;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverAdd(null, 0, function, 0, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverAdd(&hadid, 0, 0, 0, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverAdd(&hadid, 0, function, 5, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverAdd(&hadid, 0, function, 0, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION | 0x10));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverAdd(&hadid, 0, function, 0, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOTSUPPORTED, acm.Acm.acmDriverAdd(&hadid, 0, 0x42, 0x400, AcmDriverFlags.ACM_DRIVERADDF_NOTIFYHWND));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG,
            acm.Acm.acmDriverAdd(&hadid, 0, 0x42, 0x400, AcmDriverFlags.ACM_DRIVERADDF_NOTIFYHWND | AcmDriverFlags.ACM_DRIVERADDF_GLOBAL));

        // A DriverProc that refuses DRV_OPEN is not added.
        var before = acm.Drivers().Count;
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM,
            acm.Acm.acmDriverAdd(&hadid, 0, (nint)XorCodecDriverProc.RefusingFunction, 0, AcmDriverFlags.ACM_DRIVERADDF_FUNCTION));
        Assert.Equal(before, acm.Drivers().Count);
    }
}
