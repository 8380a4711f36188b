using System.Collections.Concurrent;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Inspection;

/// <summary>
/// The loader's check of a driver file before each load, remembered per path while the file's size and last-write time
/// stay the same, as <see cref="Modules.DriverIntegrityCheck"/> remembers hashes: reading a library costs more than
/// loading it on some systems, and a driver opened and closed in a loop is loaded each time. Any change of the file
/// (a new copy, a truncation, a FIFO in its place) changes its stamp and it is read again.
/// </summary>
internal static class CheckedDriverImages
{
    private static readonly ConcurrentDictionary<string, (FileStamp Stamp, DriverImage Image)> Checked = new(StringComparer.Ordinal);

    /// <summary>Reads the file at a full path, or returns what reading it found when it is unchanged since.</summary>
    /// <param name="fullPath">A full path.</param>
    /// <returns>What the file is.</returns>
    /// <exception cref="DriverOpenException">As <see cref="DriverImage.Read"/>.</exception>
    public static DriverImage Read(string fullPath)
    {
        var stamp = FileStamp.Of(fullPath);
        if (stamp != FileStamp.Missing && Checked.TryGetValue(fullPath, out var known) && known.Stamp == stamp)
        {
            return known.Image;
        }

        var image = DriverImage.Read(fullPath);
        Checked[fullPath] = (stamp, image);
        return image;
    }
}
