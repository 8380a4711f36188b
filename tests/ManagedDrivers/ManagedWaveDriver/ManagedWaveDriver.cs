// A wave driver in C#: one output device that keeps what it plays in memory and writes it to a file at close, so a
// test can compare the bytes. It finishes each buffer as soon as it is written, through DriverCallback, as a native
// driver would, and answers the mmddk.h messages a C wave driver answers.
using System.Runtime.InteropServices;
using InstallableDrivers;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;
using InstallableDrivers.Tests.ManagedDrivers;
using static InstallableDrivers.Multimedia.Interop.MMRESULT;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

[assembly: InstallableDriver(typeof(ManagedWaveDriver))]

namespace InstallableDrivers.Tests.ManagedDrivers;

/// <summary>
/// Args: <c>out=PATH</c>, the file each stream's played bytes are written to when it closes. Formats: 16-bit PCM only,
/// else WAVERR_BADFORMAT. Prepare is left to the services (MMSYSERR_NOTSUPPORTED). DRVM_USER throws, to show what
/// the services make of a driver that fails.
/// </summary>
public sealed unsafe class ManagedWaveDriver : IDriverProc, IWaveOutDriver
{
    private static string? outputPath;

    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        if (message == DriverMessages.DRV_OPEN)
        {
            var args = lParam1 == 0 ? "" : Marshal.PtrToStringUni(lParam1)!;
            outputPath = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.StartsWith("out=", StringComparison.Ordinal))?[4..];
            return 1;
        }

        return Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2);
    }

    public uint wodMessage(uint uDeviceID, uint uMsg, nuint dwUser, nuint dwParam1, nuint dwParam2)
    {
        var stream = dwUser == 0 || uMsg == WODM_OPEN ? null : (Stream)GCHandle.FromIntPtr((nint)dwUser).Target!;
        return (uint)(uMsg switch
        {
            DRVM_INIT or DRVM_EXIT => MMSYSERR_NOERROR,
            WODM_GETNUMDEVS => (MMRESULT)1,
            DRVM_USER => throw new InvalidOperationException("told to fail"),
            _ when uDeviceID != 0 => MMSYSERR_BADDEVICEID,
            WODM_GETDEVCAPS => GetCaps((WAVEOUTCAPSW*)dwParam1, (uint)dwParam2),
            WODM_OPEN => Open((nuint*)dwUser, (WAVEOPENDESC*)dwParam1, (uint)dwParam2),
            WODM_PREPARE or WODM_UNPREPARE => MMSYSERR_NOTSUPPORTED,
            _ when stream is null => MMSYSERR_INVALHANDLE,
            WODM_WRITE => stream.Write((WAVEHDR*)dwParam1),
            WODM_GETPOS => stream.Position((MMTIME*)dwParam1),
            WODM_RESET or WODM_PAUSE or WODM_RESTART or WODM_BREAKLOOP => MMSYSERR_NOERROR, // nothing is ever left queued
            WODM_CLOSE => stream.Close(dwUser),
            _ => MMSYSERR_NOTSUPPORTED,
        });
    }

    private static MMRESULT GetCaps(WAVEOUTCAPSW* caps, uint size)
    {
        var full = new WAVEOUTCAPSW { wMid = 0xFFFF, wPid = 0xFFFF, vDriverVersion = 0x0100, ProductName = "Managed wave out", wChannels = 2 };
        var copied = Math.Min(size, (uint)sizeof(WAVEOUTCAPSW));
        Buffer.MemoryCopy(&full, caps, copied, copied);
        return MMSYSERR_NOERROR;
    }

    private static MMRESULT Open(nuint* user, WAVEOPENDESC* description, uint flags)
    {
        var format = (WAVEFORMATEX*)description->lpFormat;
        if (format->wFormatTag != WaveFormatTags.WAVE_FORMAT_PCM || format->wBitsPerSample != 16)
        {
            return WAVERR_BADFORMAT;
        }

        if ((flags & WaveOpenFlags.WAVE_FORMAT_QUERY) != 0)
        {
            return MMSYSERR_NOERROR;
        }

        var stream = new Stream(*description, (flags >> 16) & DriverMessages.DCB_TYPEMASK);
        *user = (nuint)GCHandle.ToIntPtr(GCHandle.Alloc(stream));
        stream.Notify(WOM_OPEN, 0);
        return MMSYSERR_NOERROR;
    }

    /// <summary>One open stream: where its callbacks go and what it has played.</summary>
    private sealed class Stream(WAVEOPENDESC description, uint callbackType)
    {
        private readonly List<byte> played = [];

        public void Notify(uint message, nuint header) =>
            Drivers.DriverCallback(description.dwCallback, callbackType, new HDRVR(description.hWave), message, description.dwInstance, header, 0);

        public MMRESULT Write(WAVEHDR* header)
        {
            if ((header->dwFlags & WHDR_INQUEUE) != 0)
            {
                return WAVERR_STILLPLAYING;
            }

            lock (played)
            {
                played.AddRange(new ReadOnlySpan<byte>((void*)header->lpData, (int)header->dwBufferLength));
            }

            header->dwFlags = (header->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
            Notify(WOM_DONE, (nuint)header);
            return MMSYSERR_NOERROR;
        }

        public MMRESULT Position(MMTIME* time)
        {
            time->wType = TimeFormats.TIME_BYTES;
            lock (played)
            {
                time->cb = (uint)played.Count;
            }

            return MMSYSERR_NOERROR;
        }

        public MMRESULT Close(nuint user)
        {
            if (outputPath is not null)
            {
                File.WriteAllBytes(outputPath, [.. played]);
            }

            Notify(WOM_CLOSE, 0);
            GCHandle.FromIntPtr((nint)user).Free();
            return MMSYSERR_NOERROR;
        }
    }
}
