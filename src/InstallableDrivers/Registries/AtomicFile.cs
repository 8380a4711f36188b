namespace InstallableDrivers.Registries;

/// <summary>
/// Replaces a file's contents so that a crash at any moment leaves either the old file or the new one, never a torn or
/// empty one: the new bytes go to a temporary file beside it, reach the disk, and are then renamed over it.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Replaces the contents of <paramref name="path"/>, creating the file if it does not exist.</summary>
    /// <param name="path">The file; its directory must exist.</param>
    /// <param name="contents">The new contents.</param>
    public static void Replace(string path, ReadOnlySpan<byte> contents)
    {
        // A unique name, so a temporary file left by a killed writer never stands in the way.
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $"{TemporaryPrefix(path)}{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files that writers of <paramref name="path"/> left when they were killed. Only safe while
    /// holding the lock all writers of the file take, for then no writer is using one.
    /// </summary>
    /// <param name="path">The file whose writers' leftovers to delete.</param>
    public static void DeleteStrayTemporaryFiles(string path)
    {
        foreach (var stray in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, $"{TemporaryPrefix(path)}*.tmp"))
        {
            DeleteQuietly(stray);
        }
    }

    // Hidden on Unix, and named after the file so that a person who sees one knows where it came from.
    private static string TemporaryPrefix(string path) => $".{Path.GetFileName(path)}.";

    // Cleaning up must not hide the failure that made it necessary; a file left behind is deleted by a later write.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
