using InstallableDrivers.Files;

namespace InstallableDrivers.Registries;

/// <summary>
/// What a registry file path must be before it is read or written, checked so that the error says what is wrong with
/// the path instead of what a system call reported about a file derived from it (its lock file, a temporary file).
/// </summary>
internal static class RegistryFile
{
    /// <summary>The largest registry file read: far beyond any real one (a line is a few hundred bytes), small enough to hold in memory.</summary>
    public const long MaxLength = 64L * 1024 * 1024;

    /// <summary>Refuses a path that names something other than a regular file: reading a FIFO would wait for a writer forever.</summary>
    /// <param name="path">The registry file's full path.</param>
    /// <returns>True if the file exists, false if it does not (an empty registry).</returns>
    /// <exception cref="IOException">The path is a directory, FIFO, device or socket.</exception>
    public static bool RequireRegularOrMissing(string path)
    {
        var type = FileNodes.TypeOf(path);
        return type switch
        {
            FileNodeType.Missing => false,
            FileNodeType.RegularFile => true,
            FileNodeType.Directory => throw new IOException(
                $"The registry file '{path}' is a directory; give the path of a file, such as '{Path.Combine(path, "system.ini")}'."),
            _ => throw new IOException($"The registry file '{path}' is {FileNodes.Describe(type)}, not a regular file."),
        };
    }

    /// <summary>Refuses a file too large to be a registry, before it is read into memory.</summary>
    /// <param name="path">The registry file's full path.</param>
    /// <param name="length">Its length in bytes (or the bytes read so far).</param>
    /// <exception cref="IOException">It is larger than <see cref="MaxLength"/>.</exception>
    public static void RequireNotTooLarge(string path, long length)
    {
        if (length > MaxLength)
        {
            throw new IOException(
                $"The registry file '{path}' is too large: a registry file may be at most {MaxLength >> 20} MiB ({MaxLength} bytes), and this one has at least {length} bytes. Is it the right file?");
        }
    }

    /// <summary>
    /// Makes the registry file's folder if it is missing, after checking that the path can hold a file: the nearest
    /// existing ancestor must be a directory, and the path itself a regular file or nothing.
    /// </summary>
    /// <param name="path">The registry file's full path.</param>
    /// <exception cref="IOException">An ancestor is a file or device, or the path is not a regular file.</exception>
    public static void PrepareForWriting(string path)
    {
        for (var ancestor = Path.GetDirectoryName(path); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            var type = FileNodes.TypeOf(ancestor);
            if (type == FileNodeType.Directory)
            {
                break;
            }

            if (type != FileNodeType.Missing)
            {
                throw new IOException($"The registry file '{path}' cannot be created: '{ancestor}' is {FileNodes.Describe(type)}, not a directory.");
            }
        }

        RequireRegularOrMissing(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Takes the registry's write lock, saying that the registry cannot be written if its lock file cannot be made.</summary>
    /// <param name="path">The registry file's full path.</param>
    /// <param name="lockPath">Its lock file.</param>
    /// <param name="timeout">How long to wait for other writers.</param>
    /// <returns>The held lock.</returns>
    /// <exception cref="IOException">The lock file cannot be created, or another writer held it too long.</exception>
    public static FileStream Lock(string path, string lockPath, TimeSpan timeout)
    {
        try
        {
            return ExclusiveFileLock.Acquire(lockPath, timeout);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException(
                $"The registry file '{path}' cannot be written: no file can be created in its folder '{Path.GetDirectoryName(path)}' (read-only, "
                + "or a virtual file system), and a write creates its lock file and each new version of the registry there.", e);
        }
    }
}
