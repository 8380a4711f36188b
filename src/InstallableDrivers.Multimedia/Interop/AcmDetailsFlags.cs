namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The query flags of the format and filter details, suggest and enumeration messages and functions (msacm.h).</summary>
public static class AcmDetailsFlags
{
    /// <summary>By dwFormatTagIndex.</summary>
    public const uint ACM_FORMATTAGDETAILSF_INDEX = 0x00000000;

    /// <summary>By dwFormatTag.</summary>
    public const uint ACM_FORMATTAGDETAILSF_FORMATTAG = 0x00000001;

    /// <summary>The tag with the largest format (dwFormatTag WAVE_FORMAT_UNKNOWN), or dwFormatTag's.</summary>
    public const uint ACM_FORMATTAGDETAILSF_LARGESTSIZE = 0x00000002;

    /// <summary>The bits that hold the query type.</summary>
    public const uint ACM_FORMATTAGDETAILSF_QUERYMASK = 0x0000000F;

    /// <summary>Fill pwfx with format dwFormatIndex of dwFormatTag.</summary>
    public const uint ACM_FORMATDETAILSF_INDEX = 0x00000000;

    /// <summary>Describe the format in pwfx.</summary>
    public const uint ACM_FORMATDETAILSF_FORMAT = 0x00000001;

    /// <summary>The bits that hold the query type.</summary>
    public const uint ACM_FORMATDETAILSF_QUERYMASK = 0x0000000F;

    /// <summary>acmFormatEnum: only formats of the given tag.</summary>
    public const uint ACM_FORMATENUMF_WFORMATTAG = 0x00010000;

    /// <summary>acmFormatEnum: only formats with the given channels.</summary>
    public const uint ACM_FORMATENUMF_NCHANNELS = 0x00020000;

    /// <summary>acmFormatEnum: only formats with the given rate.</summary>
    public const uint ACM_FORMATENUMF_NSAMPLESPERSEC = 0x00040000;

    /// <summary>acmFormatEnum: only formats with the given bits per sample.</summary>
    public const uint ACM_FORMATENUMF_WBITSPERSAMPLE = 0x00080000;

    /// <summary>acmFormatEnum: only formats the given format converts to.</summary>
    public const uint ACM_FORMATENUMF_CONVERT = 0x00100000;

    /// <summary>acmFormatEnum: only formats suggested for the given one.</summary>
    public const uint ACM_FORMATENUMF_SUGGEST = 0x00200000;

    /// <summary>acmFormatEnum: only hardware formats.</summary>
    public const uint ACM_FORMATENUMF_HARDWARE = 0x00400000;

    /// <summary>acmFormatEnum: only hardware input formats.</summary>
    public const uint ACM_FORMATENUMF_INPUT = 0x00800000;

    /// <summary>acmFormatEnum: only hardware output formats.</summary>
    public const uint ACM_FORMATENUMF_OUTPUT = 0x01000000;

    /// <summary>The caller fixed the destination's wFormatTag.</summary>
    public const uint ACM_FORMATSUGGESTF_WFORMATTAG = 0x00010000;

    /// <summary>The caller fixed the destination's nChannels.</summary>
    public const uint ACM_FORMATSUGGESTF_NCHANNELS = 0x00020000;

    /// <summary>The caller fixed the destination's nSamplesPerSec.</summary>
    public const uint ACM_FORMATSUGGESTF_NSAMPLESPERSEC = 0x00040000;

    /// <summary>The caller fixed the destination's wBitsPerSample.</summary>
    public const uint ACM_FORMATSUGGESTF_WBITSPERSAMPLE = 0x00080000;

    /// <summary>All the ACM_FORMATSUGGESTF_* bits.</summary>
    public const uint ACM_FORMATSUGGESTF_TYPEMASK = 0x00FF0000;

    /// <summary>By dwFilterTagIndex.</summary>
    public const uint ACM_FILTERTAGDETAILSF_INDEX = 0x00000000;

    /// <summary>By dwFilterTag.</summary>
    public const uint ACM_FILTERTAGDETAILSF_FILTERTAG = 0x00000001;

    /// <summary>The filter tag with the largest filter.</summary>
    public const uint ACM_FILTERTAGDETAILSF_LARGESTSIZE = 0x00000002;

    /// <summary>The bits that hold the query type.</summary>
    public const uint ACM_FILTERTAGDETAILSF_QUERYMASK = 0x0000000F;

    /// <summary>Fill pwfltr with filter dwFilterIndex of dwFilterTag.</summary>
    public const uint ACM_FILTERDETAILSF_INDEX = 0x00000000;

    /// <summary>Describe the filter in pwfltr.</summary>
    public const uint ACM_FILTERDETAILSF_FILTER = 0x00000001;

    /// <summary>The bits that hold the query type.</summary>
    public const uint ACM_FILTERDETAILSF_QUERYMASK = 0x0000000F;

    /// <summary>acmFilterEnum: only filters of the given tag.</summary>
    public const uint ACM_FILTERENUMF_DWFILTERTAG = 0x00010000;
}
