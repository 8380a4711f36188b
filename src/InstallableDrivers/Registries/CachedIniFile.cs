using Microsoft.Win32.SafeHandles;

namespace InstallableDrivers.Registries;

/// <summary>
/// The parsed document of a registry file, re-parsed only when the file's <see cref="FileStamp"/> changes, so that a
/// lookup costs one stat call. Takes no lock: writers replace the file by an atomic rename, so a read sees a whole version.
/// </summary>
/// <param name="path">The registry file.</param>
internal sealed class CachedIniFile(string path)
{
    private volatile Snapshot? cached;

    /// <summary>Gets the document of the file as it is now; a missing file is an empty document.</summary>
    /// <returns>The document.</returns>
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    /// <exception cref="IOException">The path is not a regular file, or the file is too large (<see cref="RegistryFile"/>).</exception>
    public IniDocument Current()
    {
        var snapshot = cached;
        if (snapshot is null || snapshot.Stamp != FileStamp.Of(path))
        {
            snapshot = Load(path);
            cached = snapshot;
        }

        return snapshot.Document;
    }

    /// <summary>
    /// Forgets the cached document. A writer calls it after replacing the file, because a same-length rewrite within the
    /// file system's timestamp resolution would otherwise look unchanged.
    /// </summary>
    public void Invalidate() => cached = null;

    /// <summary>Reads and parses the file, bypassing the cache.</summary>
    /// <returns>The document.</returns>
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    public IniDocument Read() => Load(path).Document;

    private static Snapshot Load(string path)
    {
        if (!RegistryFile.RequireRegularOrMissing(path))
        {
            return new Snapshot(FileStamp.Missing, IniDocument.Empty);
        }

        SafeFileHandle handle;
        try
        {
            // FileShare.Delete lets a writer rename over the file while it is open here (Windows refuses otherwise).
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Snapshot(FileStamp.Missing, IniDocument.Empty);
        }

        using (handle)
        {
            // Stamped before reading, from the handle: should the file change meanwhile, the next lookup sees a new stamp.
            var stamp = FileStamp.Of(handle);
            RegistryFile.RequireNotTooLarge(path, stamp.Length);
            var bytes = ReadToEnd(handle, path, stamp.Length);
            return new Snapshot(stamp, IniParser.Parse(bytes, path));
        }
    }

    /// <summary>Reads until the end, not just the length the file reported: files such as /proc's report 0 and have text.</summary>
    private static ReadOnlySpan<byte> ReadToEnd(SafeFileHandle handle, string path, long length)
    {
        var bytes = new byte[Math.Max(length, 4096)];
        var read = 0;
        while (true)
        {
            if (read == bytes.Length)
            {
                RegistryFile.RequireNotTooLarge(path, read);
                Array.Resize(ref bytes, (int)Math.Min(2L * bytes.Length, RegistryFile.MaxLength + 1));
            }

            var count = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (count == 0)
            {
                return bytes.AsSpan(0, read);
            }

            read += count;
        }
    }

    private sealed record Snapshot(FileStamp Stamp, IniDocument Document);
}
