using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.Multimedia;

/// <summary>How one buffer of a conversion is converted (msacm.h ACM_STREAMCONVERTF_*).</summary>
[Flags]
public enum AcmConvertFlags : uint
{
    /// <summary>A buffer in the middle of a stream: the codec converts what it can and keeps its history.</summary>
    None = 0,

    /// <summary>Convert whole source blocks only; the rest is left for the next buffer.</summary>
    BlockAlign = AcmStreamFlags.ACM_STREAMCONVERTF_BLOCKALIGN,

    /// <summary>The first buffer of a stream: the codec forgets what came before.</summary>
    Start = AcmStreamFlags.ACM_STREAMCONVERTF_START,

    /// <summary>The last buffer of a stream: the codec flushes what it holds, completing a partial block.</summary>
    End = AcmStreamFlags.ACM_STREAMCONVERTF_END,
}
