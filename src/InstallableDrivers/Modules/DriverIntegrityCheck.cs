using System.Collections.Concurrent;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Modules;

/// <summary>
/// Refuses an alias whose driver file changed since it was installed: compares the file with the alias's
/// <see cref="DriverInstallRecord"/>. Hashes are cached per path and recomputed only when the file's size or last-write
/// time changes, so an unchanged file costs one stat call per open.
/// </summary>
internal sealed class DriverIntegrityCheck
{
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, string Sha256)> hashes = new(StringComparer.Ordinal);

    /// <summary>Checks the file an alias resolved to against the alias's install record.</summary>
    /// <param name="target">A resolved alias.</param>
    /// <param name="record">The alias's install record.</param>
    /// <exception cref="DriverOpenException">With <see cref="DriverFailureReason.IntegrityFailure"/> when the file changed.</exception>
    public void Verify(DriverTarget target, DriverInstallRecord record)
    {
        var stamp = FileStamp.Of(target.FilePath);
        if (stamp.Length != record.Size)
        {
            throw Changed(target, $"its size is {stamp.Length} bytes, {record.Size} when installed");
        }

        var sha256 = Hash(target.FilePath, stamp);
        if (!record.Matches(sha256, stamp.Length))
        {
            throw Changed(target, $"its SHA-256 is {sha256}, {record.Sha256} when installed");
        }
    }

    private string Hash(string filePath, FileStamp stamp)
    {
        if (hashes.TryGetValue(filePath, out var cached) && cached.Stamp == stamp)
        {
            return cached.Sha256;
        }

        // A write during hashing moves the last-write time past this stamp, so such a hash is never reused.
        string sha256;
        try
        {
            sha256 = DriverFile.ComputeSha256(filePath);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Inspection.DriverFileErrors.AccessDenied(filePath, e);
        }

        hashes[filePath] = (stamp, sha256);
        return sha256;
    }

    private static DriverOpenException Changed(DriverTarget target, string difference) => new(DriverFailureReason.IntegrityFailure,
        $"The driver file '{target.FilePath}' of '{target.Alias}' in [{target.Section}] changed since it was installed: {difference}. "
        + "Install it again to accept the new file.");
}
