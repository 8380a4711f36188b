using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.Support;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The services over the other kinds of wave driver: a .NET driver (IWaveOutDriver beside IDriverProc) and the ALSA
/// driver playing into ALSA's file plugin (<see cref="AlsaTestDevice"/>).
/// </summary>
[Collection(AlsaTestDevice.Users)]
public sealed unsafe class WaveServicesDriverKindsTests : IDisposable
{
    private static readonly WAVEFORMATEX Cd = WavFileBytes.Pcm(44100, 16, 2);
    private readonly WaveServicesHarness harness = new();
    private readonly List<WaveBuffer> buffers = [];

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    [Fact]
    public void A_dotnet_wave_driver_plays_through_the_services_beside_a_native_one()
    {
        var played = harness.PathFor("managed.raw");
        harness.AddDriver("wavetracedrv");
        harness.AddRegistryLine($"ManagedWaveDriver.dll out={played}");

        Assert.Equal(2u, Wave.waveOutGetNumDevs());
        WAVEOUTCAPSW caps;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetDevCaps(1, &caps, (uint)sizeof(WAVEOUTCAPSW)));
        Assert.Equal("Managed wave out", caps.ProductName);
        var eightBit = WavFileBytes.Pcm(8000, 8, 1);
        Assert.Equal(WAVERR_BADFORMAT, Wave.waveOutOpen(null, 1, &eightBit, 0, 0, WaveOpenFlags.WAVE_FORMAT_QUERY));

        var data = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 64).Select(j => (byte)((i * 64) + j)).ToArray()).ToArray();
        var handle = Play(1, data);
        var time = new MMTIME { wType = TimeFormats.TIME_MS };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal((TimeFormats.TIME_BYTES, 192u), (time.wType, time.cb));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], harness.Log.Snapshot().Select(c => c.Message));
        Assert.Equal(data.SelectMany(d => d), File.ReadAllBytes(played));

        // The driver's exception stays in the services: the application gets an error code.
        Assert.Equal((nint)MMSYSERR_ERROR, Wave.waveOutMessage(1, DRVM_USER, 0, 0));
    }

    [NotOnWindowsFact]
    public void The_ALSA_driver_plays_through_the_services_bit_exact()
    {
        File.Delete(AlsaTestDevice.PlayedFile);
        harness.AddRegistryLine($"{Path.Combine(TestDrivers.Directory, "alsa.so")} device={AlsaTestDevice.Playback} capture={AlsaTestDevice.Capture}");
        var data = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 4 * 3000).Select(j => (byte)((j * 13) + i)).ToArray()).ToArray();

        var handle = Play(0, data);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(handle));

        Assert.Equal([WOM_OPEN, WOM_DONE, WOM_DONE, WOM_DONE, WOM_DONE, WOM_CLOSE], harness.Log.Snapshot().Select(c => c.Message));
        Assert.Equal(data.SelectMany(d => d), File.ReadAllBytes(AlsaTestDevice.PlayedFile));
    }

    /// <summary>Opens a device, plays buffers, and waits for every WOM_DONE; returns the open handle.</summary>
    private nint Play(uint device, byte[][] data)
    {
        var format = Cd;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&handle, device, &format, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));
        var written = data.Select(d => new WaveBuffer(d, flags: 0)).ToArray();
        buffers.AddRange(written);
        foreach (var buffer in written)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutWrite(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        harness.Log.WaitFor(1 + data.Length);
        Assert.All(written, b => Assert.Equal(WHDR_PREPARED | WHDR_DONE, b.Flags));
        return handle;
    }
}
