namespace InstallableDrivers.Multimedia;

/// <summary>A buffer came back from the device: played (output) or filled (input).</summary>
/// <param name="bytes">The bytes the buffer carried: played, or recorded.</param>
/// <param name="totalBytes">The bytes played or recorded so far in this run, this buffer's included.</param>
public sealed class WaveBufferEventArgs(int bytes, long totalBytes) : EventArgs
{
    /// <summary>The bytes the buffer carried: played, or recorded.</summary>
    public int Bytes { get; } = bytes;

    /// <summary>The bytes played or recorded so far in this run, this buffer's included.</summary>
    public long TotalBytes { get; } = totalBytes;
}
