using System.Collections.Concurrent;

namespace InstallableDrivers.Modules;

/// <summary>
/// Turns a driver file name from the registry or from a caller into the full path of an existing file (docs/contract.md#files):
/// an absolute path is used as it is; anything else is looked for only in the configured driver directories, never in
/// the current directory, and may not climb out of them.
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
            if (string.IsNullOrWhiteSpace(directory) || NameRules.HasControlCharacters(directory) || !Path.IsPathFullyQualified(directory))
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
            return File.Exists(full)
                ? full
                : throw new DriverOpenException(DriverFailureReason.FileNotFound, $"The driver file '{full}' does not exist.");
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

                if (File.Exists(candidate))
                {
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

    private static bool IsInside(string candidate, string directory)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return candidate.Length > directory.Length + 1
            && candidate.StartsWith(directory, comparison)
            && (candidate[directory.Length] == Path.DirectorySeparatorChar || candidate[directory.Length] == Path.AltDirectorySeparatorChar);
    }
}
