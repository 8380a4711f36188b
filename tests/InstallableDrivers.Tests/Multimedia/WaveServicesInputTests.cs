using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.DriverMessages;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>waveIn through the services: recording from the WAV-file driver's input file, and the waveIn result codes.</summary>
public sealed unsafe class WaveServicesInputTests : IDisposable
{
    private static readonly WAVEFORMATEX Pcm16 = WavFileBytes.Pcm(8000, 16, 2);
    private readonly WaveServicesHarness harness = new();
    private readonly List<WaveBuffer> buffers = [];

    private WaveServices Wave => harness.Services;

    public void Dispose()
    {
        harness.Dispose();
        buffers.ForEach(buffer => buffer.Dispose());
    }

    [Fact]
    public void Recording_returns_the_input_files_samples_bit_exact_with_WIM_DATA_and_dwBytesRecorded()
    {
        var samples = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray(); // 250 frames
        harness.AddWaveFile($"pace=fast in={harness.WriteFile("in.wav", WavFileBytes.Of(Pcm16, samples))}");
        Assert.Equal(1u, Wave.waveInGetNumDevs());
        WAVEINCAPSA caps;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetDevCapsA(0, &caps, (uint)sizeof(WAVEINCAPSA)));
        Assert.Equal("WAV file in", caps.ProductName);

        var handle = Open();
        var added = Enumerable.Range(0, 4).Select(_ => Add(handle, 400)).ToArray();
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveInClose(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStart(handle));

        // 400 + 400 + 200 bytes; the file has no more, so the fourth buffer waits until reset.
        var callbacks = harness.Log.WaitFor(4);
        Assert.Equal([WIM_OPEN, WIM_DATA, WIM_DATA, WIM_DATA], callbacks.Select(c => c.Message));
        Assert.Equal([400u, 400u, 200u], callbacks.Skip(1).Select(c => c.BytesRecordedThen));
        Assert.Equal(samples, added.Take(3).SelectMany(b => b.Recorded));
        Assert.Equal(WHDR_PREPARED | WHDR_INQUEUE, added[3].Flags);
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveInClose(handle));
        Assert.Equal(WAVERR_STILLPLAYING, Wave.waveInUnprepareHeader(handle, added[3].Header, (uint)sizeof(WAVEHDR)));

        var time = new MMTIME { wType = TimeFormats.TIME_BYTES };
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetPosition(handle, &time, (uint)sizeof(MMTIME)));
        Assert.Equal(1000u, time.cb);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInReset(handle));
        Assert.Equal(WHDR_PREPARED | WHDR_DONE, added[3].Flags);
        Assert.Equal(0u, added[3].Header->dwBytesRecorded);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStop(handle));
        foreach (var buffer in added)
        {
            Assert.Equal(MMSYSERR_NOERROR, Wave.waveInUnprepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        }

        uint id;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetID(handle, &id));
        Assert.Equal(0u, id);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInClose(handle));
        Assert.Equal([WIM_OPEN, WIM_DATA, WIM_DATA, WIM_DATA, WIM_DATA, WIM_CLOSE], harness.Log.Snapshot().Select(c => c.Message));
    }

    [Fact]
    public void waveIn_checks_handles_headers_and_formats_as_waveOut_does()
    {
        harness.AddDriver("wavetracedrv", "outputs=1 inputs=2");
        var handle = Open();
        var buffer = new WaveBuffer(16, flags: 0);
        buffers.Add(buffer);

        Assert.Equal(WAVERR_UNPREPARED, Wave.waveInAddBuffer(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_INVALPARAM, Wave.waveInAddBuffer(handle, buffer.Header, 8));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveInStart(handle + 1));

        // A waveOut handle is not a waveIn handle, and the other way round.
        var format = Pcm16;
        nint output;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutOpen(&output, 0, &format, 0, 0, CALLBACK_NULL));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveInClose(output));
        Assert.Equal(MMSYSERR_INVALHANDLE, Wave.waveOutClose(handle));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveOutClose(output));

        var bad = WavFileBytes.Pcm(8000, 24, 2);
        Assert.Equal(WAVERR_BADFORMAT, Wave.waveInOpen(null, 1, &bad, 0, 0, WaveOpenFlags.WAVE_FORMAT_QUERY));
        nint other;
        Assert.Equal(MMSYSERR_BADDEVICEID, Wave.waveInOpen(&other, 2, &format, 0, 0, CALLBACK_NULL));
        WAVEINCAPSW caps;
        Assert.Equal(MMSYSERR_BADDEVICEID, Wave.waveInGetDevCaps(2, &caps, (uint)sizeof(WAVEINCAPSW)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInGetDevCaps(1, &caps, (uint)sizeof(WAVEINCAPSW)));
        Assert.Equal("Trace in A1", caps.ProductName);

        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInAddBuffer(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInStart(handle));
        Assert.True(WaveTraceDriver.FinishInput(Wave, handle));
        Assert.Equal(WIM_DATA, harness.Log.WaitFor(2)[1].Message);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i), buffer.Recorded);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInClose(handle));
    }

    private nint Open()
    {
        var format = Pcm16;
        nint handle;
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInOpen(&handle, 0, &format, WaveCallbackLog.Function, harness.Log.Instance, CALLBACK_FUNCTION));
        return handle;
    }

    private WaveBuffer Add(nint handle, int length)
    {
        var buffer = new WaveBuffer(length, flags: 0);
        buffers.Add(buffer);
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInPrepareHeader(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        Assert.Equal(MMSYSERR_NOERROR, Wave.waveInAddBuffer(handle, buffer.Header, (uint)sizeof(WAVEHDR)));
        return buffer;
    }
}
