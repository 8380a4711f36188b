namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The sizes of mmsystem.h's fixed-length strings.</summary>
public static class MultimediaLimits
{
    /// <summary>Characters in a device's product name, the terminating null included.</summary>
    public const int MAXPNAMELEN = 32;

    /// <summary>Characters in an error text (waveOutGetErrorText), the terminating null included.</summary>
    public const int MAXERRORLENGTH = 256;
}
