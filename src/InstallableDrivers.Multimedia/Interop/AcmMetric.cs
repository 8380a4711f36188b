namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The metrics acmMetrics answers (msacm.h ACM_METRIC_*).</summary>
public static class AcmMetric
{
    /// <summary>Enabled drivers.</summary>
    public const uint ACM_METRIC_COUNT_DRIVERS = 1;

    /// <summary>Enabled codec drivers.</summary>
    public const uint ACM_METRIC_COUNT_CODECS = 2;

    /// <summary>Enabled converter drivers.</summary>
    public const uint ACM_METRIC_COUNT_CONVERTERS = 3;

    /// <summary>Enabled filter drivers.</summary>
    public const uint ACM_METRIC_COUNT_FILTERS = 4;

    /// <summary>Disabled drivers.</summary>
    public const uint ACM_METRIC_COUNT_DISABLED = 5;

    /// <summary>Hardware drivers.</summary>
    public const uint ACM_METRIC_COUNT_HARDWARE = 6;

    /// <summary>Drivers added for this process.</summary>
    public const uint ACM_METRIC_COUNT_LOCAL_DRIVERS = 20;

    /// <summary>Codec drivers added for this process.</summary>
    public const uint ACM_METRIC_COUNT_LOCAL_CODECS = 21;

    /// <summary>Converter drivers added for this process.</summary>
    public const uint ACM_METRIC_COUNT_LOCAL_CONVERTERS = 22;

    /// <summary>Filter drivers added for this process.</summary>
    public const uint ACM_METRIC_COUNT_LOCAL_FILTERS = 23;

    /// <summary>Disabled drivers added for this process.</summary>
    public const uint ACM_METRIC_COUNT_LOCAL_DISABLED = 24;

    /// <summary>The wave input device of a hardware driver.</summary>
    public const uint ACM_METRIC_HARDWARE_WAVE_INPUT = 30;

    /// <summary>The wave output device of a hardware driver.</summary>
    public const uint ACM_METRIC_HARDWARE_WAVE_OUTPUT = 31;

    /// <summary>The size of the largest WAVEFORMATEX the drivers know.</summary>
    public const uint ACM_METRIC_MAX_SIZE_FORMAT = 50;

    /// <summary>The size of the largest WAVEFILTER the drivers know.</summary>
    public const uint ACM_METRIC_MAX_SIZE_FILTER = 51;

    /// <summary>A driver's ACMDRIVERDETAILS_SUPPORTF_* bits.</summary>
    public const uint ACM_METRIC_DRIVER_SUPPORT = 100;

    /// <summary>A driver's priority.</summary>
    public const uint ACM_METRIC_DRIVER_PRIORITY = 101;
}
