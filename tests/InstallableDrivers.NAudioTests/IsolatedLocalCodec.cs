using System.Runtime.InteropServices;
using System.Security.Cryptography;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;
using NAudio.Wave.Compression;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// A codec file installed isolated (an install record with <c>isolated=yes</c>, as <c>drv install --isolated</c>
/// writes it) under an alias of the process-wide registry, and added to the process-wide ACM as a local driver
/// (acmDriverAdd, ACM_DRIVERADDF_NAME), which every search tries first: NAudio's streams then convert through it, in a
/// host process. The alias is written after the ACM has read its global drivers, so the other tests never see it.
/// Dispose removes the driver, the alias, its install record and the crashes recorded under it.
/// </summary>
internal sealed unsafe class IsolatedLocalCodec : IDisposable
{
    private readonly IniDriverRegistry registry = new(Environment.GetEnvironmentVariable("INSTALLABLE_DRIVERS_REGISTRY")!);
    private readonly string alias;

    public IsolatedLocalCodec(string file, string alias)
    {
        this.alias = alias;
        _ = AcmDriver.EnumerateAcmDrivers().ToList(); // the ACM reads its global drivers now, before the alias exists
        registry.SetValue("Drivers32", alias, file);
        var bytes = File.ReadAllBytes(file);
        new DriverMetadataStore(registry).Set("Drivers32", alias,
            new DriverInstallRecord(Convert.ToHexString(SHA256.HashData(bytes)), bytes.Length, DateTimeOffset.UtcNow) { Isolated = true });
        var name = Marshal.StringToHGlobalUni(alias);
        try
        {
            nint id;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, MsAcm.acmDriverAdd(&id, 0, name, 0, AcmDriverFlags.ACM_DRIVERADDF_NAME));
            DriverId = id;
        }
        finally
        {
            Marshal.FreeHGlobal(name);
        }
    }

    /// <summary>The local driver's id.</summary>
    public nint DriverId { get; }

    /// <summary>How many driver host processes this process has started and not reaped (their comm, cut to 15 characters).</summary>
    public static int HostProcesses()
    {
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Directory.EnumerateDirectories("/proc").Where(directory => int.TryParse(Path.GetFileName(directory), out _)).Count(directory =>
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                return stat.Contains("(installable-dri)", StringComparison.Ordinal) && stat[(close + 2)..].Split(' ')[1] == self;
            }
            catch (IOException)
            {
                return false; // it ended while we looked
            }
        });
    }

    public void Dispose()
    {
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, MsAcm.acmDriverRemove(DriverId, 0));
        new DriverMetadataStore(registry).Delete("Drivers32", alias);
        new DriverCrashLog(registry).Release("Drivers32", alias);
        registry.DeleteValue("Drivers32", alias);
    }
}
