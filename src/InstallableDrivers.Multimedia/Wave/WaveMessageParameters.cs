using System.Collections.Frozen;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The wave messages whose dwParam1 points to a structure the caller owns and whose dwParam2 is its size (mmddk.h):
/// the services check them before a driver sees them, so that a driver never receives a null or short structure.
/// The <c>DriverMessageParameters</c> table of the runtime covers DriverProc messages; these go to wodMessage/widMessage.
/// </summary>
internal static unsafe class WaveMessageParameters
{
    /// <summary>The smallest size each message's structure may have; capabilities may be asked for in part, as Windows allows.</summary>
    private static readonly FrozenDictionary<uint, uint> MinimumSizes = new Dictionary<uint, uint>
    {
        [WODM_GETDEVCAPS] = 0,
        [WIDM_GETDEVCAPS] = 0,
        [WODM_PREPARE] = (uint)sizeof(WAVEHDR),
        [WODM_UNPREPARE] = (uint)sizeof(WAVEHDR),
        [WODM_WRITE] = (uint)sizeof(WAVEHDR),
        [WIDM_PREPARE] = (uint)sizeof(WAVEHDR),
        [WIDM_UNPREPARE] = (uint)sizeof(WAVEHDR),
        [WIDM_ADDBUFFER] = (uint)sizeof(WAVEHDR),
        [WODM_GETPOS] = (uint)sizeof(MMTIME),
        [WIDM_GETPOS] = (uint)sizeof(MMTIME),
    }.ToFrozenDictionary();

    /// <summary>
    /// <see cref="Check"/> for a message whose structure is a WAVEHDR (WODM_WRITE, WIDM_ADDBUFFER), without the table
    /// look-up: a queueing call is made for every buffer, and the look-up cost it a few nanoseconds.
    /// </summary>
    public static MMRESULT CheckHeader(WAVEHDR* header, uint size) =>
        header == null || size < sizeof(WAVEHDR) ? MMRESULT.MMSYSERR_INVALPARAM : MMRESULT.MMSYSERR_NOERROR;

    /// <summary>MMSYSERR_INVALPARAM if the message's structure is missing or smaller than it must be, else MMSYSERR_NOERROR.</summary>
    public static MMRESULT Check(uint message, void* structure, uint size) =>
        MinimumSizes.TryGetValue(message, out var minimum) && (structure == null || size < minimum)
            ? MMRESULT.MMSYSERR_INVALPARAM
            : MMRESULT.MMSYSERR_NOERROR;
}
