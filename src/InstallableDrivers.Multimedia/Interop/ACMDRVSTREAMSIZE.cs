using System.Runtime.InteropServices;

namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// lParam2 of ACMDM_STREAM_SIZE (msacmdrv.h <c>ACMDRVSTREAMSIZE</c>): one length given, the other for the driver to
/// fill, as <see cref="fdwSize"/> says. 16 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct ACMDRVSTREAMSIZE
{
    /// <summary>The size of this structure in bytes.</summary>
    public uint cbStruct;

    /// <summary>ACM_STREAMSIZEF_SOURCE (source given, destination asked) or ACM_STREAMSIZEF_DESTINATION.</summary>
    public uint fdwSize;

    /// <summary>Source bytes.</summary>
    public uint cbSrcLength;

    /// <summary>Destination bytes.</summary>
    public uint cbDstLength;
}
