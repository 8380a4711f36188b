namespace InstallableDrivers.Registries;

/// <summary>
/// A driver registry kept in a <c>system.ini</c>-style file: <c>[section]</c> headers, <c>alias=file args</c> lines,
/// <c>;</c> or <c>#</c> comments and blank lines, in UTF-8.
/// </summary>
/// <remarks>
/// <para>
/// A missing file is an empty registry; the first write creates it and its directory. A write changes only the lines it
/// is about and keeps every other byte of the file, so comments, order and sections this class does not use survive.
/// A malformed file is never rewritten: every call throws <see cref="DriverRegistryFormatException"/> until it is fixed.
/// </para>
/// <para>
/// Writes are safe across processes (each holds a lock file, the registry file's name plus <c>.lock</c>, while it
/// re-reads the file and applies its change) and across crashes (the new file is flushed to disk and renamed over the
/// old one). <see cref="Edit{T}"/> makes several reads and writes one transaction. Reads take no lock and re-parse the
/// file only when its length or last-write time changes.
/// </para>
/// <para>
/// A write keeps what the file is: if <see cref="FilePath"/> is a symbolic link, the file it leads to is written (and
/// locked) and the link stays; the new file keeps the old one's permissions, owner and group (only the superuser may give
/// a file away, so another user's write that would change the owner fails and leaves the file as it was). The lock file gets the
/// registry file's read and write permissions, owner and group, so the registry's owner can still lock it after the
/// superuser has written the registry.
/// </para>
/// <para>
/// A file that repeats an alias (two <c>wave1=</c> lines in a section) is read at the first line, as
/// GetPrivateProfileString reads it; <see cref="GetValues"/> gives every line, and <see cref="DeleteValue"/> deletes
/// every line, so that a deleted alias does not come back as its second line.
/// </para>
/// <para>Names and values must be what a line can hold: no control characters, no white space at either end, no ']' or
/// '\' in a section name, no '=' in an alias nor a leading ';', '#' or '['. Anything else throws <see cref="ArgumentException"/>.</para>
/// </remarks>
public sealed class IniDriverRegistry : IDriverRegistry, IRegistryLineLocator
{
    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    private readonly CachedIniFile file;
    private readonly TimeSpan lockTimeout;

    // Threads of this process queue here rather than spin on the lock file.
    private readonly Lock writeGate = new();

    // The transaction running under writeGate, which a transaction started on its own thread joins.
    private IniDocumentEdit? running;

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

    /// <summary>Gets the value of every line of an alias: more than one when the file repeats the alias.</summary>
    /// <param name="section">The section to look in.</param>
    /// <param name="alias">The alias.</param>
    /// <returns>The values in file order, the first being the one <see cref="GetValue"/> gives; empty if there is none.</returns>
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    public IReadOnlyList<string> GetValues(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        return file.Current().GetValues(section, alias);
    }

    /// <inheritdoc />
    /// <exception cref="DriverRegistryFormatException">The file is malformed; it is left untouched.</exception>
    /// <exception cref="IOException">Another writer held the lock file too long, or the file could not be written.</exception>
    public void SetValue(string section, string alias, string value)
    {
        RegistryArguments.CheckEntry(section, alias, value);
        Edit(registry =>
        {
            registry.SetValue(section, alias, value);
            return true;
        });
    }

    /// <inheritdoc />
    /// <remarks>Deletes every line of the alias.</remarks>
    /// <exception cref="DriverRegistryFormatException">The file is malformed; it is left untouched.</exception>
    /// <exception cref="IOException">Another writer held the lock file too long, or the file could not be written.</exception>
    public bool DeleteValue(string section, string alias)
    {
        RegistryArguments.CheckEntry(section, alias);
        return Edit(registry => registry.DeleteValue(section, alias));
    }

    /// <summary>
    /// Runs a transaction: <paramref name="transaction"/> reads and changes the registry as it is under the lock, and its
    /// changes are written as one new file when it returns. No other writer, in this process or another, changes the
    /// file meanwhile, so a check and the write it leads to cannot be split (install an alias only if it is not there).
    /// </summary>
    /// <remarks>
    /// The temporary file that becomes the new registry file is created before <paramref name="transaction"/> runs, so a
    /// registry that cannot be written fails before the transaction does anything. If the transaction throws, nothing
    /// is written. It should be short: every other writer waits for it (and gives up after the lock timeout, 10 s). It
    /// reads and writes through the registry it is given. A write through this object from inside the transaction, on
    /// its thread (a driver the transaction talks to, whose crash is recorded), joins the transaction: it is written with
    /// it, or not at all. Through another object of the same file, it would wait for the lock the transaction holds.
    /// </remarks>
    /// <typeparam name="T">What the transaction returns.</typeparam>
    /// <param name="transaction">Reads and writes the registry it is given, which is valid only during the call.</param>
    /// <returns>What <paramref name="transaction"/> returned.</returns>
    /// <exception cref="DriverRegistryFormatException">The file is malformed; it is left untouched.</exception>
    /// <exception cref="IOException">Another writer held the lock file too long, or the file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory cannot be written.</exception>
    public T Edit<T>(Func<IDriverRegistry, T> transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        lock (writeGate)
        {
            // Only the thread that holds writeGate gets here while a transaction runs: that transaction's own thread,
            // which would wait for itself on the lock file.
            if (running is not null)
            {
                return transaction(running);
            }

            var target = AtomicFile.TargetOf(FilePath);
            RegistryFile.PrepareForWriting(target);
            using var held = RegistryFile.Lock(target, target + ".lock", lockTimeout);
            // Best effort: only the superuser can give the lock file away, and only a lock file it made needs it.
            TryCopyOwnership(target, held);
            AtomicFile.DeleteStrayTemporaryFiles(target);
            using var replacement = AtomicFile.Begin(target);
            var edit = new IniDocumentEdit(file.Read(), FilePath);
            T result;
            running = edit;
            try
            {
                result = transaction(edit);
            }
            finally
            {
                running = null;
            }

            if (edit.Changed)
            {
                replacement.Commit(edit.Document.ToBytes());
                file.Invalidate();
            }

            return result;
        }
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

    /// <summary>
    /// The registry as the file is now: several reads of it cost one look at the file together (a stat, when it is
    /// unchanged) and see one version of it. It is an edit that is never written: read it only.
    /// </summary>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DriverRegistryFormatException">The file is malformed.</exception>
    internal IDriverRegistry Snapshot() => new IniDocumentEdit(file.Current(), FilePath);

    /// <inheritdoc />
    (string FilePath, int Line)? IRegistryLineLocator.Locate(string section, string alias) =>
        file.Current().LineOf(section, alias) is int line ? (FilePath, line) : null;

    private static void TryCopyOwnership(string registryFile, FileStream lockFile)
    {
        try
        {
            FileOwnership.Copy(registryFile, lockFile.SafeFileHandle, readWriteOnly: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The lock still works for this writer; the file's owner may find it theirs already (they made it).
        }
    }
}
