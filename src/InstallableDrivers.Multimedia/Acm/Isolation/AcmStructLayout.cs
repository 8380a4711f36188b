using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>
/// How an ACM structure a message points at is copied to a driver in a host process: its size is its cbStruct (at
/// least <see cref="MinimumSize"/>), and it carries buffers whose addresses and lengths are fields of it
/// (ACMFORMATDETAILSW's pwfx of cbwfx bytes, …). A buffer is <see cref="AcmBufferField.IsInput"/> when the driver only
/// reads it.
/// </summary>
internal sealed record AcmStructLayout(int MinimumSize, params AcmBufferField[] Buffers)
{
    /// <summary>The largest structure or buffer copied: far above any msacm structure or format, far below the arena.</summary>
    public const int MaximumBytes = 64 * 1024 + 64;

    /// <summary>A structure of cbStruct bytes with no buffers: ACMDRIVERDETAILSW, ACMFORMATTAGDETAILSW, ACMFILTERTAGDETAILSW.</summary>
    public static readonly AcmStructLayout Plain = new(sizeof(uint));

    /// <summary>ACMFORMATDETAILSW: pwfx of cbwfx bytes, read (ACM_FORMATDETAILSF_FORMAT) or written (INDEX).</summary>
    public static readonly AcmStructLayout FormatDetails = new(End<ACMFORMATDETAILS>(nameof(ACMFORMATDETAILS.cbwfx)),
        new AcmBufferField(Offset<ACMFORMATDETAILS>(nameof(ACMFORMATDETAILS.pwfx)), Offset<ACMFORMATDETAILS>(nameof(ACMFORMATDETAILS.cbwfx)), IsInput: false));

    /// <summary>ACMFILTERDETAILSW: pwfltr of cbwfltr bytes.</summary>
    public static readonly AcmStructLayout FilterDetails = new(End<ACMFILTERDETAILS>(nameof(ACMFILTERDETAILS.cbwfltr)),
        new AcmBufferField(Offset<ACMFILTERDETAILS>(nameof(ACMFILTERDETAILS.pwfltr)), Offset<ACMFILTERDETAILS>(nameof(ACMFILTERDETAILS.cbwfltr)), IsInput: false));

    /// <summary>ACMDRVFORMATSUGGEST: the source format to read, the destination to write.</summary>
    public static readonly AcmStructLayout FormatSuggest = new(Marshal.SizeOf<ACMDRVFORMATSUGGEST>(),
        new AcmBufferField(Offset<ACMDRVFORMATSUGGEST>(nameof(ACMDRVFORMATSUGGEST.pwfxSrc)), Offset<ACMDRVFORMATSUGGEST>(nameof(ACMDRVFORMATSUGGEST.cbwfxSrc)), IsInput: true),
        new AcmBufferField(Offset<ACMDRVFORMATSUGGEST>(nameof(ACMDRVFORMATSUGGEST.pwfxDst)), Offset<ACMDRVFORMATSUGGEST>(nameof(ACMDRVFORMATSUGGEST.cbwfxDst)), IsInput: false));

    /// <summary>ACMDRVSTREAMSIZE.</summary>
    public static readonly AcmStructLayout StreamSize = new(Marshal.SizeOf<ACMDRVSTREAMSIZE>());

    public static int Offset<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    private static int End<T>(string field) => Offset<T>(field) + sizeof(uint);
}
