namespace InstallableDrivers.Multimedia;

/// <summary>What one conversion of a buffer pair did.</summary>
/// <param name="SourceUsed">Source bytes converted (cbSrcLengthUsed); the rest is the caller's to pass again.</param>
/// <param name="DestinationUsed">Destination bytes written (cbDstLengthUsed).</param>
public readonly record struct AcmConversionResult(int SourceUsed, int DestinationUsed);
