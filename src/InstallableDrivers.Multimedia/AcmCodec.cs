namespace InstallableDrivers.Multimedia;

/// <summary>An ACM driver as <see cref="GetAll"/> finds it: what it says of itself and the formats it knows.</summary>
/// <param name="DriverId">The driver's id (HACMDRIVERID) in the ACM it was read from.</param>
/// <param name="ShortName">Its short name (ACMDRIVERDETAILS.szShortName), such as "G.711".</param>
/// <param name="LongName">Its long name (szLongName).</param>
/// <param name="Features">What it does, in its words (szFeatures).</param>
/// <param name="Support">Its ACMDRIVERDETAILS_SUPPORTF_* bits (codec, converter, filter, ...).</param>
/// <param name="FormatTags">Its format tags in the order it lists them, each with its standard formats.</param>
public sealed record AcmCodec(nint DriverId, string ShortName, string LongName, string Features, uint Support,
    IReadOnlyList<AcmCodecFormatTag> FormatTags)
{
    /// <summary>Every enabled driver of <paramref name="acm"/> in priority order, with its format tags and their standard formats.</summary>
    /// <param name="acm">The ACM to ask (acmDriverEnum, acmDriverDetails, acmFormatTagEnum, acmFormatEnum).</param>
    /// <exception cref="MmException">A call failed; the message names it.</exception>
    public static IReadOnlyList<AcmCodec> GetAll(AcmServices acm)
    {
        ArgumentNullException.ThrowIfNull(acm);
        return AcmCodecCatalog.Read(acm);
    }
}
