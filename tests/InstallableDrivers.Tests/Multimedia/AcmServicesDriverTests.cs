using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>The ACM's driver functions over the codecs we ship: enumeration, details, open/close, ids, priority.</summary>
public sealed unsafe class AcmServicesDriverTests : IDisposable
{
    private readonly AcmServicesHarness acm = new();

    public void Dispose() => acm.Dispose();

    [Fact]
    public void Enumeration_lists_the_registry_codecs_in_registry_order_and_nothing_else()
    {
        var drivers = acm.Drivers();
        var names = drivers.Select(d => acm.Details(d.Id).ShortName).ToList();

        // Our three codecs as listed (the PCM converter, built in, comes after them).
        Assert.Equal(["G.711", "IMA ADPCM", "MS-ADPCM"], names.Take(3));
        Assert.All(drivers.Take(3), d => Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC, d.Support));
        Assert.Equal(drivers.Count, drivers.Select(d => d.Id).Distinct().Count());
        Assert.All(drivers, d => Assert.NotEqual(0, d.Id));
    }

    [Fact]
    public void Enumeration_stops_when_the_callback_returns_false()
    {
        var count = 0;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverEnum(&StopAtFirst, (nuint)(&count), 0));
        Assert.Equal(1, count);
    }

    [UnmanagedCallersOnly]
    private static int StopAtFirst(nint hadid, nuint instance, uint support)
    {
        (*(int*)instance)++;
        return 0;
    }

    [Fact]
    public void Enumeration_rejects_unknown_flags_and_a_null_callback()
    {
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverEnum(&StopAtFirst, 0, 1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverEnum(null, 0, 0));
    }

    [Fact]
    public void Details_are_the_drivers_own_cut_to_the_callers_cbStruct()
    {
        var g711 = acm.DriverNamed("711");
        var full = acm.Details(g711);
        Assert.Equal((uint)sizeof(ACMDRIVERDETAILS), full.cbStruct);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, full.fccType);
        Assert.Equal(3u, full.cFormatTags); // PCM, A-law, µ-law (docs/acm-codecs.md)

        // Room for cbStruct, fccType and fccComp only: the rest stays as the caller left it.
        var partial = new ACMDRIVERDETAILS { cbStruct = 12, fccComp = 0xAAAA, wMid = 0x1234 };
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverDetails(g711, &partial, 0));
        Assert.Equal(12u, partial.cbStruct);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, partial.fccType);
        Assert.Equal(0u, partial.fccComp);
        Assert.Equal((ushort)0x1234, partial.wMid);
    }

    [Fact]
    public void Details_errors()
    {
        var g711 = acm.DriverNamed("711");
        var details = new ACMDRIVERDETAILS { cbStruct = 3 };
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverDetails(g711, &details, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverDetails(g711, null, 0));
        details.cbStruct = (uint)sizeof(ACMDRIVERDETAILS);
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverDetails(g711, &details, 1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverDetails(0x1234, &details, 0));

        // An open driver is not a driver id.
        var had = acm.OpenDriver(g711);
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverDetails(had, &details, 0));
    }

    [Fact]
    public void Open_driver_knows_its_id_and_closes_once()
    {
        var ima = acm.DriverNamed("IMA");
        var had = acm.OpenDriver(ima);
        nint id;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverID(had, &id, 0));
        Assert.Equal(ima, id);
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverID(ima, &id, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverID(had, &id, 1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverID(had, null, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverID(0x77, null, 0)); // the handle is checked first

        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverClose(had, 1));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverClose(had, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverClose(had, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverID(had, &id, 0));
    }

    [Fact]
    public void Open_errors()
    {
        nint had;
        var g711 = acm.DriverNamed("711");
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverOpen(&had, g711, 1));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverOpen(null, g711, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverOpen(&had, 0, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverOpen(&had, 0x5555, 0));
    }

    [Fact]
    public void A_driver_with_an_open_stream_cannot_close_and_an_open_driver_cannot_be_removed()
    {
        var g711 = acm.DriverNamed("711");
        var had = acm.OpenDriver(g711);
        var stream = acm.Stream(WaveFormats.Pcm(1, 8000), WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_MULAW, 1, 8000), had);

        Assert.Equal((MMRESULT)AcmErrors.ACMERR_BUSY, acm.Acm.acmDriverClose(had, 0));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_BUSY, acm.Acm.acmDriverRemove(g711, 0));

        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmStreamClose(stream, 0));
        Assert.Equal((MMRESULT)AcmErrors.ACMERR_BUSY, acm.Acm.acmDriverRemove(g711, 0));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverClose(had, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverRemove(g711, 1));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverRemove(g711, 0));
        Assert.DoesNotContain(g711, acm.Drivers().Select(d => d.Id));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverRemove(g711, 0));
    }

    [Fact]
    public void Priority_moves_a_driver_in_the_search_order()
    {
        var before = acm.Drivers().Select(d => d.Id).ToList();
        var msadpcm = acm.DriverNamed("MS-ADPCM");

        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(msadpcm, 1, 0));
        var after = acm.Drivers().Select(d => d.Id).ToList();
        Assert.Equal(msadpcm, after[0]);
        Assert.Equal(before.Where(id => id != msadpcm), after.Skip(1));
        uint priority;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(msadpcm, AcmMetric.ACM_METRIC_DRIVER_PRIORITY, &priority));
        Assert.Equal(1u, priority);

        // (DWORD)-1: last.
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(msadpcm, uint.MaxValue, 0));
        Assert.Equal(msadpcm, acm.Drivers().Last().Id);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(msadpcm, AcmMetric.ACM_METRIC_DRIVER_PRIORITY, &priority));
        Assert.Equal((uint)before.Count, priority);
    }

    [Fact]
    public void A_disabled_driver_is_listed_only_on_request_and_does_not_open()
    {
        var ima = acm.DriverNamed("IMA");
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(ima, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_DISABLE));

        Assert.DoesNotContain(ima, acm.Drivers().Select(d => d.Id));
        var listed = acm.Drivers(AcmDriverFlags.ACM_DRIVERENUMF_DISABLED).Single(d => d.Id == ima);
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC | AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_DISABLED, listed.Support);
        nint had;
        Assert.Equal(MMRESULT.MMSYSERR_NOTENABLED, acm.Acm.acmDriverOpen(&had, ima, 0));
        uint disabled;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_DISABLED, &disabled));
        Assert.Equal(1u, disabled);

        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(ima, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_ENABLE));
        Assert.Contains(ima, acm.Drivers().Select(d => d.Id));
    }

    [Fact]
    public void Priority_errors()
    {
        var ima = acm.DriverNamed("IMA");
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverPriority(ima, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_ABLEMASK));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG, acm.Acm.acmDriverPriority(ima, 0, 0x100));
        Assert.Equal(MMRESULT.MMSYSERR_INVALFLAG,
            acm.Acm.acmDriverPriority(0, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_BEGIN | AcmDriverFlags.ACM_DRIVERPRIORITYF_ENABLE));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverPriority(ima, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_BEGIN));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(0, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_BEGIN));
        // Another thread cannot take or end the deferral this one holds.
        Assert.Equal(MMRESULT.MMSYSERR_ALLOCATED, OnAnotherThread(() => acm.Acm.acmDriverPriority(0, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_BEGIN)));
        Assert.Equal(MMRESULT.MMSYSERR_ALLOCATED, OnAnotherThread(() => acm.Acm.acmDriverPriority(0, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_END)));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmDriverPriority(0, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_END));
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, OnAnotherThread(() => acm.Acm.acmDriverPriority(0, 0, AcmDriverFlags.ACM_DRIVERPRIORITYF_BEGIN)));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmDriverPriority(0x77, 1, 0));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmDriverPriority(ima, 99, 0));
    }

    private static MMRESULT OnAnotherThread(Func<MMRESULT> call)
    {
        var result = MMRESULT.MMSYSERR_ERROR;
        var thread = new Thread(() => result = call());
        thread.Start();
        thread.Join();
        return result;
    }

    [Fact]
    public void Metrics_count_the_drivers()
    {
        uint count;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_CODECS, &count));
        Assert.Equal(3u, count);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_DRIVERS, &count));
        Assert.Equal((uint)acm.Drivers().Count, count);
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_LOCAL_DRIVERS, &count));
        Assert.Equal(0u, count);

        uint support;
        var g711 = acm.DriverNamed("711");
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(g711, AcmMetric.ACM_METRIC_DRIVER_SUPPORT, &support));
        Assert.Equal(AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC, support);

        // The largest format: MS ADPCM's, 50 bytes with its seven coefficient pairs.
        uint largest;
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_MAX_SIZE_FORMAT, &largest));
        Assert.Equal(50u, largest);

        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmMetrics(g711, AcmMetric.ACM_METRIC_COUNT_CODECS, &count));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_DRIVER_SUPPORT, &count));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmMetrics(0, AcmMetric.ACM_METRIC_COUNT_CODECS, null));
        Assert.Equal(MMRESULT.MMSYSERR_INVALPARAM, acm.Acm.acmMetrics(g711, AcmMetric.ACM_METRIC_DRIVER_SUPPORT, null));
        Assert.Equal(MMRESULT.MMSYSERR_INVALHANDLE, acm.Acm.acmMetrics(0x77, AcmMetric.ACM_METRIC_DRIVER_SUPPORT, null)); // handle first
        Assert.Equal(MMRESULT.MMSYSERR_NOTSUPPORTED, acm.Acm.acmMetrics(0, 999, &count));
    }

    [Fact]
    public void Version_is_4_00() => Assert.Equal(0x04000000u, acm.Acm.acmGetVersion());
}
