namespace InstallableDrivers.Multimedia;

/// <summary>A buffer an ACM structure points at: the offsets of its address and of its DWORD length, and whether the driver only reads it.</summary>
internal readonly record struct AcmBufferField(int PointerOffset, int LengthOffset, bool IsInput);
