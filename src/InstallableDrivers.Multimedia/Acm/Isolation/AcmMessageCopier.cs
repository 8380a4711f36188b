using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.AcmMessages;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Carries the ACM's messages to one instance of a codec driver that runs in a host process (docs/isolation.md,
/// "Pointers"; docs/acm.md, "Isolated codecs"): DRV_OPEN's ACMDRVOPENDESCW, the details structures with the formats and
/// filters they point at, and the streams' instances and headers with their buffers, as msacmdrv.h defines them. What
/// a driver may keep from one message to the next — an open stream's instance, a prepared header and its buffers — is
/// kept in the arena from STREAM_OPEN to STREAM_CLOSE and from PREPARE to UNPREPARE; <see cref="Release"/> frees it
/// all when the host died or the instance closed. A size out of range (a cbStruct, cbwfx or prepared length) is
/// answered MMSYSERR_INVALPARAM without calling the driver, a full arena MMSYSERR_NOMEM.
/// </summary>
internal sealed unsafe class AcmMessageCopier : DriverMessageCopier
{
    private readonly Lock sync = new();
    private readonly Dictionary<nint, AcmStreamInstanceCopy> streams = [];
    private readonly Dictionary<nint, AcmStreamHeaderCopy> headers = [];

    /// <inheritdoc />
    protected internal override string? NameOf(uint message) => AcmMessageNames.Of(message);

    /// <inheritdoc />
    protected internal override void CopyIn(DriverMessageCopy copy)
    {
        try
        {
            var answer = copy.Message switch
            {
                DriverMessages.DRV_OPEN => copy.LParam2 == 0 || AcmOpenDescriptionCopy.CopyIn(copy),
                ACMDM_DRIVER_DETAILS or ACMDM_FORMATTAG_DETAILS or ACMDM_FILTERTAG_DETAILS => CopyStruct(copy, copy.LParam1, AcmStructLayout.Plain, first: true),
                ACMDM_FORMAT_DETAILS => CopyStruct(copy, copy.LParam1, AcmStructLayout.FormatDetails, first: true),
                ACMDM_FILTER_DETAILS => CopyStruct(copy, copy.LParam1, AcmStructLayout.FilterDetails, first: true),
                ACMDM_FORMAT_SUGGEST => CopyStruct(copy, copy.LParam1, AcmStructLayout.FormatSuggest, first: true),
                ACMDM_STREAM_OPEN or ACMDM_STREAM_CLOSE or ACMDM_STREAM_RESET => CopyStream(copy),
                ACMDM_STREAM_SIZE => CopyStream(copy) && CopyStruct(copy, copy.LParam2, AcmStructLayout.StreamSize, first: false),
                ACMDM_STREAM_PREPARE or ACMDM_STREAM_CONVERT or ACMDM_STREAM_UNPREPARE => CopyStream(copy) && CopyHeader(copy),
                _ => true, // not the ACM's, or no pointer (ACMDM_DRIVER_ABOUT's window handle): passed as they are
            };
            if (!answer)
            {
                Refuse(copy, MMRESULT.MMSYSERR_INVALPARAM);
            }
        }
        catch (InsufficientMemoryException)
        {
            Refuse(copy, MMRESULT.MMSYSERR_NOMEM);
        }
    }

    /// <summary>Answers the call without the driver; lasting copies it made are dropped.</summary>
    private void Refuse(DriverMessageCopy copy, MMRESULT result)
    {
        if (copy.State is AcmCopyState state)
        {
            if (state.NewStream && state.Stream is { } stream)
            {
                Forget(stream);
            }

            if (state.NewHeader && state.Header is { } header)
            {
                ForgetHeader(header);
            }
        }

        copy.Answer((nint)(uint)result);
    }

    /// <inheritdoc />
    protected internal override void CopyOut(DriverMessageCopy copy)
    {
        var state = (AcmCopyState?)copy.State;
        state?.Structure?.CopyOut();
        state?.OpenDescription?.CopyOut();
        if (state?.Stream is { } stream)
        {
            stream.CopyOut();
            EndStream(copy, stream);
        }

        if (state?.Header is { } header)
        {
            header.CopyOut(copy.Message == ACMDM_STREAM_CONVERT);
            EndHeader(copy, header);
        }
    }

    /// <summary>Frees every lasting copy: the host died, or the instance was closed.</summary>
    public void Release()
    {
        lock (sync)
        {
            foreach (var header in headers.Values)
            {
                header.Dispose();
            }

            foreach (var stream in streams.Values)
            {
                stream.Dispose();
            }

            headers.Clear();
            streams.Clear();
        }
    }

    private static AcmCopyState State(DriverMessageCopy copy) => (AcmCopyState)(copy.State ??= new AcmCopyState());

    /// <summary>A structure for this call; <paramref name="first"/> says whether it is lParam1.</summary>
    private static bool CopyStruct(DriverMessageCopy copy, nint caller, AcmStructLayout layout, bool first)
    {
        if (caller == 0)
        {
            return true;
        }

        var copied = AcmStructCopy.CopyIn(caller, layout, copy.Allocate, copy.IsShared);
        if (copied is null)
        {
            return false;
        }

        State(copy).Structure = copied;
        if (first)
        {
            copy.DriverLParam1 = copied.Address;
        }
        else
        {
            copy.DriverLParam2 = copied.Address;
        }

        return true;
    }

    /// <summary>lParam1 of a stream message: the open stream's lasting copy, or (a query, or a stream not opened through this copier) one for this call.</summary>
    private bool CopyStream(DriverMessageCopy copy)
    {
        if (copy.LParam1 == 0)
        {
            return true;
        }

        AcmStreamInstanceCopy? stream;
        lock (sync)
        {
            streams.TryGetValue(copy.LParam1, out stream);
        }

        if (stream is null)
        {
            var instance = (ACMDRVSTREAMINSTANCE*)copy.LParam1;
            var lasting = copy.Message == ACMDM_STREAM_OPEN && (instance->fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_QUERY) == 0;
            stream = AcmStreamInstanceCopy.CopyIn(copy, copy.LParam1, lasting);
            if (stream is null)
            {
                return false;
            }

            if (lasting)
            {
                // Kept from now on, so that a host dying during the open does not leave it behind (Release frees it).
                lock (sync)
                {
                    streams[stream.Caller] = stream;
                }

                State(copy).NewStream = true;
            }
        }

        State(copy).Stream = stream;
        copy.DriverLParam1 = stream.Address;
        return true;
    }

    /// <summary>After a stream message: an open that succeeded keeps its copy, a close that succeeded (or an open that failed) frees it.</summary>
    private void EndStream(DriverMessageCopy copy, AcmStreamInstanceCopy stream)
    {
        var succeeded = copy.Result == 0;
        if (((AcmCopyState)copy.State!).NewStream ? !succeeded : copy.Message == ACMDM_STREAM_CLOSE && succeeded)
        {
            Forget(stream);
        }
    }

    /// <summary>lParam2 of PREPARE, CONVERT and UNPREPARE: the header's lasting copy (made at PREPARE).</summary>
    private bool CopyHeader(DriverMessageCopy copy)
    {
        AcmStreamHeaderCopy? header;
        lock (sync)
        {
            headers.TryGetValue(copy.LParam2, out header);
        }

        if (header is null)
        {
            if (copy.Message != ACMDM_STREAM_PREPARE || copy.LParam2 == 0)
            {
                return false; // a header the driver never saw prepared: the ACM checks, so only a caller's own send
            }

            header = AcmStreamHeaderCopy.Create(copy, copy.LParam2, copy.LParam1);
            if (header is null)
            {
                return false;
            }

            lock (sync)
            {
                headers[header.Caller] = header;
            }

            State(copy).NewHeader = true;
        }

        State(copy).Header = header;
        if (!header.CopyIn(copy.Message == ACMDM_STREAM_CONVERT))
        {
            return false;
        }

        copy.DriverLParam2 = header.Address;
        return true;
    }

    /// <summary>After PREPARE (kept when the driver or the ACM prepared it) and UNPREPARE (freed when it was unprepared).</summary>
    private void EndHeader(DriverMessageCopy copy, AcmStreamHeaderCopy header)
    {
        var done = copy.Result is 0 or (nint)(uint)MMRESULT.MMSYSERR_NOTSUPPORTED;
        if (((AcmCopyState)copy.State!).NewHeader ? !done : copy.Message == ACMDM_STREAM_UNPREPARE && done)
        {
            ForgetHeader(header);
        }
    }

    private void ForgetHeader(AcmStreamHeaderCopy header)
    {
        lock (sync)
        {
            headers.Remove(header.Caller);
        }

        header.Dispose();
    }

    /// <summary>Frees a closed stream's copy and the copies of headers still prepared for it.</summary>
    private void Forget(AcmStreamInstanceCopy stream)
    {
        lock (sync)
        {
            streams.Remove(stream.Caller);
            foreach (var header in headers.Values.Where(h => h.Stream == stream.Caller).ToList())
            {
                headers.Remove(header.Caller);
                header.Dispose();
            }
        }

        stream.Dispose();
    }
}
