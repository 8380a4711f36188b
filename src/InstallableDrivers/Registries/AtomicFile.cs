namespace InstallableDrivers.Registries;

/// <summary>
/// Replaces a file's contents so that a crash at any moment leaves either the old file or the new one, never a torn or
/// empty one: the new bytes go to a temporary file beside it, reach the disk, and are then renamed over it.
/// </summary>
/// <remarks>
/// The replacement keeps what the file is: a path that is a symbolic link is written through to the file it leads to (the
/// link stays a link), and the new file gets the old one's permissions, owner and group before it takes its place.
/// The temporary file is created when the replacement begins, so a directory that cannot be written fails then, before
/// the caller has done anything it would have to undo.
/// </remarks>
internal sealed class AtomicFile : IDisposable
{
    private readonly FileStream temporary;
    private bool committed;

    private AtomicFile(string target, FileStream temporary)
    {
        Target = target;
        this.temporary = temporary;
    }

    /// <summary>The file that will be replaced: the given path with every symbolic link followed.</summary>
    public string Target { get; }

    /// <summary>The file a write of <paramref name="path"/> replaces: the path itself, or the file its links lead to.</summary>
    /// <param name="path">A fully qualified path.</param>
    /// <returns>The path with every symbolic link followed; the target need not exist.</returns>
    public static string TargetOf(string path) =>
        new FileInfo(path).LinkTarget is null ? path : File.ResolveLinkTarget(path, returnFinalTarget: true)!.FullName;

    /// <summary>Begins replacing <paramref name="path"/>: creates the temporary file, with the permissions and owner of the file.</summary>
    /// <param name="path">The file; its directory (or that of the file its links lead to) must exist.</param>
    /// <returns>The replacement: <see cref="Commit"/> it, or dispose it to leave the file as it is.</returns>
    /// <exception cref="IOException">The directory cannot be written, or the owner cannot be kept.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be written.</exception>
    public static AtomicFile Begin(string path)
    {
        var target = TargetOf(path);
        // A unique name, so a temporary file left by a killed writer never stands in the way.
        var temporaryPath = Path.Combine(Path.GetDirectoryName(target)!, $"{TemporaryPrefix(target)}{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            FileOwnership.Copy(target, stream.SafeFileHandle);
            return new AtomicFile(target, stream);
        }
        catch
        {
            stream.Dispose();
            DeleteQuietly(temporaryPath);
            throw;
        }
    }

    /// <summary>Writes the new contents, flushes them to the disk, and renames them over the file.</summary>
    /// <param name="contents">The new contents.</param>
    public void Commit(ReadOnlySpan<byte> contents)
    {
        temporary.Write(contents);
        temporary.Flush(flushToDisk: true);
        temporary.Dispose();
        File.Move(temporary.Name, Target, overwrite: true);
        committed = true;
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        temporary.Dispose();
        if (!committed)
        {
            DeleteQuietly(temporary.Name);
        }
    }

    /// <summary>
    /// Deletes the temporary files that writers of <paramref name="path"/> left when they were killed. Only safe while
    /// holding the lock all writers of the file take, for then no writer is using one.
    /// </summary>
    /// <param name="path">The file whose writers' leftovers to delete, with its links followed.</param>
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
