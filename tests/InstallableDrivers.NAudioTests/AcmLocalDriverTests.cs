using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using NAudio.Wave.Compression;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio 3's AcmDriver.AddLocalDriver over a shipped codec file. (NAudio 2 loads the file with kernel32's LoadLibrary:
/// InstallableDrivers.NAudio2Tests/AddLocalDriverTests.cs.)
/// </summary>
[Collection(NAudioAcm.Collection)]
public sealed class AcmLocalDriverTests
{
    public AcmLocalDriverTests() => NAudioAcm.EnsureReady();

    [Fact]
    public void AddLocalDriver_adds_a_codec_file_by_its_DriverProc()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "drivers", "imaadpcm.so");

        var added = AcmDriver.AddLocalDriver(file);
        try
        {
            Assert.Equal("IMA ADPCM", added.ShortName);
            Assert.Equal("IMA ADPCM (DVI) CODEC", added.LongName);
            Assert.Contains(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);
        }
        finally
        {
            // Not RemoveLocalDriver: NAudio 3.3.0 keeps the library handle it checks there only when the driver's long
            // name is empty, so it refuses a driver that names itself (docs/naudio.md). acmDriverRemove does it.
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, MsAcm.acmDriverRemove(added.DriverId, 0));
        }

        Assert.DoesNotContain(AcmDriver.EnumerateAcmDrivers(), d => d.DriverId == added.DriverId);
    }
}
