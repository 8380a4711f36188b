namespace InstallableDrivers.Tests.Support;

/// <summary>A fact about Linux and macOS behaviour: reported as skipped on Windows, where it does not apply.</summary>
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
