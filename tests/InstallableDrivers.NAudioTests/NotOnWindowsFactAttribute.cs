namespace InstallableDrivers.NAudioTests;

/// <summary>A fact about Linux and macOS, where there is no system winmm: reported as skipped on Windows.</summary>
public sealed class NotOnWindowsFactAttribute : FactAttribute
{
    public NotOnWindowsFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Describes Linux and macOS.";
        }
    }
}
