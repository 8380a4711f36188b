using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

// The format and filter functions: tag and format details, enumeration, suggestion, and the chooser dialogs.
public sealed unsafe partial class AcmServices
{
    /// <summary>The drivers a details or enumeration function asks: the one named by an open driver or enabled driver id, or all enabled ones.</summary>
    private MMRESULT DriversToAsk(nint had, out List<AcmDriverId> drivers, out AcmDriverInstance? open)
    {
        lock (gate)
        {
            open = handles.Get<AcmDriverInstance>(had);
            if (open is not null)
            {
                drivers = [open.DriverId];
                return MMRESULT.MMSYSERR_NOERROR;
            }

            if (had == 0)
            {
                drivers = [.. Drivers.Where(d => d.IsEnabled)];
                return MMRESULT.MMSYSERR_NOERROR;
            }

            drivers = [];
            return FindDriver(had) is { IsEnabled: true } driver && (drivers = [driver]) is not null
                ? MMRESULT.MMSYSERR_NOERROR : MMRESULT.MMSYSERR_INVALHANDLE;
        }
    }

    /// <summary>An instance of <paramref name="driver"/> to send questions to: <paramref name="open"/> if it is that driver's, else a new one.</summary>
    private MMRESULT Lease(AcmDriverId driver, AcmDriverInstance? open, out AcmDriverLease lease)
    {
        if (open is not null && open.DriverId == driver)
        {
            lease = new AcmDriverLease(driver, open, null);
            return MMRESULT.MMSYSERR_NOERROR;
        }

        var result = OpenInstance(driver, out var instance);
        lease = instance is null ? default : new AcmDriverLease(driver, instance, CloseInstance);
        return result;
    }

    /// <summary>
    /// Asks the drivers in turn until one answers MMSYSERR_NOERROR; with a named driver (<paramref name="had"/> not 0) its
    /// answer is final. ACMERR_NOTPOSSIBLE when none answers.
    /// </summary>
    private MMRESULT AskInTurn(nint had, IEnumerable<AcmDriverId> drivers, AcmDriverInstance? open, Func<AcmDriverLease, MMRESULT> ask)
    {
        foreach (var driver in drivers)
        {
            if (Lease(driver, open, out var lease) != MMRESULT.MMSYSERR_NOERROR)
            {
                continue;
            }

            using (lease)
            {
                var result = ask(lease);
                if (result == MMRESULT.MMSYSERR_NOERROR || had != 0)
                {
                    return result;
                }
            }
        }

        return (MMRESULT)AcmErrors.ACMERR_NOTPOSSIBLE;
    }

    /// <summary>
    /// acmFormatTagDetails: details of a format tag (ACMDM_FORMATTAG_DETAILS). By index the driver must be named (an open
    /// driver or an enabled driver id); by tag, a null driver means the first driver in search order that knows the tag;
    /// LARGESTSIZE with a null driver answers with the driver whose tag (dwFormatTag, or any for WAVE_FORMAT_UNKNOWN) has
    /// the largest format.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0.</param>
    /// <param name="paftd">The structure: cbStruct, and the index or tag the query asks by.</param>
    /// <param name="fdwDetails">ACM_FORMATTAGDETAILSF_INDEX, FORMATTAG or LARGESTSIZE.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE (also for INDEX with no driver); MMSYSERR_INVALPARAM
    /// for a null or short structure; ACMERR_NOTPOSSIBLE when no driver has the details.</returns>
    public MMRESULT acmFormatTagDetails(nint had, ACMFORMATTAGDETAILS* paftd, uint fdwDetails)
    {
        var query = fdwDetails & AcmDetailsFlags.ACM_FORMATTAGDETAILSF_QUERYMASK;
        if ((fdwDetails & ~AcmDetailsFlags.ACM_FORMATTAGDETAILSF_QUERYMASK) != 0 || query > AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (paftd is null || paftd->cbStruct < sizeof(ACMFORMATTAGDETAILS))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        if (query == AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX && had == 0)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        if (query == AcmDetailsFlags.ACM_FORMATTAGDETAILSF_LARGESTSIZE && had == 0)
        {
            // The driver whose matching tag is largest, from what the drivers said when they were added.
            var tag = paftd->dwFormatTag;
            drivers = [.. drivers
                .Select(d => (Driver: d, Size: d.FormatTags.Where(t => tag == WaveFormatTags.WAVE_FORMAT_UNKNOWN || t.dwFormatTag == tag)
                    .Select(t => t.cbFormatSize).DefaultIfEmpty(0u).Max()))
                .Where(d => d.Size > 0).OrderByDescending(d => d.Size).Take(1).Select(d => d.Driver)];
        }
        else if (query == AcmDetailsFlags.ACM_FORMATTAGDETAILSF_FORMATTAG && had == 0)
        {
            drivers = [.. drivers.Where(d => d.HasFormatTag(paftd->dwFormatTag))];
        }

        return AskInTurn(had, drivers, open, lease =>
        {
            var details = *paftd;
            var result = (MMRESULT)(uint)lease.Send(AcmMessages.ACMDM_FORMATTAG_DETAILS, (nint)(&details), (nint)fdwDetails);
            if (result == MMRESULT.MMSYSERR_NOERROR)
            {
                *paftd = details;
            }

            return result;
        });
    }

    /// <summary>
    /// acmFormatTagEnum: calls <paramref name="fnCallback"/> with the details of every format tag of a driver, or of
    /// every enabled driver in search order, until it returns FALSE. With no driver, PCM (which every codec lists) is
    /// reported once, by the first driver that lists it. No driver or no tag is no error: the callback is not called.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0.</param>
    /// <param name="paftd">The structure the callback receives filled (cbStruct set by the caller).</param>
    /// <param name="fnCallback">ACMFORMATTAGENUMCB: (hadid, paftd, dwInstance, fdwSupport) → BOOL.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null callback or structure.</returns>
    public MMRESULT acmFormatTagEnum(nint had, ACMFORMATTAGDETAILS* paftd,
        delegate* unmanaged<nint, ACMFORMATTAGDETAILS*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum)
    {
        if (fdwEnum != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (paftd is null || fnCallback is null || paftd->cbStruct < sizeof(ACMFORMATTAGDETAILS))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        var pcmDone = false;
        foreach (var driver in drivers)
        {
            if (Lease(driver, open, out var lease) != MMRESULT.MMSYSERR_NOERROR)
            {
                continue;
            }

            using (lease)
            {
                for (uint index = 0; index < driver.Details.cFormatTags; index++)
                {
                    var cbStruct = paftd->cbStruct;
                    *paftd = new ACMFORMATTAGDETAILS { cbStruct = cbStruct, dwFormatTagIndex = index };
                    var result = lease.Send(AcmMessages.ACMDM_FORMATTAG_DETAILS, (nint)paftd, (nint)AcmDetailsFlags.ACM_FORMATTAGDETAILSF_INDEX);
                    if (result != 0 || (had == 0 && paftd->dwFormatTag == WaveFormatTags.WAVE_FORMAT_PCM && pcmDone))
                    {
                        continue;
                    }

                    pcmDone |= paftd->dwFormatTag == WaveFormatTags.WAVE_FORMAT_PCM;
                    if (fnCallback(driver.Handle, paftd, dwInstance, driver.Support) == 0)
                    {
                        return MMRESULT.MMSYSERR_NOERROR;
                    }
                }
            }
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmFormatDetails: details of a format (ACMDM_FORMAT_DETAILS). ACM_FORMATDETAILSF_INDEX fills pwfx with format
    /// dwFormatIndex of dwFormatTag and needs a named driver; ACM_FORMATDETAILSF_FORMAT describes the format in pwfx,
    /// asking the first driver in search order that knows its tag when no driver is named.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0 (FORMAT only).</param>
    /// <param name="pafd">The structure: cbStruct, dwFormatTag, pwfx and cbwfx, and dwFormatIndex for INDEX.</param>
    /// <param name="fdwDetails">ACM_FORMATDETAILSF_INDEX or FORMAT.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for a null or short
    /// structure, a null format, a nonzero fdwSupport, (FORMAT) a dwFormatTag other than the format's, (INDEX)
    /// WAVE_FORMAT_UNKNOWN or an index past the tag's standard formats; ACMERR_NOTPOSSIBLE when no driver has the
    /// details.</returns>
    public MMRESULT acmFormatDetails(nint had, ACMFORMATDETAILS* pafd, uint fdwDetails)
    {
        var query = fdwDetails & AcmDetailsFlags.ACM_FORMATDETAILSF_QUERYMASK;
        if ((fdwDetails & ~AcmDetailsFlags.ACM_FORMATDETAILSF_QUERYMASK) != 0 || query > AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (pafd is null || pafd->cbStruct < sizeof(ACMFORMATDETAILS) || pafd->pwfx == 0 || pafd->cbwfx < WaveFormatBytes.PcmFormatSize
            || pafd->fdwSupport != 0)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var byFormat = query == AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT;
        if (byFormat ? ((WAVEFORMATEX*)pafd->pwfx)->wFormatTag != pafd->dwFormatTag : pafd->dwFormatTag == WaveFormatTags.WAVE_FORMAT_UNKNOWN)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        if (!byFormat && had == 0)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        // By index the driver is named (so it is the only one): an index past the tag's standard formats is a bad
        // parameter, whatever the driver would say.
        var tag = pafd->dwFormatTag;
        if (!byFormat && drivers[0].FormatTags.Any(t => t.dwFormatTag == tag && pafd->dwFormatIndex >= t.cStandardFormats))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        return AskInTurn(had, drivers.Where(d => had != 0 || d.HasFormatTag(pafd->dwFormatTag)), open,
            lease => (MMRESULT)(uint)lease.Send(AcmMessages.ACMDM_FORMAT_DETAILS, (nint)pafd, (nint)fdwDetails));
    }

    /// <summary>
    /// acmFormatEnum: calls <paramref name="fnCallback"/> with each standard format of a driver (or of every enabled
    /// driver, each PCM format once, from the first driver that lists it) that passes the ACM_FORMATENUMF_* restrictions, until it returns FALSE. The restrictions read
    /// the format at <c>pafd->pwfx</c> (copied first, since each enumerated format is written there): WFORMATTAG,
    /// NCHANNELS, NSAMPLESPERSEC, WBITSPERSAMPLE keep formats with that field; CONVERT keeps formats the given one
    /// converts to (asked with ACMDM_STREAM_OPEN and ACM_STREAMOPENF_QUERY); SUGGEST lists each driver's suggestion
    /// for the given format instead. HARDWARE, INPUT and OUTPUT list nothing: there is no hardware codec.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0.</param>
    /// <param name="pafd">cbStruct, pwfx and cbwfx (room for the largest format), and dwFormatTag: the tag with
    /// ACM_FORMATENUMF_WFORMATTAG; otherwise WAVE_FORMAT_UNKNOWN or any tag, which restricts nothing.</param>
    /// <param name="fnCallback">ACMFORMATENUMCB: (hadid, pafd, dwInstance, fdwSupport) → BOOL.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">ACM_FORMATENUMF_* restrictions.</param>
    /// <returns>MMSYSERR_NOERROR (also when nothing matched); MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM
    /// for null pointers, a short structure, a nonzero fdwSupport, a cbwfx smaller than the largest format of the drivers
    /// asked, a dwFormatTag that disagrees with WFORMATTAG, or CONVERT with SUGGEST.</returns>
    public MMRESULT acmFormatEnum(nint had, ACMFORMATDETAILS* pafd, delegate* unmanaged<nint, ACMFORMATDETAILS*, nuint, uint, int> fnCallback,
        nuint dwInstance, uint fdwEnum)
    {
        const uint fields = AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG | AcmDetailsFlags.ACM_FORMATENUMF_NCHANNELS
            | AcmDetailsFlags.ACM_FORMATENUMF_NSAMPLESPERSEC | AcmDetailsFlags.ACM_FORMATENUMF_WBITSPERSAMPLE;
        const uint hardware = AcmDetailsFlags.ACM_FORMATENUMF_HARDWARE | AcmDetailsFlags.ACM_FORMATENUMF_INPUT | AcmDetailsFlags.ACM_FORMATENUMF_OUTPUT;
        const uint known = fields | hardware | AcmDetailsFlags.ACM_FORMATENUMF_CONVERT | AcmDetailsFlags.ACM_FORMATENUMF_SUGGEST;
        if ((fdwEnum & ~known) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        var convert = (fdwEnum & AcmDetailsFlags.ACM_FORMATENUMF_CONVERT) != 0;
        var suggest = (fdwEnum & AcmDetailsFlags.ACM_FORMATENUMF_SUGGEST) != 0;
        if (pafd is null || fnCallback is null || pafd->cbStruct < sizeof(ACMFORMATDETAILS) || pafd->pwfx == 0
            || pafd->cbwfx < WaveFormatBytes.PcmFormatSize || pafd->fdwSupport != 0 || (convert && suggest))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var given = (WAVEFORMATEX*)pafd->pwfx;
        // Without WFORMATTAG, dwFormatTag may be WAVE_FORMAT_UNKNOWN "or a valid format tag" (the documentation) and
        // restricts nothing; NAudio's AcmDriver.GetFormats passes the tag without the flag.
        var byTag = (fdwEnum & AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG) != 0;
        if (byTag && pafd->dwFormatTag != given->wFormatTag)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR || (fdwEnum & hardware) != 0)
        {
            return found;
        }

        // The room must hold the largest format of the drivers asked (ACM_METRIC_MAX_SIZE_FORMAT), as msacm32 requires.
        if (pafd->cbwfx < drivers.SelectMany(d => d.FormatTags).Select(t => t.cbFormatSize).DefaultIfEmpty(0u).Max())
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var enumeration = new AcmFormatEnumeration(pafd, fnCallback, dwInstance, fdwEnum, WaveFormatBytes.Of(given));
        foreach (var driver in drivers)
        {
            if (Lease(driver, open, out var lease) != MMRESULT.MMSYSERR_NOERROR)
            {
                continue;
            }

            using (lease)
            {
                var more = suggest ? enumeration.Suggest(lease) : enumeration.List(lease, oncePcm: had == 0);
                if (!more)
                {
                    break;
                }
            }
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmFormatSuggest: a destination format for <paramref name="pwfxSrc"/> (ACMDM_FORMAT_SUGGEST), from the named driver
    /// or from the first enabled driver in search order that has one. The ACM_FORMATSUGGESTF_* bits say which fields of
    /// <paramref name="pwfxDst"/> the caller fixed.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0.</param>
    /// <param name="pwfxSrc">The source format.</param>
    /// <param name="pwfxDst">The destination, with the fixed fields set; receives the suggestion.</param>
    /// <param name="cbwfxDst">The room at <paramref name="pwfxDst"/>.</param>
    /// <param name="fdwSuggest">ACM_FORMATSUGGESTF_* bits.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM for null formats or a
    /// destination smaller than a PCM format; ACMERR_NOTPOSSIBLE when no driver suggests a format.</returns>
    public MMRESULT acmFormatSuggest(nint had, WAVEFORMATEX* pwfxSrc, WAVEFORMATEX* pwfxDst, uint cbwfxDst, uint fdwSuggest)
    {
        if ((fdwSuggest & ~AcmDetailsFlags.ACM_FORMATSUGGESTF_TYPEMASK) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (pwfxSrc is null || pwfxDst is null || cbwfxDst < WaveFormatBytes.PcmFormatSize)
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        var source = WaveFormatBytes.Of(pwfxSrc);
        var fixedTag = (fdwSuggest & AcmDetailsFlags.ACM_FORMATSUGGESTF_WFORMATTAG) != 0;
        var candidates = drivers.Where(d => had != 0 || (d.HasFormatTag(pwfxSrc->wFormatTag) && (!fixedTag || d.HasFormatTag(pwfxDst->wFormatTag))));
        return AskInTurn(had, candidates, open, lease =>
        {
            fixed (byte* src = source)
            {
                var request = new ACMDRVFORMATSUGGEST
                {
                    cbStruct = (uint)sizeof(ACMDRVFORMATSUGGEST), fdwSuggest = fdwSuggest, pwfxSrc = (nint)src, cbwfxSrc = (uint)WaveFormatBytes.SizeOf(pwfxSrc),
                    pwfxDst = (nint)pwfxDst, cbwfxDst = cbwfxDst,
                };
                return (MMRESULT)(uint)lease.Send(AcmMessages.ACMDM_FORMAT_SUGGEST, (nint)(&request), 0);
            }
        });
    }

    /// <summary>
    /// acmFilterTagDetails: details of a filter tag (ACMDM_FILTERTAG_DETAILS), chosen as <see cref="acmFormatTagDetails"/>
    /// chooses. None of the shipped drivers has filters.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0 (not for INDEX).</param>
    /// <param name="paftd">The structure: cbStruct, and the index or tag the query asks by.</param>
    /// <param name="fdwDetails">ACM_FILTERTAGDETAILSF_INDEX, FILTERTAG or LARGESTSIZE.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM; ACMERR_NOTPOSSIBLE.</returns>
    public MMRESULT acmFilterTagDetails(nint had, ACMFILTERTAGDETAILS* paftd, uint fdwDetails)
    {
        var query = fdwDetails & AcmDetailsFlags.ACM_FILTERTAGDETAILSF_QUERYMASK;
        if ((fdwDetails & ~AcmDetailsFlags.ACM_FILTERTAGDETAILSF_QUERYMASK) != 0 || query > AcmDetailsFlags.ACM_FILTERTAGDETAILSF_LARGESTSIZE)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (paftd is null || paftd->cbStruct < sizeof(ACMFILTERTAGDETAILS))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        if (query == AcmDetailsFlags.ACM_FILTERTAGDETAILSF_INDEX && had == 0)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        var tag = paftd->dwFilterTag;
        var candidates = drivers.Where(d => had != 0 || d.FilterTags.Any(t => query == AcmDetailsFlags.ACM_FILTERTAGDETAILSF_LARGESTSIZE || t.dwFilterTag == tag));
        return AskInTurn(had, candidates, open, lease => (MMRESULT)(uint)lease.Send(AcmMessages.ACMDM_FILTERTAG_DETAILS, (nint)paftd, (nint)fdwDetails));
    }

    /// <summary>acmFilterTagEnum: calls <paramref name="fnCallback"/> with every filter tag of a driver or of every enabled driver, until it returns FALSE.</summary>
    /// <param name="had">An open driver, an enabled driver id, or 0.</param>
    /// <param name="paftd">The structure the callback receives filled.</param>
    /// <param name="fnCallback">ACMFILTERTAGENUMCB: (hadid, paftd, dwInstance, fdwSupport) → BOOL.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">Must be 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM.</returns>
    public MMRESULT acmFilterTagEnum(nint had, ACMFILTERTAGDETAILS* paftd,
        delegate* unmanaged<nint, ACMFILTERTAGDETAILS*, nuint, uint, int> fnCallback, nuint dwInstance, uint fdwEnum)
    {
        if (fdwEnum != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (paftd is null || fnCallback is null || paftd->cbStruct < sizeof(ACMFILTERTAGDETAILS))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        foreach (var driver in drivers.Where(d => d.Details.cFilterTags > 0))
        {
            if (Lease(driver, open, out var lease) != MMRESULT.MMSYSERR_NOERROR)
            {
                continue;
            }

            using (lease)
            {
                for (uint index = 0; index < driver.Details.cFilterTags; index++)
                {
                    var cbStruct = paftd->cbStruct;
                    *paftd = new ACMFILTERTAGDETAILS { cbStruct = cbStruct, dwFilterTagIndex = index };
                    if (lease.Send(AcmMessages.ACMDM_FILTERTAG_DETAILS, (nint)paftd, (nint)AcmDetailsFlags.ACM_FILTERTAGDETAILSF_INDEX) == 0
                        && fnCallback(driver.Handle, paftd, dwInstance, driver.Support) == 0)
                    {
                        return MMRESULT.MMSYSERR_NOERROR;
                    }
                }
            }
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmFilterDetails: details of a filter (ACMDM_FILTER_DETAILS): by index (a named driver) or of the filter in
    /// pwfltr (the first driver that knows its tag when none is named).
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0 (FILTER only).</param>
    /// <param name="pafd">The structure: cbStruct, dwFilterTag, pwfltr and cbwfltr, and dwFilterIndex for INDEX.</param>
    /// <param name="fdwDetails">ACM_FILTERDETAILSF_INDEX or FILTER.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM; ACMERR_NOTPOSSIBLE.</returns>
    public MMRESULT acmFilterDetails(nint had, ACMFILTERDETAILS* pafd, uint fdwDetails)
    {
        var query = fdwDetails & AcmDetailsFlags.ACM_FILTERDETAILSF_QUERYMASK;
        if ((fdwDetails & ~AcmDetailsFlags.ACM_FILTERDETAILSF_QUERYMASK) != 0 || query > AcmDetailsFlags.ACM_FILTERDETAILSF_FILTER)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (pafd is null || pafd->cbStruct < sizeof(ACMFILTERDETAILS) || pafd->pwfltr == 0 || pafd->cbwfltr < sizeof(WAVEFILTER))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        if (query == AcmDetailsFlags.ACM_FILTERDETAILSF_INDEX && had == 0)
        {
            return MMRESULT.MMSYSERR_INVALHANDLE;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        return AskInTurn(had, drivers.Where(d => had != 0 || d.FilterTags.Any(t => t.dwFilterTag == pafd->dwFilterTag)), open,
            lease => (MMRESULT)(uint)lease.Send(AcmMessages.ACMDM_FILTER_DETAILS, (nint)pafd, (nint)fdwDetails));
    }

    /// <summary>
    /// acmFilterEnum: calls <paramref name="fnCallback"/> with each standard filter of a driver or of every enabled driver
    /// (only of dwFilterTag with ACM_FILTERENUMF_DWFILTERTAG), until it returns FALSE.
    /// </summary>
    /// <param name="had">An open driver, an enabled driver id, or 0.</param>
    /// <param name="pafd">cbStruct, pwfltr and cbwfltr, and dwFilterTag (0, or the tag with ACM_FILTERENUMF_DWFILTERTAG).</param>
    /// <param name="fnCallback">ACMFILTERENUMCB: (hadid, pafd, dwInstance, fdwSupport) → BOOL.</param>
    /// <param name="dwInstance">Passed to the callback.</param>
    /// <param name="fdwEnum">ACM_FILTERENUMF_DWFILTERTAG or 0.</param>
    /// <returns>MMSYSERR_NOERROR; MMSYSERR_INVALFLAG; MMSYSERR_INVALHANDLE; MMSYSERR_INVALPARAM.</returns>
    public MMRESULT acmFilterEnum(nint had, ACMFILTERDETAILS* pafd, delegate* unmanaged<nint, ACMFILTERDETAILS*, nuint, uint, int> fnCallback,
        nuint dwInstance, uint fdwEnum)
    {
        if ((fdwEnum & ~AcmDetailsFlags.ACM_FILTERENUMF_DWFILTERTAG) != 0)
        {
            return MMRESULT.MMSYSERR_INVALFLAG;
        }

        if (pafd is null || fnCallback is null || pafd->cbStruct < sizeof(ACMFILTERDETAILS) || pafd->pwfltr == 0 || pafd->cbwfltr < sizeof(WAVEFILTER))
        {
            return MMRESULT.MMSYSERR_INVALPARAM;
        }

        var found = DriversToAsk(had, out var drivers, out var open);
        if (found != MMRESULT.MMSYSERR_NOERROR)
        {
            return found;
        }

        var onlyTag = (fdwEnum & AcmDetailsFlags.ACM_FILTERENUMF_DWFILTERTAG) != 0;
        var wanted = pafd->dwFilterTag;
        foreach (var driver in drivers)
        {
            var tags = driver.FilterTags.Where(t => !onlyTag || t.dwFilterTag == wanted).ToList();
            if (tags.Count == 0 || Lease(driver, open, out var lease) != MMRESULT.MMSYSERR_NOERROR)
            {
                continue;
            }

            using (lease)
            {
                foreach (var tag in tags)
                {
                    for (uint index = 0; index < tag.cStandardFilters; index++)
                    {
                        pafd->dwFilterTag = tag.dwFilterTag;
                        pafd->dwFilterIndex = index;
                        if (lease.Send(AcmMessages.ACMDM_FILTER_DETAILS, (nint)pafd, (nint)AcmDetailsFlags.ACM_FILTERDETAILSF_INDEX) == 0
                            && fnCallback(driver.Handle, pafd, dwInstance, driver.Support) == 0)
                        {
                            return MMRESULT.MMSYSERR_NOERROR;
                        }
                    }
                }
            }
        }

        return MMRESULT.MMSYSERR_NOERROR;
    }

    /// <summary>
    /// acmFormatChoose: msacm32 shows a dialog here. There is no display to show one on, so after checking its
    /// arguments this answers as a user closing the dialog would: ACMERR_CANCELED, the structure untouched.
    /// </summary>
    /// <param name="pafmtc">The ACMFORMATCHOOSEW structure; cbStruct at least its size, pwfx set.</param>
    /// <returns>ACMERR_CANCELED; MMSYSERR_INVALPARAM for a null or short structure or a null pwfx.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance method like every other msacm32 function of the service.")]
    public MMRESULT acmFormatChoose(ACMFORMATCHOOSE* pafmtc) =>
        pafmtc is null || pafmtc->cbStruct < sizeof(ACMFORMATCHOOSE) || pafmtc->pwfx == 0
            ? MMRESULT.MMSYSERR_INVALPARAM : (MMRESULT)AcmErrors.ACMERR_CANCELED;

    /// <summary>acmFilterChoose: as <see cref="acmFormatChoose"/>, for filters: ACMERR_CANCELED, there being no dialog to show.</summary>
    /// <param name="pafltrc">The ACMFILTERCHOOSEW structure; cbStruct at least its size, pwfltr set.</param>
    /// <returns>ACMERR_CANCELED; MMSYSERR_INVALPARAM for a null or short structure or a null pwfltr.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance method like every other msacm32 function of the service.")]
    public MMRESULT acmFilterChoose(ACMFILTERCHOOSE* pafltrc) =>
        pafltrc is null || pafltrc->cbStruct < sizeof(ACMFILTERCHOOSE) || pafltrc->pwfltr == 0
            ? MMRESULT.MMSYSERR_INVALPARAM : (MMRESULT)AcmErrors.ACMERR_CANCELED;
}
