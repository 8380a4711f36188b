using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Benchmarks;

/// <summary>
/// A codec driver we ship (drivers/acm/*.c, built into drivers/ beside the suite), registered as <c>msacm.NAME</c> in a
/// memory registry, reached two ways: through <see cref="AcmServices"/> as an application calls it, and directly, as
/// the ACM itself talks to it (OpenDriver with an ACMDRVOPENDESCW, ACMDM_STREAM_OPEN, then ACMDM_STREAM_CONVERT by
/// SendDriverMessage). Everything the driver reads lives in native memory, as a real caller's would.
/// </summary>
internal sealed unsafe class BenchCodec : IDisposable
{
    private readonly nint section;
    private readonly nint alias;
    private readonly ACMDRVOPENDESC* openDescription;
    private readonly byte* formats;

    /// <summary>Registers <c>msacm.<paramref name="name"/></c>, opens the driver directly and a stream of it from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public BenchCodec(string name, WaveFormat source, WaveFormat destination)
    {
        var registry = new MemoryDriverRegistry();
        var aliasName = "msacm." + name;
        registry.SetValue(DriverRegistryLocation.DefaultSection, aliasName, name);
        var options = new DriverManagerOptions();
        options.DriverDirectories.Add(BenchDriver.Directory);
        Manager = new DriverManager(registry, options);
        Acm = new AcmServices(Manager);

        section = Marshal.StringToHGlobalUni(DriverRegistryLocation.DefaultSection);
        alias = Marshal.StringToHGlobalUni(aliasName);
        openDescription = (ACMDRVOPENDESC*)NativeMemory.AllocZeroed((nuint)sizeof(ACMDRVOPENDESC));
        openDescription->cbStruct = (uint)sizeof(ACMDRVOPENDESC);
        openDescription->fccType = AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC;
        openDescription->dwVersion = Acm.acmGetVersion();
        openDescription->pszSectionName = section;
        openDescription->pszAliasName = alias;
        Driver = Manager.OpenDriver(aliasName, DriverRegistryLocation.DefaultSection, (nint)openDescription);

        var sourceBytes = source.ToBytes();
        var destinationBytes = destination.ToBytes();
        formats = (byte*)NativeMemory.Alloc((nuint)(sourceBytes.Length + destinationBytes.Length));
        sourceBytes.CopyTo(new Span<byte>(formats, sourceBytes.Length));
        destinationBytes.CopyTo(new Span<byte>(formats + sourceBytes.Length, destinationBytes.Length));
        Instance = (ACMDRVSTREAMINSTANCE*)NativeMemory.AllocZeroed((nuint)sizeof(ACMDRVSTREAMINSTANCE));
        Instance->cbStruct = (uint)sizeof(ACMDRVSTREAMINSTANCE);
        Instance->pwfxSrc = (nint)formats;
        Instance->pwfxDst = (nint)(formats + sourceBytes.Length);
        Instance->fdwOpen = AcmStreamFlags.ACM_STREAMOPENF_NONREALTIME;
        Instance->has = 1;
        Check("ACMDM_STREAM_OPEN", Manager.SendDriverMessage(Driver, AcmMessages.ACMDM_STREAM_OPEN, (nint)Instance, 0));
    }

    public DriverManager Manager { get; }

    public AcmServices Acm { get; }

    /// <summary>The driver opened directly, as the ACM opens it.</summary>
    public HDRVR Driver { get; }

    /// <summary>The stream the direct path opened (ACMDM_STREAM_OPEN succeeded on it).</summary>
    public ACMDRVSTREAMINSTANCE* Instance { get; }

    /// <summary>One ACMDM_STREAM_CONVERT of a header the caller prepared (as the ACM hands it to the driver).</summary>
    public long SendConvert(ACMDRVSTREAMHEADER* header) =>
        Manager.SendDriverMessage(Driver, AcmMessages.ACMDM_STREAM_CONVERT, (nint)Instance, (nint)header);

    public static void Check(string what, long result)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{what} returned {result}.");
        }
    }

    public void Dispose()
    {
        _ = Manager.SendDriverMessage(Driver, AcmMessages.ACMDM_STREAM_CLOSE, (nint)Instance, 0);
        Manager.CloseDriver(Driver, 0, 0);
        Acm.Dispose();
        Manager.Dispose();
        NativeMemory.Free(Instance);
        NativeMemory.Free(formats);
        NativeMemory.Free(openDescription);
        Marshal.FreeHGlobal(section);
        Marshal.FreeHGlobal(alias);
    }
}
