using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>Where a codec driver's code is and how to open an instance of it: a registry alias or a DriverProc function.</summary>
internal abstract unsafe class AcmDriverSource
{
    /// <summary>
    /// Opens an instance with <paramref name="description"/> as DRV_OPEN's lParam2. On failure returns null; the
    /// driver may have set <see cref="ACMDRVOPENDESC.dwError"/> to say why.
    /// </summary>
    public abstract AcmDriverConnection? Open(ACMDRVOPENDESC* description);
}
