using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.Multimedia.Interop.AcmMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// What every codec we ship does with a caller that breaks the rules: the ACM validates its own callers, but a driver
/// can be sent messages directly, and a missing structure or a stream it never opened must be an error, not a crash.
/// </summary>
public sealed unsafe class AcmCodecRobustnessTests
{
    public static TheoryData<string, byte[], byte[]> Codecs => new()
    {
        { "g711", WaveFormats.Pcm(1, 8000), WaveFormats.G711(WaveFormatTags.WAVE_FORMAT_ALAW, 1, 8000) },
        { "imaadpcm", WaveFormats.Pcm(1, 8000), WaveFormats.Ima(1, 8000, 256) },
        { "mp3", WaveFormats.Make(WaveFormatTags.WAVE_FORMAT_MPEGLAYER3, 1, 44100, 16000, 1, 0, new byte[12]), WaveFormats.Pcm(1, 44100) },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_message_without_its_structure_is_MMSYSERR_INVALPARAM(string codec, byte[] source, byte[] destination)
    {
        using var driver = new AcmCodecDriver(codec);
        foreach (var message in new[] { ACMDM_DRIVER_DETAILS, ACMDM_FORMATTAG_DETAILS, ACMDM_FORMAT_DETAILS, ACMDM_FORMAT_SUGGEST, ACMDM_STREAM_OPEN })
        {
            Assert.True((long)MMSYSERR_INVALPARAM == driver.Send(message, 0, 0), $"message 0x{message:X}");
        }

        using var stream = driver.Stream(source, destination);
        Assert.Equal((long)MMSYSERR_INVALPARAM, driver.Send(ACMDM_STREAM_SIZE, 0, 0));
        Assert.Equal((long)MMSYSERR_INVALPARAM, driver.Send(ACMDM_STREAM_SIZE, (nint)stream.Instance, 0));
        Assert.Equal((long)MMSYSERR_INVALPARAM, driver.Send(ACMDM_STREAM_CONVERT, (nint)stream.Instance, 0));

        // A length with no buffer behind it.
        var header = new ACMDRVSTREAMHEADER { cbStruct = (uint)sizeof(ACMDRVSTREAMHEADER), cbSrcLength = 2020, cbDstLength = 4096 };
        Assert.Equal((long)MMSYSERR_INVALPARAM, driver.Send(ACMDM_STREAM_CONVERT, (nint)stream.Instance, (nint)(&header)));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_stream_the_driver_never_opened_is_MMSYSERR_INVALHANDLE(string codec, byte[] source, byte[] destination)
    {
        using var driver = new AcmCodecDriver(codec);
        var neverOpened = new AcmCodecStream(driver, source, destination, 0, 0);
        try
        {
            Assert.Equal((long)MMSYSERR_INVALHANDLE, neverOpened.Size(AcmStreamFlags.ACM_STREAMSIZEF_SOURCE, 4096).Result);
            Assert.Equal((long)MMSYSERR_INVALHANDLE, neverOpened.Convert(new byte[2020], 4096, 0).Result);
        }
        finally
        {
            neverOpened.Forget();
        }
    }

    [Theory]
    [InlineData("g711")]
    [InlineData("imaadpcm")]
    [InlineData("mp3")]
    public void An_open_without_ACMDRVOPENDESC_is_a_configuration_open_that_succeeds(string codec)
    {
        using var manager = TestDrivers.CreateManager();
        var handle = manager.OpenDriver(codec, null, 0);
        Assert.False(handle.IsNull);
        Assert.Equal(0, manager.SendDriverMessage(handle, DriverMessages.DRV_QUERYCONFIGURE, 0, 0)); // no dialog to show
        Assert.Equal(1, manager.CloseDriver(handle, 0, 0));
    }
}
