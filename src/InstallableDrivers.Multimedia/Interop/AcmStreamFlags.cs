namespace InstallableDrivers.Multimedia.Interop;

/// <summary>The flags of conversion streams (msacm.h): opening, sizing, converting, and a header's status.</summary>
public static class AcmStreamFlags
{
    /// <summary>Only ask whether the conversion is possible; open nothing.</summary>
    public const uint ACM_STREAMOPENF_QUERY = 0x00000001;

    /// <summary>Convert in the background and call back.</summary>
    public const uint ACM_STREAMOPENF_ASYNC = 0x00000002;

    /// <summary>Time does not matter: the best algorithm may be used.</summary>
    public const uint ACM_STREAMOPENF_NONREALTIME = 0x00000004;

    /// <summary>The source length is given; the destination length is asked.</summary>
    public const uint ACM_STREAMSIZEF_SOURCE = 0x00000000;

    /// <summary>The destination length is given; the source length is asked.</summary>
    public const uint ACM_STREAMSIZEF_DESTINATION = 0x00000001;

    /// <summary>The bits that hold the query type.</summary>
    public const uint ACM_STREAMSIZEF_QUERYMASK = 0x0000000F;

    /// <summary>Convert whole source blocks only; the rest stays unconverted.</summary>
    public const uint ACM_STREAMCONVERTF_BLOCKALIGN = 0x00000004;

    /// <summary>The first buffer of a stream: the codec forgets its history.</summary>
    public const uint ACM_STREAMCONVERTF_START = 0x00000010;

    /// <summary>The last buffer of a stream: the codec flushes what it holds.</summary>
    public const uint ACM_STREAMCONVERTF_END = 0x00000020;

    /// <summary>The header's conversion has finished.</summary>
    public const uint ACMSTREAMHEADER_STATUSF_DONE = 0x00010000;

    /// <summary>The header is prepared.</summary>
    public const uint ACMSTREAMHEADER_STATUSF_PREPARED = 0x00020000;

    /// <summary>The header is queued for an asynchronous conversion.</summary>
    public const uint ACMSTREAMHEADER_STATUSF_INQUEUE = 0x00100000;
}
