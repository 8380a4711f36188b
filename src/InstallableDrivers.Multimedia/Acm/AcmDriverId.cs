using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// One codec driver the ACM knows (an HACMDRIVERID): where its code is, what it said about itself when the ACM first
/// opened it (its details and format tags, which the ACM keeps to choose drivers without opening them), whether it is
/// enabled, and its open instances.
/// </summary>
internal sealed unsafe class AcmDriverId : IDisposable
{
    private readonly nint sectionName;
    private readonly nint aliasName;

    public AcmDriverId(AcmDriverSource source, string alias, bool isLocal)
    {
        Source = source;
        Alias = alias;
        IsLocal = isLocal;
        sectionName = Marshal.StringToHGlobalUni(AcmServices.DriversSection);
        aliasName = Marshal.StringToHGlobalUni(alias);
    }

    /// <summary>The handle applications see.</summary>
    public nint Handle { get; set; }

    public AcmDriverSource Source { get; }

    /// <summary>The registry alias (msacm.NAME), or a name made up for a function driver.</summary>
    public string Alias { get; }

    /// <summary>Added by acmDriverAdd for this process: searched before the global drivers and never given a priority.</summary>
    public bool IsLocal { get; }

    public bool IsEnabled { get; set; } = true;

    /// <summary>The driver's answer to ACMDM_DRIVER_DETAILS, taken when it was added.</summary>
    public ACMDRIVERDETAILS Details;

    /// <summary>The driver's format tags (ACMDM_FORMATTAG_DETAILS by index), taken when it was added.</summary>
    public ACMFORMATTAGDETAILS[] FormatTags { get; private set; } = [];

    /// <summary>The driver's filter tags, taken when it was added.</summary>
    public ACMFILTERTAGDETAILS[] FilterTags { get; private set; } = [];

    /// <summary>The instances open on this driver (acmDriverOpen, or streams the ACM opened it for).</summary>
    public List<AcmDriverInstance> Instances { get; } = [];

    /// <summary>The ACMDRIVERDETAILS_SUPPORTF_* bits as the ACM reports them: the driver's, plus LOCAL and DISABLED.</summary>
    public uint Support => Details.fdwSupport
        | (IsLocal ? AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_LOCAL : 0)
        | (IsEnabled ? 0 : AcmDriverFlags.ACMDRIVERDETAILS_SUPPORTF_DISABLED);

    /// <summary>True if the driver lists the format tag.</summary>
    public bool HasFormatTag(uint tag) => FormatTags.Any(t => t.dwFormatTag == tag);

    /// <summary>Opens an instance the way the ACM opens codecs: an ACMDRVOPENDESCW with fccType 'audc' as lParam2.</summary>
    public AcmDriverConnection? Open(out MMRESULT error)
    {
        var description = new ACMDRVOPENDESC
        {
            cbStruct = (uint)sizeof(ACMDRVOPENDESC), fccType = AcmDriverFlags.ACMDRIVERDETAILS_FCCTYPE_AUDIOCODEC,
            dwVersion = AcmServices.Version, pszSectionName = sectionName, pszAliasName = aliasName,
        };
        var connection = Source.Open(&description);
        error = connection is not null ? MMRESULT.MMSYSERR_NOERROR
            : description.dwError != 0 ? (MMRESULT)description.dwError : MMRESULT.MMSYSERR_ERROR;
        return connection;
    }

    /// <summary>Opens the driver once to learn its details and tags; false if it does not open or answer as a codec.</summary>
    public bool ReadDetails()
    {
        var connection = Open(out _);
        if (connection is null)
        {
            return false;
        }

        try
        {
            var details = new ACMDRIVERDETAILS { cbStruct = (uint)sizeof(ACMDRIVERDETAILS) };
            if (connection.Send(AcmMessages.ACMDM_DRIVER_DETAILS, (nint)(&details), 0) != 0)
            {
                return false;
            }

            Details = details;
            FormatTags = ReadTags<ACMFORMATTAGDETAILS>(connection, AcmMessages.ACMDM_FORMATTAG_DETAILS, details.cFormatTags);
            FilterTags = ReadTags<ACMFILTERTAGDETAILS>(connection, AcmMessages.ACMDM_FILTERTAG_DETAILS, details.cFilterTags);
            return true;
        }
        finally
        {
            connection.Close();
        }
    }

    /// <summary>Asks for tags by index (ACM_FORMATTAGDETAILSF_INDEX and ACM_FILTERTAGDETAILSF_INDEX are both 0).</summary>
    private static T[] ReadTags<T>(AcmDriverConnection connection, uint message, uint count)
        where T : unmanaged
    {
        var tags = new List<T>();
        for (uint index = 0; index < count; index++)
        {
            // Both tag structures start with cbStruct and the index.
            var tag = default(T);
            var fields = (uint*)&tag;
            fields[0] = (uint)sizeof(T);
            fields[1] = index;
            if (connection.Send(message, (nint)(&tag), 0) == 0)
            {
                tags.Add(tag);
            }
        }

        return [.. tags];
    }

    public void Dispose()
    {
        Marshal.FreeHGlobal(sectionName);
        Marshal.FreeHGlobal(aliasName);
    }
}
