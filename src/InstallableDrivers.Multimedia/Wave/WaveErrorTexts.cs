using System.Collections.Frozen;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>The descriptions waveOutGetErrorText and waveInGetErrorText give, one per MMRESULT and ACMERR_* result (our own wording).</summary>
internal static class WaveErrorTexts
{
    private static readonly FrozenDictionary<MMRESULT, string> Texts = new Dictionary<MMRESULT, string>
    {
        [MMRESULT.MMSYSERR_NOERROR] = "The command completed successfully.",
        [MMRESULT.MMSYSERR_ERROR] = "An unspecified error occurred.",
        [MMRESULT.MMSYSERR_BADDEVICEID] = "The device id is out of range.",
        [MMRESULT.MMSYSERR_NOTENABLED] = "The driver failed to enable.",
        [MMRESULT.MMSYSERR_ALLOCATED] = "The device is already in use.",
        [MMRESULT.MMSYSERR_INVALHANDLE] = "The device handle is invalid or was closed.",
        [MMRESULT.MMSYSERR_NODRIVER] = "No driver is installed for the device.",
        [MMRESULT.MMSYSERR_NOMEM] = "There is not enough memory for the command.",
        [MMRESULT.MMSYSERR_NOTSUPPORTED] = "The driver does not support this function.",
        [MMRESULT.MMSYSERR_BADERRNUM] = "The error number is not a known error.",
        [MMRESULT.MMSYSERR_INVALFLAG] = "An invalid flag was given.",
        [MMRESULT.MMSYSERR_INVALPARAM] = "An invalid parameter was given.",
        [MMRESULT.MMSYSERR_HANDLEBUSY] = "The handle is being used by another thread.",
        [MMRESULT.MMSYSERR_INVALIDALIAS] = "The alias was not found.",
        [MMRESULT.MMSYSERR_BADDB] = "The driver registry is damaged.",
        [MMRESULT.MMSYSERR_KEYNOTFOUND] = "The registry key was not found.",
        [MMRESULT.MMSYSERR_READERROR] = "The registry could not be read.",
        [MMRESULT.MMSYSERR_WRITEERROR] = "The registry could not be written.",
        [MMRESULT.MMSYSERR_DELETEERROR] = "The registry value could not be deleted.",
        [MMRESULT.MMSYSERR_VALNOTFOUND] = "The registry value was not found.",
        [MMRESULT.MMSYSERR_NODRIVERCB] = "The driver did not call back.",
        [MMRESULT.MMSYSERR_MOREDATA] = "There is more data to return.",
        [MMRESULT.WAVERR_BADFORMAT] = "The device does not support the wave format.",
        [MMRESULT.WAVERR_STILLPLAYING] = "Buffers are still queued on the device.",
        [MMRESULT.WAVERR_UNPREPARED] = "The wave header is not prepared.",
        [MMRESULT.WAVERR_SYNC] = "The device is synchronous and WAVE_ALLOWSYNC was not given.",

        // The ACM's results, which the wave mapper returns when a conversion fails (waveOutWrite).
        [(MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE] = "The conversion is not possible.",
        [(MMRESULT)AcmErrors.ACMERR_BUSY] = "The conversion stream is busy.",
        [(MMRESULT)AcmErrors.ACMERR_UNPREPARED] = "The conversion header is not prepared.",
        [(MMRESULT)AcmErrors.ACMERR_CANCELED] = "The operation was cancelled.",
    }.ToFrozenDictionary();

    public static string? Find(MMRESULT error) => Texts.GetValueOrDefault(error);
}
