// A wave driver in C#: one output device that keeps what it plays in memory and writes it to a file at close, so a
// test can compare the bytes, and one input device that records a file's bytes. It finishes each buffer as soon as it
// can, through DriverCallback, as a native driver would, and answers the mmddk.h messages a C wave driver answers.
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
/// Args: <c>out=PATH</c>, the file each stream's played bytes are written to when it closes; <c>in=PATH</c>, the file
/// whose bytes each recording gives, from its start, once started (a buffer is filled as far as they go, and those
/// added after the end wait until WIDM_RESET); <c>failfast=N</c>, an output device that stalls and then dies: the
/// writes after a stream's first are kept queued (not finished), and its Nth write ends the process with
/// <see cref="Environment.FailFast(string)"/>, so that a crash finds buffers the driver holds. Formats: 16-bit PCM
/// only, else WAVERR_BADFORMAT. Prepare is left to the services (MMSYSERR_NOTSUPPORTED). DRVM_USER of the output
/// device throws, to show what the services make of a driver that fails.
/// </summary>
public sealed unsafe class ManagedWaveDriver : IDriverProc, IWaveOutDriver, IWaveInDriver
{
    private static string? outputPath, inputPath;
    private static int failFastAt;

    public nint DriverProc(nuint driverId, HDRVR hDriver, uint message, nint lParam1, nint lParam2)
    {
        if (message == DriverMessages.DRV_OPEN)
        {
            var args = (lParam1 == 0 ? "" : Marshal.PtrToStringUni(lParam1)!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            outputPath = Arg(args, "out=");
            inputPath = Arg(args, "in=");
            failFastAt = int.TryParse(Arg(args, "failfast="), out var n) ? n : 0;
            return 1;
        }

        return Drivers.DefDriverProc(driverId, hDriver, message, lParam1, lParam2);
    }

    private static string? Arg(string[] args, string prefix) =>
        args.FirstOrDefault(w => w.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];

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
            WODM_OPEN => Open((nuint*)dwUser, (WAVEOPENDESC*)dwParam1, (uint)dwParam2, d => new Stream(d)),
            WODM_PREPARE or WODM_UNPREPARE => MMSYSERR_NOTSUPPORTED,
            _ when stream is null => MMSYSERR_INVALHANDLE,
            WODM_WRITE => stream.Write((WAVEHDR*)dwParam1),
            WODM_GETPOS => stream.Position((MMTIME*)dwParam1),
            WODM_RESET or WODM_PAUSE or WODM_RESTART or WODM_BREAKLOOP => MMSYSERR_NOERROR, // nothing is left queued but by failfast=, which ends the host
            WODM_CLOSE => stream.Close(dwUser),
            _ => MMSYSERR_NOTSUPPORTED,
        });
    }

    public uint widMessage(uint uDeviceID, uint uMsg, nuint dwUser, nuint dwParam1, nuint dwParam2)
    {
        var recording = dwUser == 0 || uMsg == WIDM_OPEN ? null : (Recording)GCHandle.FromIntPtr((nint)dwUser).Target!;
        return (uint)(uMsg switch
        {
            DRVM_INIT or DRVM_EXIT => MMSYSERR_NOERROR,
            WIDM_GETNUMDEVS => (MMRESULT)1,
            _ when uDeviceID != 0 => MMSYSERR_BADDEVICEID,
            WIDM_GETDEVCAPS => GetCaps((WAVEINCAPSW*)dwParam1, (uint)dwParam2),
            WIDM_OPEN => Open((nuint*)dwUser, (WAVEOPENDESC*)dwParam1, (uint)dwParam2, d => new Recording(d)),
            WIDM_PREPARE or WIDM_UNPREPARE => MMSYSERR_NOTSUPPORTED,
            _ when recording is null => MMSYSERR_INVALHANDLE,
            WIDM_ADDBUFFER => recording.Add((WAVEHDR*)dwParam1),
            WIDM_START => recording.Start(),
            WIDM_STOP => recording.Stop(),
            WIDM_RESET => recording.Reset(),
            WIDM_CLOSE => recording.Close(dwUser),
            _ => MMSYSERR_NOTSUPPORTED,
        });
    }

    private static MMRESULT GetCaps(WAVEOUTCAPSW* caps, uint size)
    {
        var full = new WAVEOUTCAPSW { wMid = 0xFFFF, wPid = 0xFFFF, vDriverVersion = 0x0100, ProductName = "Managed wave out", wChannels = 2 };
        return CopyCaps(&full, caps, (uint)sizeof(WAVEOUTCAPSW), size);
    }

    private static MMRESULT GetCaps(WAVEINCAPSW* caps, uint size)
    {
        var full = new WAVEINCAPSW { wMid = 0xFFFF, wPid = 0xFFFF, vDriverVersion = 0x0100, ProductName = "Managed wave in", wChannels = 1 };
        return CopyCaps(&full, caps, (uint)sizeof(WAVEINCAPSW), size);
    }

    /// <summary>As much of the capabilities as the caller's structure holds.</summary>
    private static MMRESULT CopyCaps(void* full, void* caps, uint fullSize, uint size)
    {
        var copied = Math.Min(size, fullSize);
        Buffer.MemoryCopy(full, caps, copied, copied);
        return MMSYSERR_NOERROR;
    }

    private static MMRESULT Open(nuint* user, WAVEOPENDESC* description, uint flags, Func<Callback, Device> create)
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

        var device = create(new Callback(*description, (flags >> 16) & DriverMessages.DCB_TYPEMASK));
        *user = (nuint)GCHandle.ToIntPtr(GCHandle.Alloc(device));
        device.Opened();
        return MMSYSERR_NOERROR;
    }

    /// <summary>Where an open device's callbacks go.</summary>
    private readonly struct Callback(WAVEOPENDESC description, uint callbackType)
    {
        public void Notify(uint message, nuint header) =>
            Drivers.DriverCallback(description.dwCallback, callbackType, new HDRVR(description.hWave), message, description.dwInstance, header, 0);
    }

    /// <summary>An open output or input device.</summary>
    private abstract class Device(Callback callback, uint openMessage)
    {
        protected Callback Callback => callback;

        public void Opened() => callback.Notify(openMessage, 0);
    }

    /// <summary>One open stream: what it has played.</summary>
    private sealed class Stream(Callback callback) : Device(callback, WOM_OPEN)
    {
        private readonly List<byte> played = [];
        private int writes;

        public MMRESULT Write(WAVEHDR* header)
        {
            if ((header->dwFlags & WHDR_INQUEUE) != 0)
            {
                return WAVERR_STILLPLAYING;
            }

            if (++writes == failFastAt)
            {
                Environment.FailFast("ManagedWaveDriver: told to fail at this write");
            }

            lock (played)
            {
                played.AddRange(new ReadOnlySpan<byte>((void*)header->lpData, (int)header->dwBufferLength));
            }

            if (failFastAt != 0 && writes > 1)
            {
                header->dwFlags = (header->dwFlags | WHDR_INQUEUE) & ~WHDR_DONE; // stalled: the buffer stays queued
                return MMSYSERR_NOERROR;
            }

            header->dwFlags = (header->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
            Callback.Notify(WOM_DONE, (nuint)header);
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

            Callback.Notify(WOM_CLOSE, 0);
            GCHandle.FromIntPtr((nint)user).Free();
            return MMSYSERR_NOERROR;
        }
    }

    /// <summary>One open recording: the buffers it holds, and how far into the input file it is.</summary>
    private sealed class Recording(Callback callback) : Device(callback, WIM_OPEN)
    {
        private readonly byte[] input = inputPath is null ? [] : File.ReadAllBytes(inputPath);
        private readonly Queue<nint> queued = new();
        private int position;
        private bool started;

        public MMRESULT Add(WAVEHDR* header)
        {
            header->dwFlags = (header->dwFlags | WHDR_INQUEUE) & ~WHDR_DONE;
            header->dwBytesRecorded = 0;
            queued.Enqueue((nint)header);
            Fill();
            return MMSYSERR_NOERROR;
        }

        public MMRESULT Start()
        {
            started = true;
            Fill();
            return MMSYSERR_NOERROR;
        }

        public MMRESULT Stop()
        {
            started = false;
            return MMSYSERR_NOERROR;
        }

        /// <summary>Stops, and returns every buffer it holds with what it has.</summary>
        public MMRESULT Reset()
        {
            started = false;
            while (queued.Count > 0)
            {
                Done((WAVEHDR*)queued.Dequeue());
            }

            return MMSYSERR_NOERROR;
        }

        public MMRESULT Close(nuint user)
        {
            if (queued.Count > 0)
            {
                return WAVERR_STILLPLAYING;
            }

            Callback.Notify(WIM_CLOSE, 0);
            GCHandle.FromIntPtr((nint)user).Free();
            return MMSYSERR_NOERROR;
        }

        /// <summary>While started and the input lasts, fills the oldest buffer and returns it.</summary>
        private void Fill()
        {
            while (started && position < input.Length && queued.TryDequeue(out var next))
            {
                var header = (WAVEHDR*)next;
                var count = Math.Min((int)header->dwBufferLength, input.Length - position);
                input.AsSpan(position, count).CopyTo(new Span<byte>((void*)header->lpData, count));
                position += count;
                header->dwBytesRecorded = (uint)count;
                Done(header);
            }
        }

        private void Done(WAVEHDR* header)
        {
            header->dwFlags = (header->dwFlags & ~WHDR_INQUEUE) | WHDR_DONE;
            Callback.Notify(WIM_DATA, (nuint)header);
        }
    }
}

