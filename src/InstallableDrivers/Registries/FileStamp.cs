using Microsoft.Win32.SafeHandles;

namespace InstallableDrivers.Registries;

/// <summary>What tells one version of a file from another without reading it: its length and last-write time, or its absence.</summary>
/// <param name="Length">The length in bytes, or -1 if the file does not exist.</param>
/// <param name="LastWriteUtc">The last-write time.</param>
internal readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
{
    /// <summary>The stamp of a file that does not exist.</summary>
    public static FileStamp Missing { get; } = new(-1, DateTime.MinValue);

    /// <summary>Stamps the file at a path: one stat call.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its stamp, or <see cref="Missing"/>.</returns>
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : Missing;
    }

    /// <summary>Stamps an open file: the very version being read, even if the path is renamed over meanwhile.</summary>
    /// <param name="handle">The open file.</param>
    /// <returns>Its stamp.</returns>
    public static FileStamp Of(SafeFileHandle handle) => new(RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle));
}
