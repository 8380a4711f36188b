using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registry;
using InstallableDrivers.Tests.Registry;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// The WAV-file wave driver (drivers/wave/wavefile.c) opened through a DriverManager, with its wodMessage and
/// widMessage entry points. The driver keeps one configuration per loaded image, so each harness loads its own copy
/// of the file from a folder of its own, with its own output folder.
/// </summary>
internal sealed unsafe class WaveFileDriverHarness : IDisposable
{
    private readonly TemporaryDirectory folder = new();
    private readonly DriverManager manager;
    private readonly HDRVR driver;
    private readonly delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint> wodMessage;
    private readonly delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint> widMessage;
    private nint nextHandle = 0x7A000;

    /// <param name="args">Args after <c>out=</c>, e.g. <c>pace=fast</c>.</param>
    /// <param name="input">The bytes of the WAV file to record from (written to the harness's folder), or null for no input device.</param>
    public WaveFileDriverHarness(string args = "pace=fast", byte[]? input = null)
    {
        OutputFolder = Directory.CreateDirectory(folder.File("out")).FullName;
        if (input != null)
        {
            var inputFile = folder.File("input.wav");
            File.WriteAllBytes(inputFile, input);
            args += $" in={inputFile}";
        }

        var driverFile = folder.File("wavefile.so");
        File.Copy(TestDrivers.PathOf("wavefile"), driverFile);
        var registry = new MemoryDriverRegistry();
        registry.SetValue("Drivers32", "wave", $"{driverFile} out={OutputFolder} {args}");
        manager = TestDrivers.CreateManager(registry);
        driver = manager.OpenDriver("wave", "Drivers32", 0);
        Assert.False(driver.IsNull, "the WAV-file driver did not open");
        var module = manager.GetDriverModuleHandle(driver);
        wodMessage = (delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)NativeLibrary.GetExport(module, "wodMessage");
        widMessage = (delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint>)NativeLibrary.GetExport(module, "widMessage");
    }

    public string OutputFolder { get; }

    public WaveCallbackLog Log { get; } = new();

    /// <summary>The HWAVE the last open passed in its WAVEOPENDESC: the driver must hand it back to callbacks.</summary>
    public nint LastHandle { get; private set; }

    public uint Wod(uint message, nuint stream = 0, nuint param1 = 0, nuint param2 = 0, uint device = 0) =>
        wodMessage(device, message, stream, param1, param2);

    public uint Wid(uint message, nuint stream = 0, nuint param1 = 0, nuint param2 = 0, uint device = 0) =>
        widMessage(device, message, stream, param1, param2);

    /// <summary>WODM_OPEN with a CALLBACK_FUNCTION to <see cref="Log"/>, and any extra flags.</summary>
    public MMRESULT OpenOutput(WAVEFORMATEX format, out nuint stream, uint flags = 0) =>
        Open(wodMessage, WaveMessages.WODM_OPEN, format, flags, out stream);

    public MMRESULT OpenInput(WAVEFORMATEX format, out nuint stream, uint flags = 0) =>
        Open(widMessage, WaveMessages.WIDM_OPEN, format, flags, out stream);

    /// <summary>The output files, oldest first (by the n of out-&lt;pid&gt;-&lt;n&gt;.wav).</summary>
    public string[] OutputFiles() =>
        [.. Directory.GetFiles(OutputFolder).OrderBy(path => int.Parse(Path.GetFileNameWithoutExtension(path).Split('-')[2], System.Globalization.CultureInfo.InvariantCulture))];

    public void Dispose()
    {
        manager.CloseDriver(driver, 0, 0);
        manager.Dispose();
        Log.Dispose();
        folder.Dispose();
    }

    private MMRESULT Open(delegate* unmanaged<uint, uint, nuint, nuint, nuint, uint> entry, uint message, WAVEFORMATEX format, uint flags, out nuint stream)
    {
        LastHandle = ++nextHandle;
        var description = new WAVEOPENDESC
        {
            hWave = LastHandle,
            lpFormat = (nint)(&format),
            dwCallback = WaveCallbackLog.Function,
            dwInstance = Log.Instance,
        };
        nuint user = 0;
        var result = (MMRESULT)entry(0, message, (nuint)(&user), (nuint)(&description), DriverMessages.CALLBACK_FUNCTION | flags);
        stream = user;
        return result;
    }
}
