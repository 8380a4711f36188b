using WinMM = InstallableDrivers.Multimedia.WinMM;
using InstallableDrivers.Multimedia.Interop;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// NAudio's device counts and capabilities. NAudio imports waveOutGetDevCaps/waveInGetDevCaps undecorated with
/// CharSet.Auto, which off Windows marshals 1-byte strings: the A layouts, here the extended WAVEOUTCAPS2A (100 bytes)
/// and WAVEINCAPS2A (96 bytes), whose trailing GUIDs the services leave as NAudio zeroed them.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed unsafe class DeviceCapabilitiesTests(WaveFileDevices devices)
{
    [Fact]
    public void DeviceCount_is_the_number_of_wav_file_devices()
    {
        Assert.NotNull(devices);
        Assert.Equal(2, WaveOut.DeviceCount);
        Assert.Equal(2, WaveIn.DeviceCount);
    }

    [Fact]
    public void GetCapabilities_reads_the_services_A_capabilities_of_each_device()
    {
        for (var device = 0; device < 2; device++)
        {
            WAVEOUTCAPSA outCaps;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, WinMM.waveOutGetDevCapsA((nuint)device, &outCaps, (uint)sizeof(WAVEOUTCAPSA)));
            var output = WaveOut.GetCapabilities(device);
            Assert.NotEmpty(output.ProductName);
            Assert.Equal(outCaps.ProductName, output.ProductName);
            Assert.Equal(outCaps.wChannels, output.Channels);
            Assert.Equal(Guid.Empty, output.NameGuid);

            WAVEINCAPSA inCaps;
            Assert.Equal(MMRESULT.MMSYSERR_NOERROR, WinMM.waveInGetDevCapsA((nuint)device, &inCaps, (uint)sizeof(WAVEINCAPSA)));
            var input = WaveIn.GetCapabilities(device);
            Assert.Equal(inCaps.ProductName, input.ProductName);
            Assert.Equal(inCaps.wChannels, input.Channels);
        }
    }
}
