namespace InstallableDrivers.Multimedia;

/// <summary>A format tag an ACM driver knows, with the standard formats it lists for it.</summary>
/// <param name="Tag">The WAVE_FORMAT_* tag.</param>
/// <param name="Name">The driver's name for it (ACMFORMATTAGDETAILS.szFormatTag).</param>
/// <param name="Formats">The standard formats (acmFormatEnum for the tag), in the driver's order.</param>
public sealed record AcmCodecFormatTag(ushort Tag, string Name, IReadOnlyList<AcmCodecFormat> Formats);
