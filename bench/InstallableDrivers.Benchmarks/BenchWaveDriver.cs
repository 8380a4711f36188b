using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// The wave bench driver (NativeDrivers/benchwave.c: one output device that finishes each buffer inside WODM_WRITE),
/// reached two ways: through <see cref="WaveServices"/>, and through its wodMessage export called directly, as the
/// baseline of what the services add.
/// </summary>
internal sealed unsafe class BenchWaveDriver : IDisposable
{
    /// <summary>CD format: 44.1 kHz, 16-bit, stereo.</summary>
    public static readonly WAVEFORMATEX Format = new()
    {
        wFormatTag = WaveFormatTags.WAVE_FORMAT_PCM, nChannels = 2, nSamplesPerSec = 44100, nAvgBytesPerSec = 176400, nBlockAlign = 4, wBitsPerSample = 16,
    };

    private readonly WAVEFORMATEX* format;
    private readonly Driver direct;

    public BenchWaveDriver()
    {
        var path = Path.Combine(BenchDriver.Directory, OperatingSystem.IsMacOS() ? "libbenchwave.dylib" : "benchwave.so");
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", path);
        Manager = new DriverManager(registry);
        Services = new WaveServices(Manager);
        direct = Manager.Open(path);
        WodMessage = (delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)(Manager.GetEntryPoint<IWaveOutDriver>(direct.Handle, "wodMessage")
            ?? throw new InvalidOperationException("benchwave exports no wodMessage.")).Address;
        format = (WAVEFORMATEX*)NativeMemory.Alloc((nuint)sizeof(WAVEFORMATEX));
        *format = Format;
    }

    public DriverManager Manager { get; }

    public WaveServices Services { get; }

    /// <summary>The driver's export: <c>DWORD wodMessage(UINT uDeviceID, UINT uMsg, DWORD_PTR dwUser, DWORD_PTR dwParam1, DWORD_PTR dwParam2)</c>.</summary>
    public delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint> WodMessage { get; }

    /// <summary>Opens the device through the services with a callback (CALLBACK_NULL when <paramref name="callback"/> is 0).</summary>
    public nint OpenThroughServices(nuint callback, nuint instance)
    {
        nint handle;
        Check(Services.waveOutOpen(&handle, 0, format, callback, instance, callback == 0 ? 0 : DriverMessages.CALLBACK_FUNCTION), "waveOutOpen");
        return handle;
    }

    /// <summary>Opens a stream by calling wodMessage(WODM_OPEN) directly; returns the driver's dwUser for the stream.</summary>
    public nuint OpenDirect(nuint callback, nuint instance)
    {
        var desc = new WAVEOPENDESC { hWave = 1, lpFormat = (nint)format, dwCallback = callback, dwInstance = instance };
        nuint user = 0;
        var flags = callback == 0 ? 0 : DriverMessages.CALLBACK_FUNCTION;
        Check((MMRESULT)WodMessage(0, WaveMessages.WODM_OPEN, (nuint)(&user), (nuint)(&desc), flags), "WODM_OPEN");
        return user;
    }

    public void CloseDirect(nuint user) => Check((MMRESULT)WodMessage(0, WaveMessages.WODM_CLOSE, user, 0, 0), "WODM_CLOSE");

    public static void Check(MMRESULT result, string what)
    {
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            throw new InvalidOperationException($"{what} failed: {result}");
        }
    }

    public void Dispose()
    {
        Services.Dispose();
        direct.Dispose();
        Manager.Dispose();
        NativeMemory.Free(format);
    }
}
