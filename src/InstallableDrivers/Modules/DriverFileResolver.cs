using System.Collections.Concurrent;
using InstallableDrivers.Files;
using InstallableDrivers.Inspection;

namespace InstallableDrivers.Modules;

/// <summary>
/// Turns a driver file name from the registry or from a caller into the full path of an existing file (docs/contract.md#files):
/// an absolute path is used as it is; anything else is looked for only in the configured driver directories, never in
/// the current directory, and may not climb out of them: neither by '..' in the name nor by a symbolic link, which must
/// lead to a file inside the (real path of the) directory it is in.
/// </summary>
internal sealed class DriverFileResolver
{
    private readonly string[] directories;
    private readonly Func<string, bool>? isLoaded;

    /// <summary>The full path each name last resolved to; used again only while that file is loaded.</summary>
    private readonly ConcurrentDictionary<string, string> resolved = new(StringComparer.Ordinal);

    /// <param name="directories">The driver directories, in search order; each must be fully qualified.</param>
    /// <param name="isLoaded">
    /// Whether the driver file at a full path is loaded now; a name whose file is loaded then resolves to it again
    /// without a look at the disk. Null: every name is looked for every time.
    /// </param>
    /// <exception cref="ArgumentException">A directory is empty, relative or contains control characters.</exception>
    public DriverFileResolver(IEnumerable<string> directories, Func<string, bool>? isLoaded = null)
    {
        this.directories = directories.Select(Normalize).ToArray();
        this.isLoaded = isLoaded;

        static string Normalize(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory) || ControlCharacters.Contains(directory) || !Path.IsPathFullyQualified(directory))
            {
                throw new ArgumentException(
                    $"Driver directory '{directory}' must be a fully qualified path: a relative one would be resolved against the current directory, which is never searched for drivers.",
                    nameof(directories));
            }

            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        }
    }

    /// <summary>The driver directories, in search order.</summary>
    public IReadOnlyList<string> Directories => directories;

    /// <summary>Finds the file a driver name stands for.</summary>
    /// <param name="fileName">A file name, a path relative to a driver directory, or an absolute path.</param>
    /// <returns>The full path of an existing file, or of the loaded file the name resolved to when it was loaded.</returns>
    /// <exception cref="DriverOpenException">The name is invalid, escapes a driver directory, or names no existing file.</exception>
    public string Resolve(string fileName)
    {
        // A name whose file is loaded resolves to it again without a look at the disk, as LoadLibrary does on Windows
        // for a loaded module's name. Looking costs a stat per spelling tried, more than all the rest of opening one
        // more instance; docs/architecture.md ("File resolution") says why skipping it is safe.
        if (isLoaded is null)
        {
            return Search(fileName);
        }

        if (resolved.TryGetValue(fileName, out var known) && isLoaded(known))
        {
            return known;
        }

        var path = Search(fileName);
        resolved[fileName] = path;
        return path;
    }

    private string Search(string fileName)
    {
        NameRules.Validate(fileName, "driver file name");

        if (Path.IsPathFullyQualified(fileName))
        {
            var full = Path.GetFullPath(fileName);
            // A directory, FIFO or device given by its path is refused by name when it is read, not reported as missing.
            return Exists(full) || Directory.Exists(full) ? full : throw DriverFileErrors.FileNotFound(full);
        }

        if (Path.IsPathRooted(fileName))
        {
            // "\x" or "C:x" on Windows: rooted, yet relative to a current drive or directory.
            throw new DriverOpenException(DriverFailureReason.BadPath,
                $"'{fileName}' is rooted but not a full path; give an absolute path or a name inside a driver directory.");
        }

        foreach (var directory in directories)
        {
            foreach (var spelling in Spellings(fileName))
            {
                var candidate = Path.GetFullPath(Path.Combine(directory, spelling));
                if (!IsInside(candidate, directory))
                {
                    throw new DriverOpenException(DriverFailureReason.BadPath,
                        $"'{fileName}' leads out of the driver directory '{directory}'; '..' may not climb out of it.");
                }

                if (Exists(candidate))
                {
                    RequireRealPathInside(fileName, candidate, directory);
                    return candidate;
                }
            }
        }

        throw new DriverOpenException(DriverFailureReason.FileNotFound, directories.Length == 0
            ? $"No driver named '{fileName}': no driver directories are configured (the current directory is never searched)."
            : $"No driver named '{fileName}' in the driver directories ({string.Join(", ", directories)}); the current directory is never searched.");
    }

    /// <summary>The usual platform spellings of a library name: name, name.so, libname.so, name.dll, libname.dylib.</summary>
    internal static IEnumerable<string> Spellings(string fileName)
    {
        var folder = Path.GetDirectoryName(fileName) ?? string.Empty;
        var name = Path.GetFileName(fileName);
        yield return fileName;
        yield return Path.Combine(folder, name + ".so");
        yield return Path.Combine(folder, "lib" + name + ".so");
        yield return Path.Combine(folder, name + ".dll");
        yield return Path.Combine(folder, "lib" + name + ".dylib");
    }

    /// <summary>
    /// True if something is at the path that could be a driver file: anything but a directory (a folder named like the
    /// driver is skipped). A FIFO, device or socket counts, to be refused by name when it is read, rather than searched past.
    /// </summary>
    /// <exception cref="DriverOpenException">The path is a symbolic link whose target does not exist.</exception>
    private static bool Exists(string path)
    {
        var type = FileNodes.TypeOf(path);
        if (type == FileNodeType.Missing && File.Exists(path))
        {
            // File.Exists sees the link itself; what it points to is gone.
            throw DriverFileErrors.FileNotFound(path);
        }

        return type is not (FileNodeType.Missing or FileNodeType.Directory);
    }

    /// <summary>
    /// Refuses a file found in a driver directory whose real path (every symbolic link resolved) lies outside the real path
    /// of that directory: a link must not turn a driver directory into a window onto the rest of the file system. Without
    /// a link between the directory and the file the file is inside by its name, and the real paths (a system call per
    /// component, costly next to a load) are not needed.
    /// </summary>
    private static void RequireRealPathInside(string fileName, string candidate, string directory)
    {
        if (!HasLinkBelow(candidate, directory))
        {
            return;
        }

        var realDirectory = FileNodes.RealPath(directory) ?? directory;
        if (FileNodes.RealPath(candidate) is { } real && !IsInside(real, realDirectory))
        {
            throw new DriverOpenException(DriverFailureReason.BadPath,
                $"'{fileName}' in the driver directory '{directory}' is a link to '{real}', outside it; a file found in a driver directory must lie inside it.");
        }
    }

    /// <summary>True if the file, or a folder between the directory and it, is a symbolic link.</summary>
    private static bool HasLinkBelow(string candidate, string directory)
    {
        for (var path = candidate; path is not null && IsInside(path, directory); path = Path.GetDirectoryName(path))
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside(string candidate, string directory)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        // The root directory ("/", "C:\") already ends with its separator; any other gets one, so "/d" does not contain "/dx".
        var prefix = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return candidate.Length > prefix.Length && candidate.StartsWith(prefix, comparison);
    }
}
