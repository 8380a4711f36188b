using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using WaveFormat = NAudio.Wave.WaveFormat;
using InstallableDrivers.Tests.Multimedia;
using NAudio.Codecs;
using NAudio.Wave;
using NAudio.Wave.Compression;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio 2.2.1's AcmDriver.AddLocalDriver, unchanged: it loads the codec file with kernel32's LoadLibrary and finds its
/// DriverProc with GetProcAddress (NAudio.Core's imports, which RedirectImports points at the host library's Win32
/// subset), then adds it to the ACM with acmDriverAdd; RemoveLocalDriver calls acmDriverRemove and FreeLibrary.
/// </summary>
[Collection(NAudioAcm.Collection)]
public sealed class AddLocalDriverTests
{
    public AddLocalDriverTests()
    {
        NAudioAcm.EnsureReady();
        WinMM.RedirectImports(typeof(WaveFormat).Assembly);
    }

    [NotOnWindowsFact]
    public void A_codec_file_added_with_AddLocalDriver_enumerates_and_converts()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "drivers", "g711.so");
        var registered = AcmDriver.FindByShortName("G.711") ?? throw new InvalidOperationException("G.711 is not registered");

        var added = AcmDriver.AddLocalDriver(file);
        try
        {
            Assert.NotEqual(registered.DriverId, added.DriverId);
            Assert.Equal("G.711", added.ShortName);
            Assert.Equal(registered.LongName, added.LongName);
            Assert.Contains(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);

            added.Open();
            try
            {
                Assert.Contains(added.FormatTags, t => t.FormatTag == WaveFormatEncoding.ALaw);
            }
            finally
            {
                added.Close();
            }

            // A local driver is the first the ACM asks for a conversion (acmStreamOpen without a driver).
            var samples = Signals.Sine(8000, 8000, 12000, 1000);
            var encoded = AcmConversionTests.Convert(new WaveFormat(8000, 16, 1), WaveFormat.CreateALawFormat(8000, 1), WaveFormats.Pcm16Bytes(samples));
            Assert.Equal(samples.Select(ALawEncoder.LinearToALawSample), encoded);

            // NAudio keeps the library handle RemoveLocalDriver checks only when the driver gives no long name (as 3.3.0
            // does: docs/naudio.md), so for a codec that names itself it refuses before calling anything.
            Assert.Throws<ArgumentException>(() => AcmDriver.RemoveLocalDriver(added));
            Assert.Contains(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);
        }
        finally
        {
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, MsAcm.acmDriverRemove(added.DriverId, 0));
        }

        Assert.DoesNotContain(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);
        Assert.Contains(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == registered.DriverId);
    }

    [NotOnWindowsFact]
    public void RemoveLocalDriver_removes_a_codec_without_a_long_name_and_frees_its_library()
    {
        // A copy of its own, so that the mapping this test watches is only NAudio's LoadLibrary's.
        var directory = Directory.CreateTempSubdirectory("naudio-local-");
        var file = Path.Combine(directory.FullName, "unnamedcodec.so");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "drivers", "unnamedcodec.so"), file);

        var added = AcmDriver.AddLocalDriver(file);
        Assert.Equal("Unnamed", added.ShortName);
        Assert.Equal("Local driver: unnamedcodec.so", added.LongName); // NAudio's own name for it
        Assert.Contains(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);
        Assert.True(IsMapped(file));

        AcmDriver.RemoveLocalDriver(added);

        Assert.DoesNotContain(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);
        Assert.False(IsMapped(file));
        directory.Delete(true);
    }

    [NotOnWindowsFact]
    public void A_file_that_is_missing_or_has_no_DriverProc_fails_as_NAudio_says()
    {
        // LoadLibrary fails; then GetProcAddress finds no DriverProc in a library that loads (the host library's own).
        var missing = Path.Combine(AppContext.BaseDirectory, "drivers", "no-such-codec.so");
        Assert.Equal("Failed to load driver file", Assert.Throws<ArgumentException>(() => AcmDriver.AddLocalDriver(missing)).Message);
        var notACodec = Path.Combine(AppContext.BaseDirectory, "libinstallable_drivers_host.so");
        Assert.Equal("Failed to discover DriverProc", Assert.Throws<ArgumentException>(() => AcmDriver.AddLocalDriver(notACodec)).Message);
    }

    private static bool IsMapped(string path) => File.ReadAllText("/proc/self/maps").Contains(path, StringComparison.Ordinal);
}
