using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

// The stream functions: open, size, prepare, convert, unprepare, reset, message, close.
public sealed unsafe partial class AcmServices
{
    /// <summary>The CALLBACK_* bits of fdwOpen (mmsystem.h CALLBACK_TYPEMASK).</summary>
    private const uint CallbackTypeMask = 0x00070000;

    /// <summary>
    /// acmStreamOpen: opens a conversion stream, or with ACM_STREAMOPENF_QUERY only asks whether one could be opened.
    /// With a null <paramref name="had"/> the enabled drivers that list both format tags are tried in search order
    /// (local drivers, then global ones by priority, the PCM converter last); the first to accept converts the stream
    /// and is closed with it. The ACM keeps its own copies of the formats and the filter.
    /// </summary>
    /// <param name="phas">Receives the stream; must be null with ACM_STREAMOPENF_QUERY.</param>
    /// <param name="had">An open driver, or 0 for any.</param>
    /// <param name="pwfxSrc">The source format.</param>
    /// <param name="pwfxDst">The destination format.</param>
    /// <param name="pwfltr">A filter (source and destination then of the same tag, else MMSYSERR_INVALPARAM), or null.</param>
    /// <param name="dwCallback">The callback of an asynchronous stream, else 0.</param>
    /// <param name="dwInstance">The callback's instance value, else 0.</param>
    /// <param name="fdwOpen">ACM_STREAMOPENF_QUERY, ASYNC, NONREALTIME and a CALLBACK_* type.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for null or inconsistent
    /// pointers; ACMERR_NOTPOSSIBLE when no driver can convert; a chosen driver's own error.</returns>
    public MMRESULT acmStreamOpen(nint* phas, nint had, WAVEFORMATEX* pwfxSrc, WAVEFORMATEX* pwfxDst, WAVEFILTER* pwfltr,
        nuint dwCallback, nuint dwInstance, uint fdwOpen)
    {
        const uint known = AcmStreamFlags.ACM_STREAMOPENF_QUERY | AcmStreamFlags.ACM_STREAMOPENF_ASYNC
            | AcmStreamFlags.ACM_STREAMOPENF_NONREALTIME | CallbackTypeMask;
        if ((fdwOpen & ~known) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        var query = (fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_QUERY) != 0;
        if (pwfxSrc is null || pwfxDst is null || (query ? phas is not null : phas is null)
            || (pwfltr is not null && (pwfltr->cbStruct < sizeof(WAVEFILTER) || pwfxSrc->wFormatTag != pwfxDst->wFormatTag)))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        if (phas is not null)
        {
            *phas = 0;
        }

        var source = WaveFormatBytes.Of(pwfxSrc);
        var destination = WaveFormatBytes.Of(pwfxDst);
        var filter = pwfltr is null ? [] : new ReadOnlySpan<byte>(pwfltr, (int)pwfltr->cbStruct);

        if (had != 0)
        {
            AcmDriverInstance? instance;
            lock (gate)
            {
                instance = handles.Get<AcmDriverInstance>(had);
            }

            return instance is null
                ? MMRESULT.MMSYSERR_INVALHANDLE
                : OpenStream(instance, ownsDriver: false, source, destination, filter, dwCallback, dwInstance, fdwOpen, phas);
        }

        List<AcmDriverId> candidates;
        lock (gate)
        {
            candidates = [.. Drivers.Where(d => d.IsEnabled && (pwfltr is null
                ? d.HasFormatTag(pwfxSrc->wFormatTag) && d.HasFormatTag(pwfxDst->wFormatTag)
                : d.FilterTags.Any(t => t.dwFilterTag == pwfltr->dwFilterTag)))];
        }

        foreach (var driver in candidates)
        {
            if (OpenInstance(driver, out var instance) != MMRESULT.MMSYSERR_NOERROR)
            {
                continue;
            }

            var result = OpenStream(instance!, ownsDriver: true, source, destination, filter, dwCallback, dwInstance, fdwOpen, phas);
            if (result == MMRESULT.MMSYSERR_NOERROR)
            {
                if (query)
                {
                    CloseInstance(instance!);
                }

                return result;
            }

            CloseInstance(instance!);
        }

        return (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE;
    }

    /// <summary>Sends ACMDM_STREAM_OPEN to one driver instance; on success (and not a query) makes the stream's handle.</summary>
    private MMRESULT OpenStream(AcmDriverInstance instance, bool ownsDriver, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination,
        ReadOnlySpan<byte> filter, nuint callback, nuint callbackInstance, uint fdwOpen, nint* phas)
    {
        var stream = new AcmStream(instance, ownsDriver, source, destination, filter, callback, callbackInstance, fdwOpen);
        var query = (fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_QUERY) != 0;
        if (!query)
        {
            lock (gate)
            {
                stream.Handle = handles.Add(stream);
            }
        }

        var result = (MMRESULT)(uint)stream.Send(AcmMessages.ACMDM_STREAM_OPEN, 0);
        if (result != MMRESULT.MMSYSERR_NOERROR || query)
        {
            lock (gate)
            {
                handles.Remove(stream.Handle);
            }

            stream.Dispose();
            return result;
        }

        lock (gate)
        {
            instance.OpenStreams++;
        }

        *phas = stream.Handle;
        return result;
    }

    /// <summary>How the host of the stream's driver ended, when the driver runs isolated and its host died; else null.</summary>
    internal DriverCrash? CrashOf(nint has) => FindStream(has)?.Driver.Connection.Crash;

    private AcmStream? FindStream(nint has)
    {
        lock (gate)
        {
            return handles.Get<AcmStream>(has);
        }
    }

    /// <summary>
    /// acmStreamSize: how big a buffer of the other side must be (ACMDM_STREAM_SIZE): with ACM_STREAMSIZEF_SOURCE the
    /// destination room <paramref name="cbInput"/> source bytes need; with ACM_STREAMSIZEF_DESTINATION the source bytes
    /// that fill at most <paramref name="cbInput"/> destination bytes.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="cbInput">The given length.</param>
    /// <param name="pdwOutputBytes">Receives the other length.</param>
    /// <param name="fdwSize">ACM_STREAMSIZEF_SOURCE or ACM_STREAMSIZEF_DESTINATION.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null pointer;
    /// ACMERR_NOTPOSSIBLE when the driver cannot answer or its answer is 0.</returns>
    public MMRESULT acmStreamSize(nint has, uint cbInput, uint* pdwOutputBytes, uint fdwSize)
    {
        if ((fdwSize & ~AcmStreamFlags.ACM_STREAMSIZEF_QUERYMASK) != 0
            || (fdwSize != AcmStreamFlags.ACM_STREAMSIZEF_SOURCE && fdwSize != AcmStreamFlags.ACM_STREAMSIZEF_DESTINATION))
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (FindStream(has) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (pdwOutputBytes is null)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        *pdwOutputBytes = 0;
        var fromSource = fdwSize == AcmStreamFlags.ACM_STREAMSIZEF_SOURCE;
        var size = new ACMDRVSTREAMSIZE
        {
            cbStruct = (uint)sizeof(ACMDRVSTREAMSIZE), fdwSize = fdwSize, cbSrcLength = fromSource ? cbInput : 0, cbDstLength = fromSource ? 0 : cbInput,
        };
        var result = (MMRESULT)(uint)stream.Send(AcmMessages.ACMDM_STREAM_SIZE, (nint)(&size));
        if (result != MMRESULT.MMSYSERR_NOERROR)
        {
            return result;
        }

        var answer = fromSource ? size.cbDstLength : size.cbSrcLength;
        if (answer == 0)
        {
            return (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE;
        }

        *pdwOutputBytes = answer;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmStreamPrepareHeader: prepares a header for conversions on the stream. The driver is asked first
    /// (ACMDM_STREAM_PREPARE); MMSYSERR_NOTSUPPORTED lets the ACM do it, which it does by recording the buffers as
    /// prepared in the header's reserved part (the ACMDRVSTREAMHEADER fields). The header then has
    /// ACMSTREAMHEADER_STATUSF_PREPARED; its other status bits stay as they were (a DONE left from earlier use stays, as
    /// on Windows). A header already prepared is left as it is.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="pash">The header: cbStruct at least sizeof(ACMSTREAMHEADER), both buffers and their lengths set.</param>
    /// <param name="fdwPrepare">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null or short header,
    /// null buffers or an empty source; ACMERR_NOTPOSSIBLE for a source shorter than one block of the source format;
    /// the driver's own error.</returns>
    public MMRESULT acmStreamPrepareHeader(nint has, ACMSTREAMHEADER* pash, uint fdwPrepare)
    {
        if (fdwPrepare != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (FindStream(has) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (pash is null || pash->cbStruct < sizeof(ACMSTREAMHEADER) || pash->pbSrc == 0 || pash->pbDst == 0 || pash->cbSrcLength == 0)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var header = (ACMDRVSTREAMHEADER*)pash;
        if ((header->fdwStatus & AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED) != 0)
        {
            return MMRESULT.MMSYSERR_NOERROR;
        }

        // A source buffer that cannot hold one block of the source format can never convert anything.
        if (header->cbSrcLength < ((WAVEFORMATEX*)stream.Instance->pwfxSrc)->nBlockAlign)
        {
            return (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE;
        }

        header->fdwPrepared = fdwPrepare;
        header->dwPrepared = (nuint)has;
        header->pbPreparedSrc = header->pbSrc;
        header->cbPreparedSrcLength = header->cbSrcLength;
        header->pbPreparedDst = header->pbDst;
        header->cbPreparedDstLength = header->cbDstLength;
        var result = (MMRESULT)(uint)stream.Send(AcmMessages.ACMDM_STREAM_PREPARE, (nint)header);
        if (result != MMRESULT.MMSYSERR_NOERROR && result != MMRESULT.MMSYSERR_NOTSUPPORTED)
        {
            header->dwPrepared = 0;
            return result;
        }

        header->fdwStatus |= AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// Finds the stream and checks a header given to convert or unprepare: a whole ACMSTREAMHEADER, prepared, for this
    /// stream, not queued, and its buffers those it was prepared with (lengths no longer than prepared; for unprepare,
    /// the same).
    /// </summary>
    private MMRESULT FindPrepared(nint has, ACMSTREAMHEADER* pash, bool exactLengths, out AcmStream? stream)
    {
        stream = FindStream(has);
        if (stream is null)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (pash is null || pash->cbStruct < sizeof(ACMSTREAMHEADER))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var header = (ACMDRVSTREAMHEADER*)pash;
        if ((header->fdwStatus & AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED) == 0)
        {
            return (MMRESULT)AcmErrors.ACMERR_UNPREPARED;
        }

        if (header->dwPrepared != (nuint)has)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if ((header->fdwStatus & AcmStreamFlags.ACMSTREAMHEADER_STATUSF_INQUEUE) != 0)
        {
            return (MMRESULT)AcmErrors.ACMERR_BUSY;
        }

        var sameBuffers = header->pbSrc == header->pbPreparedSrc && header->pbDst == header->pbPreparedDst;
        var lengthsFit = exactLengths
            ? header->cbSrcLength == header->cbPreparedSrcLength && header->cbDstLength == header->cbPreparedDstLength
            : header->cbSrcLength <= header->cbPreparedSrcLength && header->cbDstLength <= header->cbPreparedDstLength;
        return sameBuffers && lengthsFit ? MMRESULT.MMSYSERR_NOERROR : MMRESULT.MMSYSERR_INVALPARAM;
    }

    /// <summary>
    /// acmStreamConvert: converts the header's source buffer into its destination buffer (ACMDM_STREAM_CONVERT, with
    /// the header as the driver's ACMDRVSTREAMHEADER). The ACM clears DONE and the used lengths first and sets DONE when
    /// the conversion succeeded; cbSrcLengthUsed and cbDstLengthUsed say what the driver consumed and wrote.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="pash">A header prepared for the stream.</param>
    /// <param name="fdwConvert">ACM_STREAMCONVERTF_BLOCKALIGN, START, END.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE (also for a header prepared for another stream);
    /// MMSYSERR_INVALPARAM for a null or short header, or buffers other than those prepared; ACMERR_UNPREPARED;
    /// ACMERR_BUSY for a header still queued; the driver's own error.</returns>
    public MMRESULT acmStreamConvert(nint has, ACMSTREAMHEADER* pash, uint fdwConvert)
    {
        const uint known = AcmStreamFlags.ACM_STREAMCONVERTF_BLOCKALIGN | AcmStreamFlags.ACM_STREAMCONVERTF_START
            | AcmStreamFlags.ACM_STREAMCONVERTF_END;
        if ((fdwConvert & ~known) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        var check = FindPrepared(has, pash, exactLengths: false, out var stream);
        if (check != MMRESULT.MMSYSERR_NOERROR)
        {
            return check;
        }

        var header = (ACMDRVSTREAMHEADER*)pash;

        header->fdwStatus &= ~AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE;
        header->fdwConvert = fdwConvert;
        header->cbSrcLengthUsed = 0;
        header->cbDstLengthUsed = 0;
        var result = (MMRESULT)(uint)stream!.Send(AcmMessages.ACMDM_STREAM_CONVERT, (nint)header);
        if (result == MMRESULT.MMSYSERR_NOERROR)
        {
            header->fdwStatus |= AcmStreamFlags.ACMSTREAMHEADER_STATUSF_DONE;
        }

        return result;
    }

    /// <summary>
    /// acmStreamUnprepareHeader: ends a header's preparation (ACMDM_STREAM_UNPREPARE; MMSYSERR_NOTSUPPORTED lets the ACM
    /// do it). The header's buffers and lengths must be those it was prepared with. PREPARED is cleared; DONE stays.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="pash">A header prepared for the stream.</param>
    /// <param name="fdwUnprepare">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null or short header
    /// or changed buffers or lengths; ACMERR_UNPREPARED; ACMERR_BUSY for a header still queued; the driver's own error.</returns>
    public MMRESULT acmStreamUnprepareHeader(nint has, ACMSTREAMHEADER* pash, uint fdwUnprepare)
    {
        if (fdwUnprepare != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        var check = FindPrepared(has, pash, exactLengths: true, out var stream);
        if (check != MMRESULT.MMSYSERR_NOERROR)
        {
            return check;
        }

        var header = (ACMDRVSTREAMHEADER*)pash;

        var result = (MMRESULT)(uint)stream!.Send(AcmMessages.ACMDM_STREAM_UNPREPARE, (nint)header);
        // A driver whose host died has nothing left to unprepare: the header is released, as a close of it succeeds.
        if (result != MMRESULT.MMSYSERR_NOERROR && result != MMRESULT.MMSYSERR_NOTSUPPORTED && stream.Driver.Connection.Crash is null)
        {
            return result;
        }

        header->fdwStatus &= ~AcmStreamFlags.ACMSTREAMHEADER_STATUSF_PREPARED;
        header->dwPrepared = 0;
        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmStreamReset: stops an asynchronous stream's pending conversions (ACMDM_STREAM_RESET). A synchronous stream has
    /// none, so for it this succeeds without asking the driver, as the documentation says.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="fdwReset">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; an asynchronous driver's own error.</returns>
    public MMRESULT acmStreamReset(nint has, uint fdwReset)
    {
        if (fdwReset != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (FindStream(has) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        return (stream.Instance->fdwOpen & AcmStreamFlags.ACM_STREAMOPENF_ASYNC) == 0
            ? MMRESULT.MMSYSERR_NOERROR
            : (MMRESULT)(uint)stream.Send(AcmMessages.ACMDM_STREAM_RESET, 0);
    }

    /// <summary>
    /// acmStreamMessage: sends a driver-specific message (ACMDM_USER and up, below the ACM's reserved range) to the
    /// driver instance converting the stream, its parameters unchanged.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="uMsg">The message.</param>
    /// <param name="lParam1">The first parameter.</param>
    /// <param name="lParam2">The second parameter.</param>
    /// <returns>The driver's answer; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a message the ACM keeps for itself.</returns>
    public MMRESULT acmStreamMessage(nint has, uint uMsg, nint lParam1, nint lParam2)
    {
        if (FindStream(has) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        if (uMsg < AcmMessages.ACMDM_USER || uMsg >= AcmMessages.ACMDM_RESERVED_LOW)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        return (MMRESULT)(uint)stream.Driver.Send(uMsg, lParam1, lParam2);
    }

    /// <summary>
    /// acmStreamClose: closes a stream (ACMDM_STREAM_CLOSE), and the driver instance the ACM opened for it. A driver that
    /// refuses keeps the stream open.
    /// </summary>
    /// <param name="has">The stream.</param>
    /// <param name="fdwClose">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; the driver's error (ACMERR_BUSY while it still converts).</returns>
    public MMRESULT acmStreamClose(nint has, uint fdwClose)
    {
        if (fdwClose != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (FindStream(has) is not { } stream)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        var result = (MMRESULT)(uint)stream.Send(AcmMessages.ACMDM_STREAM_CLOSE, 0);
        // A stream whose driver's host died closes regardless (docs/acm.md, "Isolated codecs").
        if (result != MMRESULT.MMSYSERR_NOERROR && stream.Driver.Connection.Crash is null)
        {
            return result;
        }

        lock (gate)
        {
            handles.Remove(has);
            stream.Driver.OpenStreams--;
        }

        if (stream.OwnsDriver)
        {
            CloseInstance(stream.Driver);
        }

        stream.Dispose();
        return MMRESULT.MMSYSERR_NOERROR;
    }
}
