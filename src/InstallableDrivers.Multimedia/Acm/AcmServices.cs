using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// The Audio Compression Manager (msacm32) over the codec drivers of a <see cref="DriverManager"/>'s registry: the
/// <c>[Drivers32]</c> values named <c>msacm.NAME</c>, the drivers an application adds with <see cref="acmDriverAdd"/>,
/// and the built-in PCM converter. The methods have msacm32's names, parameters and results (docs/acm.md lists what
/// matches Windows and what differs); the W forms of the structures are the only ones. Handles are valid only with the
/// instance that made them. Thread-safe; conversions on one stream must not overlap.
/// </summary>
public sealed unsafe partial class AcmServices : IDisposable
{
    /// <summary>The version acmGetVersion answers and drivers receive in ACMDRVOPENDESCW.dwVersion: 4.00, as Windows since NT 4 reports.</summary>
    internal const uint Version = 0x04000000;

    /// <summary>The registry section codec drivers are listed in.</summary>
    internal const string DriversSection = "Drivers32";

    /// <summary>The alias prefix of codec drivers in <see cref="DriversSection"/>.</summary>
    private const string CodecAliasPrefix = "msacm.";

    private static readonly Lazy<AcmServices> DefaultServices = new(() => new AcmServices(DriverManager.Default));

    private readonly DriverManager manager;
    private readonly Lock gate = new();
    private readonly AcmHandleTable handles = new();

    /// <summary>Every driver, in search order: local drivers (newest first), then the global ones by priority.</summary>
    private List<AcmDriverId>? drivers;
    private bool disposed;

    /// <summary>The thread between acmDriverPriority's BEGIN and END, and how deep (BEGIN nests).</summary>
    private int deferringThread;
    private int deferrals;

    /// <summary>Creates the ACM over the codec drivers listed in <paramref name="manager"/>'s registry.</summary>
    /// <param name="manager">The driver manager that opens the codec drivers; the ACM does not own it.</param>
    public AcmServices(DriverManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        this.manager = manager;
    }

    /// <summary>The ACM over <see cref="DriverManager.Default"/>, created on first use and never disposed; what <see cref="MsAcm"/> uses.</summary>
    public static AcmServices Default => DefaultServices.Value;

    /// <summary>
    /// The ACM's version (acmGetVersion): major in the high byte, minor in the next, build in the low word. 0x04000000,
    /// version 4.00, as Windows reports.
    /// </summary>
    /// <returns>The version.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance method like every other msacm32 function of the service.")]
    public uint acmGetVersion() => Version;

    /// <summary>
    /// Closes every stream (ACMDM_STREAM_CLOSE) and driver instance still open and forgets the drivers. Afterwards the
    /// ACM has no drivers and every handle it gave out is MMSYSERR_INVALHANDLE.
    /// </summary>
    public void Dispose()
    {
        List<AcmDriverId> all;
        List<AcmStream> streams;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            all = drivers ?? [];
            drivers = [];
            streams = handles.All<AcmStream>();
            handles.Clear();
        }

        foreach (var stream in streams)
        {
            stream.Send(AcmMessages.ACMDM_STREAM_CLOSE, 0);
            stream.Dispose();
        }

        foreach (var driver in all)
        {
            foreach (var instance in driver.Instances.ToArray())
            {
                instance.Connection.Close();
            }

            driver.Dispose();
        }
    }

    /// <summary>The drivers in search order, read from the registry on first use. Call inside <see cref="gate"/>.</summary>
    private List<AcmDriverId> Drivers => drivers ??= LoadDrivers();

    /// <summary>
    /// Reads the registry's codec drivers and adds the PCM converter last, as msacm32 lists its own converter after the
    /// installed codecs. A listed driver that does not open or does not answer ACMDM_DRIVER_DETAILS is left out, as
    /// msacm32 leaves it out.
    /// </summary>
    private List<AcmDriverId> LoadDrivers()
    {
        var list = new List<AcmDriverId>();
        foreach (var alias in manager.Registry.GetAliases(DriversSection))
        {
            if (alias.StartsWith(CodecAliasPrefix, StringComparison.OrdinalIgnoreCase))
            {
                AddIfUsable(list, new AcmDriverId(new InstalledAcmDriverSource(manager, alias), alias, isLocal: false));
            }
        }

        AddIfUsable(list, new AcmDriverId(new FunctionAcmDriverSource(new PcmConverterDriver()), PcmConverterDriver.Alias, isLocal: false));
        return list;
    }

    private void AddIfUsable(List<AcmDriverId> list, AcmDriverId driver)
    {
        if (driver.ReadDetails())
        {
            driver.Handle = handles.Add(driver);
            list.Add(driver);
        }
        else
        {
            driver.Dispose();
        }
    }

    /// <summary>The driver of a driver id, or null. Call inside <see cref="gate"/>.</summary>
    private AcmDriverId? FindDriver(nint hadid)
    {
        _ = Drivers;
        return handles.Get<AcmDriverId>(hadid);
    }

    /// <summary>The driver of an HACMOBJ: a driver id, an open driver or a stream. Call inside <see cref="gate"/>.</summary>
    private AcmDriverId? FindDriverOfObject(nint hao)
    {
        _ = Drivers;
        return handles.Get<AcmDriverId>(hao) ?? handles.Get<AcmDriverInstance>(hao)?.DriverId ?? handles.Get<AcmStream>(hao)?.Driver.DriverId;
    }

    /// <summary>
    /// acmMetrics: a number about the ACM or one of its objects, written to <paramref name="pMetric"/> (a DWORD for every
    /// metric this ACM answers).
    /// </summary>
    /// <param name="hao">NULL for the counts and the largest sizes over all drivers; a driver id, open driver or stream otherwise.</param>
    /// <param name="uMetric">An ACM_METRIC_* value.</param>
    /// <param name="pMetric">Receives the metric.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALPARAM for a null <paramref name="pMetric"/>; MMSYSERR_INVALHANDLE for a handle
    /// the metric does not take; MMSYSERR_NOTSUPPORTED for the hardware metrics (there is no hardware codec) and unknown
    /// metrics.</returns>
    public MMRESULT acmMetrics(nint hao, uint uMetric, void* pMetric)
    {
        lock (gate)
        {
            // A bad handle is reported before a bad pointer, as msacm32 does.
            if (hao != 0 && FindDriverOfObject(hao) is null)
            {
                return MMRESULT.MMSYSERR_INVALHANDLE;
            }

            if (pMetric is null)
            {
                return MMRESULT.MMSYSERR_INVALPARAM;
            }

            uint value;
            switch (uMetric)
            {
                case AcmMetric.ACM_METRIC_COUNT_DRIVERS:
                case AcmMetric.ACM_METRIC_COUNT_CODECS:
                case AcmMetric.ACM_METRIC_COUNT_CONVERTERS:
                case AcmMetric.ACM_METRIC_COUNT_FILTERS:
                case AcmMetric.ACM_METRIC_COUNT_DISABLED:
                case AcmMetric.ACM_METRIC_COUNT_HARDWARE:
                case AcmMetric.ACM_METRIC_COUNT_LOCAL_DRIVERS:
                case AcmMetric.ACM_METRIC_COUNT_LOCAL_CODECS:
                case AcmMetric.ACM_METRIC_COUNT_LOCAL_CONVERTERS:
                case AcmMetric.ACM_METRIC_COUNT_LOCAL_FILTERS:
                case AcmMetric.ACM_METRIC_COUNT_LOCAL_DISABLED:
                    if (hao != 0)
                    {
                        return MMRESULT.MMSYSERR_INVALHANDLE;
                    }

                    value = CountDrivers(uMetric);
                    break;
                case AcmMetric.ACM_METRIC_MAX_SIZE_FORMAT:
                case AcmMetric.ACM_METRIC_MAX_SIZE_FILTER:
                {
                    IEnumerable<AcmDriverId> scope;
                    if (hao == 0)
                    {
                        scope = Drivers.Where(d => d.IsEnabled);
                    }
                    else if (FindDriverOfObject(hao) is { } one)
                    {
                        scope = [one];
                    }
                    else
                    {
                        return MMRESULT.MMSYSERR_INVALHANDLE;
                    }

                    value = uMetric == AcmMetric.ACM_METRIC_MAX_SIZE_FORMAT
                        ? scope.SelectMany(d => d.FormatTags).Select(t => t.cbFormatSize).DefaultIfEmpty(0u).Max()
                        : scope.SelectMany(d => d.FilterTags).Select(t => t.cbFilterSize).DefaultIfEmpty(0u).Max();
                    break;
                }

                case AcmMetric.ACM_METRIC_DRIVER_SUPPORT:
                case AcmMetric.ACM_METRIC_DRIVER_PRIORITY:
                {
                    if (FindDriverOfObject(hao) is not { } driver)
                    {
                        return MMRESULT.MMSYSERR_INVALHANDLE;
                    }

                    value = uMetric == AcmMetric.ACM_METRIC_DRIVER_SUPPORT ? driver.Support : PriorityOf(driver);
                    break;
                }

                default:
                    return MMRESULT.MMSYSERR_NOTSUPPORTED;
            }

            *(uint*)pMetric = value;
            return MMRESULT.MMSYSERR_NOERROR;
        }
    }

    private uint CountDrivers(uint metric)
    {
        var local = metric >= AcmMetric.ACM_METRIC_COUNT_LOCAL_DRIVERS;
        var kind = local ? metric - AcmMetric.ACM_METRIC_COUNT_LOCAL_DRIVERS + AcmMetric.ACM_METRIC_COUNT_DRIVERS : metric;
        var count = 0u;
        foreach (var driver in Drivers.Where(d => d.IsLocal == local))
        {
            var support = driver.Details.fdwSupport;
            var counted = kind switch
            {
                AcmMetric.ACM_METRIC_COUNT_DISABLED => !driver.IsEnabled,
                AcmMetric.ACM_METRIC_COUNT_DRIVERS => driver.IsEnabled,
                AcmMetric.ACM_METRIC_COUNT_CODECS => driver.IsEnabled && (support & AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CODEC) != 0,
                AcmMetric.ACM_METRIC_COUNT_CONVERTERS => driver.IsEnabled && (support & AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_CONVERTER) != 0,
                AcmMetric.ACM_METRIC_COUNT_FILTERS => driver.IsEnabled && (support & AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_FILTER) != 0,
                _ => driver.IsEnabled && (support & AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_HARDWARE) != 0,
            };
            count += counted ? 1u : 0u;
        }

        return count;
    }

    /// <summary>A global driver's priority: its 1-based place among the global drivers. Local drivers have none (0).</summary>
    private uint PriorityOf(AcmDriverId driver) =>
        driver.IsLocal ? 0 : (uint)(Drivers.Where(d => !d.IsLocal).ToList().IndexOf(driver) + 1);
}
