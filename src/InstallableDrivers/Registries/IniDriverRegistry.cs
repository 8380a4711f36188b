namespace InstallableDrivers.Registries;

/// <summary>
/// A driver registry kept in a <c>system.ini</c>-style file: <c>[section]</c> headers, <c>alias=file args</c> lines,
/// <c>;</c> or <c>#</c> comments and blank lines, in UTF-8.
/// </summary>
/// <remarks>
/// <para>
/// A missing file is an empty registry; the first write creates it and its directory. A write changes only the line it
/// is about and keeps every other byte of the file, so comments, order and sections this class does not use survive.
/// A malformed file is never rewritten: every call throws <see cref="DriverRegistryFormatException"/> until it is fixed.
/// </para>
/// <para>
/// Writes are safe across processes (each holds the lock file <c>FilePath + ".lock"</c> while it re-reads the file and
/// applies its one change) and across crashes (the new file is flushed to disk and renamed over the old one). Reads take
/// no lock and re-parse the file only when its length or last-write time changes.
/// </para>
/// <para>Names and values must be what a line can hold: no control characters, no white space at either end, no ']' or
/// '\' in a section name, no '=' in an alias nor a leading ';', '#' or '['. Anything else throws <see cref="ArgumentException"/>.</para>
/// </remarks>
public sealed class IniDriverRegistry : IDriverRegistry
{
    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    private readonly CachedIniFile file;
    private readonly string lockPath;
    private readonly TimeSpan lockTimeout;

    // Threads of this process queue here rather than spin on the lock file.
    private readonly Lock writeGate = new();

    /// <summary>Opens the registry kept in a file. Nothing is read or created until the first call.</summary>
    /// <param name="path">The file's fully qualified path, for example <see cref="DriverRegistryLocation.DefaultFilePath"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is relative: it is never resolved against the current directory.</exception>
    public IniDriverRegistry(string path)
        : this(path, DefaultLockTimeout)
    {
    }

    /// <summary>Opens the registry kept in a file, waiting at most <paramref name="lockTimeout"/> for other writers.</summary>
    /// <param name="path">The file's fully qualified path.</param>
    /// <param name="lockTimeout">How long a write waits for the lock file before it throws <see cref="IOException"/>.</param>
    internal IniDriverRegistry(string path, TimeSpan lockTimeout)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"The registry file path must be fully qualified, not relative to the current directory: \"{path}\".", nameof(path));
        }

        FilePath = path;
        file = new CachedIniFile(path);
        lockPath = path + ".lock";
        this.lockTimeout = lockTimeout;
    }

    /// <summary>The registry file, as given to the constructor.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    public string? GetValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        return file.Current().GetValue(section, alias);
    }

    /// <inheritdoc />
    /// <exception cref="DriverRegistryFormatException">The file is malformed; it is left untouched.</exception>
    /// <exception cref="IOException">Another writer held the lock file too long, or the file could not be written.</exception>
    public void SetValue(string section, string alias, string value)
    {
        RegistryArguments.CheckEntry(section, alias, value);
        Update(document => document.WithValue(section, alias, value));
    }

    /// <inheritdoc />
    /// <exception cref="DriverRegistryFormatException">The file is malformed; it is left untouched.</exception>
    /// <exception cref="IOException">Another writer held the lock file too long, or the file could not be written.</exception>
    public bool DeleteValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        return Update(document => document.WithoutValue(section, alias));
    }

    /// <inheritdoc />
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    public IReadOnlyList<string> GetSections() => file.Current().GetSections();

    /// <inheritdoc />
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    public IReadOnlyList<string> GetAliases(string section)
    {
        RegistryArguments.CheckSection(section);
        return file.Current().GetAliases(section);
    }

    // Applies one change to the file as it is under the lock, so that concurrent writers of other aliases lose nothing.
    private bool Update(Func<IniDocument, IniDocument?> change)
    {
        lock (writeGate)
        {
            RegistryFile.PrepareForWriting(FilePath);
            using (RegistryFile.Lock(FilePath, lockPath, lockTimeout))
            {
                var changed = change(file.Read());
                if (changed is null)
                {
                    return false;
                }

                AtomicFile.DeleteStrayTemporaryFiles(FilePath);
                AtomicFile.Replace(FilePath, changed.ToBytes());
                file.Invalidate();
                return true;
            }
        }
    }
}
