using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Registries;
using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// A codec driver we ship, opened as the ACM opens one: listed as <c>msacm.NAME</c> in a memory registry's Drivers32,
/// opened through a <see cref="DriverManager"/> with an ACMDRVOPENDESCW as lParam2, and spoken to with ACMDM_*
/// messages through SendDriverMessage. The structures live in native memory, as a real caller's would.
/// </summary>
internal sealed unsafe class AcmCodecDriver : IDisposable
{
    private readonly DriverManager _manager;
    private readonly ACMDRVOPENDESC* _openDescription;
    private readonly nint _section;
    private readonly nint _alias;

    /// <param name="name">The driver's file name without .so.</param>
    /// <param name="fccType">What the opener asks for.</param>
    /// <param name="directory">Where else to look for the driver than the test drivers folder.</param>
    public AcmCodecDriver(string name, uint fccType = AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC, string? directory = null)
    {
        var registry = new MemoryDriverRegistry();
        var alias = "msacm." + name;
        registry.SetValue("Drivers32", alias, name);
        _manager = directory is null ? TestDrivers.CreateManager(registry) : TestDrivers.CreateManager(registry, null, directory);

        _section = Marshal.StringToHGlobalUni("Drivers32");
        _alias = Marshal.StringToHGlobalUni(alias);
        _openDescription = (ACMDRVOPENDESC*)NativeMemory.AllocZeroed((nuint)sizeof(ACMDRVOPENDESC));
        _openDescription->cbStruct = (uint)sizeof(ACMDRVOPENDESC);
        _openDescription->fccType = fccType;
        _openDescription->dwVersion = 0x03320000; // ACM 3.50
        _openDescription->dwError = uint.MaxValue; // so that a driver which sets it is seen to
        _openDescription->pszSectionName = _section;
        _openDescription->pszAliasName = _alias;
        Handle = _manager.OpenDriver(alias, "Drivers32", (nint)_openDescription);
    }

    public HDRVR Handle { get; }

    /// <summary>What the driver left in ACMDRVOPENDESCW.dwError.</summary>
    public uint OpenError => _openDescription->dwError;

    public long Send(uint message, nint lParam1, nint lParam2) => _manager.SendDriverMessage(Handle, message, lParam1, lParam2);

    public long DriverDetails(ACMDRIVERDETAILS* details) => Send(AcmMessages.ACMDM_DRIVER_DETAILS, (nint)details, 0);

    /// <summary>ACMDM_FORMATTAG_DETAILS; the index or tag goes in as the query needs it.</summary>
    public (long Result, ACMFORMATTAGDETAILS Details) FormatTagDetails(uint query, uint index = 0, uint tag = 0)
    {
        var details = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS), dwFormatTagIndex = index, dwFormatTag = tag };
        var result = Send(AcmMessages.ACMDM_FORMATTAG_DETAILS, (nint)(&details), (nint)query);
        return (result, details);
    }

    /// <summary>ACMDM_FORMAT_DETAILS by index: the result, the details and the format the driver wrote.</summary>
    public (long Result, ACMFORMATDETAILS Details, byte[] Format) FormatDetailsByIndex(uint tag, uint index, int room = 64)
    {
        var format = new byte[room];
        fixed (byte* buffer = format)
        {
            var details = new ACMFORMATDETAILS
            {
                cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = tag, dwFormatIndex = index, pwfx = (nint)buffer, cbwfx = (uint)room,
            };
            var result = Send(AcmMessages.ACMDM_FORMAT_DETAILS, (nint)(&details), (nint)AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX);
            return (result, details, format);
        }
    }

    /// <summary>ACMDM_FORMAT_DETAILS of a format the caller has.</summary>
    public (long Result, ACMFORMATDETAILS Details) DescribeFormat(byte[] format)
    {
        fixed (byte* buffer = format)
        {
            var details = new ACMFORMATDETAILS
            {
                cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = BitConverter.ToUInt16(format, 0), pwfx = (nint)buffer,
                cbwfx = (uint)format.Length,
            };
            var result = Send(AcmMessages.ACMDM_FORMAT_DETAILS, (nint)(&details), (nint)AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT);
            return (result, details);
        }
    }

    /// <summary>ACMDM_FORMAT_SUGGEST: the result and what the driver wrote over <paramref name="destination"/>.</summary>
    public (long Result, byte[] Destination) Suggest(byte[] source, byte[] destination, uint flags)
    {
        var written = (byte[])destination.Clone();
        fixed (byte* src = source)
        fixed (byte* dst = written)
        {
            var suggest = new ACMDRVFORMATSUGGEST
            {
                cbStruct = (uint)sizeof(ACMDRVFORMATSUGGEST), fdwSuggest = flags, pwfxSrc = (nint)src, cbwfxSrc = (uint)source.Length,
                pwfxDst = (nint)dst, cbwfxDst = (uint)written.Length,
            };
            var result = Send(AcmMessages.ACMDM_FORMAT_SUGGEST, (nint)(&suggest), 0);
            return (result, written);
        }
    }

    /// <summary>ACMDM_STREAM_OPEN; the stream is null unless the open succeeded (and was not only a query).</summary>
    public (long Result, AcmCodecStream? Stream) OpenStream(byte[] source, byte[] destination, uint fdwOpen = 0, nint filter = 0)
    {
        var stream = new AcmCodecStream(this, source, destination, fdwOpen, filter);
        var result = Send(AcmMessages.ACMDM_STREAM_OPEN, (nint)stream.Instance, 0);
        if (result != 0 || (fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_QUERY) != 0)
        {
            stream.Forget();
            return (result, null);
        }

        return (result, stream);
    }

    /// <summary>Opens a stream that must open, for the tests about conversion.</summary>
    public AcmCodecStream Stream(byte[] source, byte[] destination)
    {
        var (result, stream) = OpenStream(source, destination);
        Assert.Equal(0, result);
        return stream!;
    }

    public void Dispose()
    {
        if (!Handle.IsNull)
        {
            _manager.CloseDriver(Handle, 0, 0);
        }

        _manager.Dispose();
        NativeMemory.Free(_openDescription);
        Marshal.FreeHGlobal(_section);
        Marshal.FreeHGlobal(_alias);
    }
}
