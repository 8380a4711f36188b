using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Sdk;

/// <summary>
/// Builds samples/NativeDriver/tonegen.c against the SDK header and calls its DriverProc directly, so that the
/// sample people learn from is known to work, whatever the runtime around it does.
/// </summary>
public sealed unsafe class TonegenDriver : IDisposable
{
    // tonegen.h's messages and defaults, as a C# host mirrors them.
    public const uint TONEGEN_SET_FREQUENCY = DriverMessages.DRV_USER + 1;
    public const uint TONEGEN_RENDER = DriverMessages.DRV_USER + 2;
    public const int DefaultFrequency = 440;
    public const int DefaultRate = 8000;

    // Any nonzero value: tonegen only hands the handle on to DefDriverProc.
    private const nint Handle = 0x1000;

    private readonly TempDirectory _directory = new();
    private readonly nint _library;
    private readonly delegate* unmanaged<nuint, nint, uint, nint, nint, nint> _driverProc;

    public TonegenDriver()
    {
        var path = _directory.File(NativeToolchain.DriverFileName("tonegen"));
        try
        {
            NativeToolchain.CompileCleanly(NativeToolchain.DriverBuild("c11", path, SdkHeaderTests.TonegenSource));
            _library = NativeLibrary.Load(path);
            _driverProc = (delegate* unmanaged<nuint, nint, uint, nint, nint, nint>)NativeLibrary.GetExport(_library, "DriverProc");
        }
        catch
        {
            _directory.Dispose(); // xunit does not dispose a fixture whose constructor threw
            throw;
        }

        LoadResult = Send(0, DriverMessages.DRV_LOAD, 0, 0);
        EnableResult = Send(0, DriverMessages.DRV_ENABLE, 0, 0);
    }

    public nint LoadResult { get; }

    public nint EnableResult { get; }

    public nint Send(nuint driverId, uint message, nint lParam1, nint lParam2) =>
        _driverProc(driverId, Handle, message, lParam1, lParam2);

    /// <summary>Sends DRV_OPEN with the args as a NUL-terminated UTF-16 string (or 0), as the host does.</summary>
    public nuint Open(string? args)
    {
        fixed (char* text = args)
        {
            return (nuint)Send(0, DriverMessages.DRV_OPEN, (nint)text, 0);
        }
    }

    public short[] Render(nuint driverId, int count)
    {
        var samples = new short[count];
        fixed (short* buffer = samples)
        {
            Assert.Equal(count, Send(driverId, TONEGEN_RENDER, (nint)buffer, count));
        }

        return samples;
    }

    public void Dispose()
    {
        Send(0, DriverMessages.DRV_DISABLE, 0, 0);
        Send(0, DriverMessages.DRV_FREE, 0, 0);
        NativeLibrary.Free(_library);
        _directory.Dispose();
    }
}

public sealed unsafe class TonegenSampleTests(TonegenDriver driver) : IClassFixture<TonegenDriver>
{
    private static readonly int[] PieceSizes = [1, 99, 400, 500];

    [Fact]
    public void Answers_the_standard_messages()
    {
        Assert.Equal(1, driver.LoadResult);
        Assert.Equal(1, driver.EnableResult);
        var id = driver.Open(null);
        Assert.NotEqual(0u, id);
        Assert.Equal(1, driver.Send(id, DriverMessages.DRV_QUERYCONFIGURE, 0, 0));
        Assert.Equal(DriverMessages.DRVCNF_OK, driver.Send(id, DriverMessages.DRV_INSTALL, 0, 0));
        Assert.Equal(1, driver.Send(id, DriverMessages.DRV_POWER, 0, 0));
        Assert.Equal(0, driver.Send(id, DriverMessages.DRV_EXITAPPLICATION, DriverMessages.DRVEA_NORMALEXIT, 0));
        Assert.Equal(0, driver.Send(id, DriverMessages.DRV_EXITSESSION, 0, 0));
        Assert.Equal(1, driver.Send(id, DriverMessages.DRV_REMOVE, 0, 0));
        Assert.Equal(0, driver.Send(id, DriverMessages.DRV_USER + 99, 0, 0)); // not its own: DefDriverProc's 0
        Assert.Equal(1, driver.Send(id, DriverMessages.DRV_CLOSE, 0, 0));
    }

    [Fact]
    public void Without_args_it_renders_440_Hz_at_8000_samples_per_second()
    {
        var id = driver.Open(null);
        AssertSine(driver.Render(id, TonegenDriver.DefaultRate), TonegenDriver.DefaultFrequency, TonegenDriver.DefaultRate);
        driver.Send(id, DriverMessages.DRV_CLOSE, 0, 0);
    }

    [Theory]
    [InlineData("freq=1000 rate=48000")]
    [InlineData("  rate=48000   freq=1000 ")]
    public void It_reads_frequency_and_rate_from_the_args(string args)
    {
        var id = driver.Open(args);
        Assert.NotEqual(0u, id);
        AssertSine(driver.Render(id, 48000), 1000, 48000);
        driver.Send(id, DriverMessages.DRV_CLOSE, 0, 0);
    }

    [Theory]
    [InlineData("freq=0")]
    [InlineData("freq=4001")] // above half the default rate
    [InlineData("rate=0")]
    [InlineData("rate=192001")]
    [InlineData("freq=99999999999")]
    [InlineData("freq=")]
    [InlineData("freq=44x")]
    [InlineData("freq=440rate=8000")]
    [InlineData("FREQ=440")]
    [InlineData("volume=3")]
    public void It_refuses_to_open_with_args_it_cannot_use(string args)
    {
        Assert.Equal(0u, driver.Open(args));
    }

    [Fact]
    public void Rendering_in_pieces_gives_the_same_samples_as_rendering_at_once()
    {
        var whole = driver.Open("freq=1234");
        var pieces = driver.Open("freq=1234");
        var expected = driver.Render(whole, PieceSizes.Sum());
        var actual = PieceSizes.SelectMany(count => driver.Render(pieces, count)).ToArray();
        Assert.Equal(expected, actual);
        driver.Send(whole, DriverMessages.DRV_CLOSE, 0, 0);
        driver.Send(pieces, DriverMessages.DRV_CLOSE, 0, 0);
    }

    [Fact]
    public void Setting_the_frequency_returns_the_previous_one_and_the_tone_goes_on_from_the_same_phase()
    {
        var id = driver.Open(null);
        driver.Render(id, 100);

        Assert.Equal(0, driver.Send(id, TonegenDriver.TONEGEN_SET_FREQUENCY, 4001, 0)); // above half the rate
        Assert.Equal(0, driver.Send(id, TonegenDriver.TONEGEN_SET_FREQUENCY, 0, 0));
        Assert.Equal(440, driver.Send(id, TonegenDriver.TONEGEN_SET_FREQUENCY, 1000, 0));

        // 100 samples at 440 Hz advanced the phase by 100 * 440 / 8000 cycles; the new tone starts there.
        var startCycles = 100.0 * 440 / TonegenDriver.DefaultRate;
        AssertSine(driver.Render(id, 800), 1000, TonegenDriver.DefaultRate, startCycles);
        Assert.Equal(1000, driver.Send(id, TonegenDriver.TONEGEN_SET_FREQUENCY, 440, 0));
        driver.Send(id, DriverMessages.DRV_CLOSE, 0, 0);
    }

    [Fact]
    public void Rendering_into_no_buffer_or_no_samples_writes_nothing()
    {
        var id = driver.Open(null);
        var samples = new short[4];
        fixed (short* buffer = samples)
        {
            Assert.Equal(0, driver.Send(id, TonegenDriver.TONEGEN_RENDER, 0, 4));
            Assert.Equal(0, driver.Send(id, TonegenDriver.TONEGEN_RENDER, (nint)buffer, 0));
            Assert.Equal(0, driver.Send(id, TonegenDriver.TONEGEN_RENDER, (nint)buffer, -1));
        }

        driver.Send(id, DriverMessages.DRV_CLOSE, 0, 0);
    }

    [Fact]
    public void Configure_accepts_a_DRVCONFIGINFO_and_cancels_without_one()
    {
        var id = driver.Open(null);
        fixed (char* section = "Drivers32")
        fixed (char* alias = "tonegen")
        {
            var info = new DRVCONFIGINFO
            {
                dwDCISize = (uint)sizeof(DRVCONFIGINFO),
                lpszDCISectionName = (nint)section,
                lpszDCIAliasName = (nint)alias,
            };
            Assert.Equal(DriverMessages.DRVCNF_OK, driver.Send(id, DriverMessages.DRV_CONFIGURE, 0, (nint)(&info)));

            info.dwDCISize = sizeof(uint); // a block too small to hold the names
            Assert.Equal(DriverMessages.DRVCNF_CANCEL, driver.Send(id, DriverMessages.DRV_CONFIGURE, 0, (nint)(&info)));
        }

        Assert.Equal(DriverMessages.DRVCNF_CANCEL, driver.Send(id, DriverMessages.DRV_CONFIGURE, 0, 0));
        driver.Send(id, DriverMessages.DRV_CLOSE, 0, 0);
    }

    // Within three 16-bit steps of a full-scale sine: the driver's table and interpolation promise two.
    private static void AssertSine(short[] samples, int frequency, int rate, double startCycles = 0)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            var expected = 32767 * Math.Sin(2 * Math.PI * (startCycles + ((double)frequency * i / rate)));
            Assert.True(
                Math.Abs(samples[i] - expected) <= 3,
                $"sample {i} is {samples[i]}, a {frequency} Hz sine at {rate} samples/s has {expected:F1} there.");
        }
    }
}
