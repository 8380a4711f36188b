using WinMM = InstallableDrivers.Multimedia.WinMM;
using InstallableDrivers.Multimedia.Interop;
using NAudio;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>The errors NAudio surfaces as MmException carry the services' result, the function and its error text.</summary>
[Collection(NAudioCollection.Name)]
public sealed unsafe class MmExceptionTests(WaveFileDevices devices)
{
    [Fact]
    public void A_device_id_past_the_last_device_is_BadDeviceId_from_waveOutOpen()
    {
        using var reader = new WaveFileReader(devices.InputFile);
        using var output = new WaveOut { DeviceNumber = 2 };
        var e = Assert.Throws<MmException>(() => output.Init(reader));
        Assert.Equal(MmResult.BadDeviceId, e.Result);
        Assert.Equal("waveOutOpen", e.Function);
        Assert.Contains(ErrorText(MMRESULT.MMSYSERR_BADDEVICEID), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_no_device_takes_is_WaveBadFormat_from_waveOutOpen()
    {
        using var output = new WaveOut();
        // 500 Hz is below what the WAV-file device takes, and three channels are beyond what the wave mapper's PCM
        // converter makes (mono or stereo), so neither the device nor a conversion takes it.
        var e = Assert.Throws<MmException>(() => output.Init(new BufferedWaveProvider(new WaveFormat(500, 16, 3))));
        Assert.Equal(MmResult.WaveBadFormat, e.Result);
        Assert.Equal("waveOutOpen", e.Function);
        Assert.Contains(ErrorText(MMRESULT.WAVERR_BADFORMAT), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recording_device_id_past_the_last_device_is_BadDeviceId_from_waveInOpen()
    {
        using var input = new WaveIn { DeviceNumber = 2, WaveFormat = devices.Format };
        var e = Assert.Throws<MmException>(input.StartRecording);
        Assert.Equal(MmResult.BadDeviceId, e.Result);
        Assert.Equal("waveInOpen", e.Function);
    }

    /// <summary>The services' own text for an error, which NAudio's message must carry (it asks waveOutGetErrorText).</summary>
    private static string ErrorText(MMRESULT error)
    {
        var text = stackalloc char[256];
        Assert.Equal(MMRESULT.MMSYSERR_NOERROR, WinMM.waveOutGetErrorText(error, text, 256));
        return new string(text);
    }
}
