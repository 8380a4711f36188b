namespace InstallableDrivers.Tests.Support;

/// <summary>A theory about Linux and macOS behaviour: reported as skipped on Windows, where it does not apply.</summary>
public sealed class NotOnWindowsTheoryAttribute : TheoryAttribute
{
    public NotOnWindowsTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Describes Linux and macOS.";
        }
    }
}
