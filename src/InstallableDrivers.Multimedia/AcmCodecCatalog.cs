using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// Reads what <see cref="AcmCodec.GetAll"/> returns through the ACM's enumerations, as an application does: the
/// callbacks are unmanaged functions and their dwInstance a handle to the list they fill.
/// </summary>
internal static unsafe class AcmCodecCatalog
{
    public static IReadOnlyList<AcmCodec> Read(AcmServices acm)
    {
        var driverIds = new List<(nint Id, uint Support)>();
        var handle = GCHandle.Alloc(driverIds);
        try
        {
            Check(nameof(AcmServices.acmDriverEnum), acm.acmDriverEnum(&OnDriver, Instance(handle), 0));
        }
        finally
        {
            handle.Free();
        }

        return [.. driverIds.Select(driver => ReadDriver(acm, driver.Id, driver.Support))];
    }

    private static AcmCodec ReadDriver(AcmServices acm, nint driverId, uint support)
    {
        var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
        AcmFailure.ThrowIfFailed(nameof(AcmServices.acmDriverDetails), acm.acmDriverDetails(driverId, &details, 0));
        nint opened;
        AcmFailure.ThrowIfFailed(nameof(AcmServices.acmDriverOpen), acm.acmDriverOpen(&opened, driverId, 0), details.ShortName);
        var driver = opened;
        try
        {
            var tags = new List<ACMFORMATTAGDETAILS>();
            var tagQuery = new ACMFORMATTAGDETAILS { cbStruct = (uint)sizeof(ACMFORMATTAGDETAILS) };
            var handle = GCHandle.Alloc(tags);
            try
            {
                Check(nameof(AcmServices.acmFormatTagEnum), acm.acmFormatTagEnum(driver, &tagQuery, &OnFormatTag, Instance(handle), 0));
            }
            finally
            {
                handle.Free();
            }

            return new AcmCodec(driverId, details.ShortName, details.LongName, details.Features, support,
                [.. tags.Select(tag => new AcmCodecFormatTag((ushort)tag.dwFormatTag, tag.FormatTagName, ReadFormats(acm, driver, tag)))]);
        }
        finally
        {
            _ = acm.acmDriverClose(driver, 0);
        }
    }

    private static List<AcmCodecFormat> ReadFormats(AcmServices acm, nint driver, ACMFORMATTAGDETAILS tag)
    {
        var formats = new List<AcmCodecFormat>();
        if (tag.cStandardFormats == 0)
        {
            return formats;
        }

        // acmFormatEnum wants room for the largest format of any driver (ACM_METRIC_MAX_SIZE_FORMAT).
        uint room;
        AcmFailure.ThrowIfFailed(nameof(AcmServices.acmMetrics), acm.acmMetrics(0, AcmMetric.ACM_METRIC_MAX_SIZE_FORMAT, &room));
        room = Math.Max(room, (uint)WaveFormat.HeaderSize);
        var buffer = (byte*)NativeMemory.AllocZeroed(room);
        var handle = GCHandle.Alloc(formats);
        try
        {
            var query = new ACMFORMATDETAILS
            {
                cbStruct = (uint)sizeof(ACMFORMATDETAILS), dwFormatTag = tag.dwFormatTag, pwfx = (nint)buffer, cbwfx = room,
            };
            ((WAVEFORMATEX*)buffer)->wFormatTag = (ushort)tag.dwFormatTag;
            Check(nameof(AcmServices.acmFormatEnum),
                acm.acmFormatEnum(driver, &query, &OnFormat, Instance(handle), AcmDetailsFlags.ACM_FORMATENUMF_WFORMATTAG));
        }
        finally
        {
            handle.Free();
            NativeMemory.Free(buffer);
        }

        return formats;
    }

    /// <summary>An enumeration's result: ACMERR_NOTPOSSIBLE means there was nothing to list.</summary>
    private static void Check(string function, MMRESULT result)
    {
        if (result != AcmFailure.NotPossible)
        {
            AcmFailure.ThrowIfFailed(function, result);
        }
    }

    /// <summary>The dwInstance of an enumeration: the handle of the list its callback fills.</summary>
    private static nuint Instance(GCHandle list) => (nuint)GCHandle.ToIntPtr(list);

    private static List<T> ListOf<T>(nuint instance) => (List<T>)GCHandle.FromIntPtr((nint)instance).Target!;

    [UnmanagedCallersOnly]
    private static int OnDriver(nint driverId, nuint instance, uint support)
    {
        ListOf<(nint, uint)>(instance).Add((driverId, support));
        return 1;
    }

    [UnmanagedCallersOnly]
    private static int OnFormatTag(nint driverId, ACMFORMATTAGDETAILS* details, nuint instance, uint support)
    {
        ListOf<ACMFORMATTAGDETAILS>(instance).Add(*details);
        return 1;
    }

    [UnmanagedCallersOnly]
    private static int OnFormat(nint driverId, ACMFORMATDETAILS* details, nuint instance, uint support)
    {
        var format = new ReadOnlySpan<byte>((void*)details->pwfx, (int)details->cbwfx);
        ListOf<AcmCodecFormat>(instance).Add(new AcmCodecFormat(details->FormatName, WaveFormat.Parse(format)));
        return 1;
    }
}
