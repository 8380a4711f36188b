using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// One acmFormatEnum call: the caller's structure and callback, its restrictions and its format (copied, since each
/// enumerated format is written over it), asked of one driver after another.
/// </summary>
internal sealed unsafe class AcmFormatEnumeration(ACMFORMATDETAILS* details, delegate* unmanaged<nint, ACMFORMATDETAILS*, nuint, uint, int> callback,
    nuint instance, uint restrictions, byte[] given)
{
    /// <summary>The PCM formats reported so far: with no driver named, each is reported once, by the first driver listing it.</summary>
    private readonly HashSet<(uint Channels, uint Rate, uint Bits)> pcmReported = [];

    /// <summary>The caller's room at pwfx, given again with each question (a driver may set cbwfx to what it wrote).</summary>
    private readonly uint room = details->cbwfx;

    private WAVEFORMATEX* Destination => (WAVEFORMATEX*)details->pwfx;

    /// <summary>
    /// Lists the driver's standard formats that pass the restrictions, leaving out PCM formats already reported when
    /// <paramref name="oncePcm"/>; false once the callback said stop.
    /// </summary>
    public bool List(AcmDriverLease driver, bool oncePcm)
    {
        fixed (byte* givenBytes = given)
        {
            var wanted = (WAVEFORMATEX*)givenBytes;
            foreach (var tag in driver.Driver.FormatTags)
            {
                if (Has(AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG) && tag.dwFormatTag != wanted->wFormatTag)
                {
                    continue;
                }

                for (uint index = 0; index < tag.cStandardFormats; index++)
                {
                    details->dwFormatTag = tag.dwFormatTag;
                    details->dwFormatIndex = index;
                    details->fdwSupport = 0;
                    details->cbwfx = room;
                    if (driver.Send(AcmMessages.ACMDM_FORMAT_DETAILS, (nint)details, (nint)AcmDetailsFlags.ACM_FORMATDETAILSF_INDEX) != 0
                        || !Matches(wanted) || (Has(AcmDetailsFlags.ACM_FORMATENUMF_CONVERT) && !Converts(driver, givenBytes)))
                    {
                        continue;
                    }

                    if (oncePcm && tag.dwFormatTag == WaveFormatTags.WAVE_FORMAT_PCM
                        && !pcmReported.Add((Destination->nChannels, Destination->nSamplesPerSec, Destination->wBitsPerSample)))
                    {
                        continue;
                    }

                    if (callback(driver.Driver.Handle, details, instance, driver.Driver.Support) == 0)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Reports the driver's suggestion for the given format, if it has one; false once the callback said stop.</summary>
    public bool Suggest(AcmDriverLease driver)
    {
        fixed (byte* givenBytes = given)
        {
            var request = new ACMDRVFORMATSUGGEST
            {
                cbStruct = (uint)sizeof(ACMDRVFORMATSUGGEST), pwfxSrc = (nint)givenBytes, cbwfxSrc = (uint)WaveFormatBytes.SizeOf((WAVEFORMATEX*)givenBytes),
                pwfxDst = details->pwfx, cbwfxDst = room,
            };
            if (driver.Send(AcmMessages.ACMDM_FORMAT_SUGGEST, (nint)(&request), 0) != 0)
            {
                return true;
            }

            details->dwFormatTag = Destination->wFormatTag;
            details->dwFormatIndex = 0;
            details->cbwfx = room;
            driver.Send(AcmMessages.ACMDM_FORMAT_DETAILS, (nint)details, (nint)AcmDetailsFlags.ACM_FORMATDETAILSF_FORMAT);
            return callback(driver.Driver.Handle, details, instance, driver.Driver.Support) != 0;
        }
    }

    private bool Has(uint restriction) => (restrictions & restriction) != 0;

    private bool Matches(WAVEFORMATEX* wanted)
    {
        var format = Destination;
        return (!Has(AcmDetailsFlags.ACM_FORMATENUMF_NCHANNELS) || format->nChannels == wanted->nChannels)
            && (!Has(AcmDetailsFlags.ACM_FORMATENUMF_NSAMPLESPERSEC) || format->nSamplesPerSec == wanted->nSamplesPerSec)
            && (!Has(AcmDetailsFlags.ACM_FORMATENUMF_WBITSPERSAMPLE) || format->wBitsPerSample == wanted->wBitsPerSample);
    }

    /// <summary>Asks the driver whether it could open a stream from the given format to the one just listed (ACM_STREAMOPENF_QUERY).</summary>
    private bool Converts(AcmDriverLease driver, byte* source)
    {
        var candidate = WaveFormatBytes.Of(Destination);
        fixed (byte* destination = candidate)
        {
            var stream = new ACMDRVSTREAMINSTANCE
            {
                cbStruct = (uint)sizeof(ACMDRVSTREAMINSTANCE), pwfxSrc = (nint)source, pwfxDst = (nint)destination,
                fdwOpen = AcmStreamFlags.ACM_STREAMOPENF_QUERY,
            };
            return driver.Send(AcmMessages.ACMDM_STREAM_OPEN, (nint)(&stream), 0) == 0;
        }
    }
}
