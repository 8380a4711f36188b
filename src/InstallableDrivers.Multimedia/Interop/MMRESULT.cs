namespace InstallableDrivers.Multimedia.Interop;

/// <summary>
/// The result of a multimedia call (mmsystem.h <c>MMRESULT</c>, a UINT): <see cref="MMSYSERR_NOERROR"/> or an error.
/// The values are mmsystem.h's; its range markers MMSYSERR_BASE, WAVERR_BASE, MMSYSERR_LASTERROR and
/// WAVERR_LASTERROR are left out so that every value has one name.
/// </summary>
public enum MMRESULT : uint
{
    /// <summary>No error.</summary>
    MMSYSERR_NOERROR = 0,

    /// <summary>Unspecified error.</summary>
    MMSYSERR_ERROR = 1,

    /// <summary>The device id is out of range.</summary>
    MMSYSERR_BADDEVICEID = 2,

    /// <summary>The driver failed to enable.</summary>
    MMSYSERR_NOTENABLED = 3,

    /// <summary>The device is already allocated.</summary>
    MMSYSERR_ALLOCATED = 4,

    /// <summary>The handle is invalid (bad, or already closed).</summary>
    MMSYSERR_INVALHANDLE = 5,

    /// <summary>No device driver is present.</summary>
    MMSYSERR_NODRIVER = 6,

    /// <summary>Memory allocation failed.</summary>
    MMSYSERR_NOMEM = 7,

    /// <summary>The function is not supported.</summary>
    MMSYSERR_NOTSUPPORTED = 8,

    /// <summary>The error number is out of range.</summary>
    MMSYSERR_BADERRNUM = 9,

    /// <summary>An invalid flag was passed.</summary>
    MMSYSERR_INVALFLAG = 10,

    /// <summary>An invalid parameter was passed.</summary>
    MMSYSERR_INVALPARAM = 11,

    /// <summary>The handle is in use by another thread.</summary>
    MMSYSERR_HANDLEBUSY = 12,

    /// <summary>The specified alias was not found.</summary>
    MMSYSERR_INVALIDALIAS = 13,

    /// <summary>Bad registry database.</summary>
    MMSYSERR_BADDB = 14,

    /// <summary>The registry key was not found.</summary>
    MMSYSERR_KEYNOTFOUND = 15,

    /// <summary>Registry read error.</summary>
    MMSYSERR_READERROR = 16,

    /// <summary>Registry write error.</summary>
    MMSYSERR_WRITEERROR = 17,

    /// <summary>Registry delete error.</summary>
    MMSYSERR_DELETEERROR = 18,

    /// <summary>The registry value was not found.</summary>
    MMSYSERR_VALNOTFOUND = 19,

    /// <summary>The driver does not call DriverCallback.</summary>
    MMSYSERR_NODRIVERCB = 20,

    /// <summary>More data to be returned.</summary>
    MMSYSERR_MOREDATA = 21,

    /// <summary>The wave format is not supported.</summary>
    WAVERR_BADFORMAT = 32,

    /// <summary>Buffers are still queued (close, unprepare).</summary>
    WAVERR_STILLPLAYING = 33,

    /// <summary>The header is not prepared.</summary>
    WAVERR_UNPREPARED = 34,

    /// <summary>The device is synchronous and WAVE_ALLOWSYNC was not given.</summary>
    WAVERR_SYNC = 35,
}
