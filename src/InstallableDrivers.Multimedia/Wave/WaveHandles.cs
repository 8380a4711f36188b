using System.Collections.Concurrent;

namespace InstallableDrivers.Multimedia.Wave;

/// <summary>
/// The open HWAVEOUT/HWAVEIN handles of the process. A handle is a number issued once and never again (a 64-bit
/// count), so a closed handle stays invalid for good; numbering starts above any device count, because several
/// functions take either a device id or a handle in the same parameter.
/// </summary>
internal static class WaveHandles
{
    /// <summary>The first handle: above every device id.</summary>
    private const long First = 0x10000;

    private static readonly ConcurrentDictionary<nint, WaveStream> Open = new();
    private static long next = First - 1;

    public static nint Issue() => (nint)Interlocked.Increment(ref next);

    public static void Add(WaveStream stream) => Open[stream.Handle] = stream;

    public static WaveStream? Find(nint handle) => Open.TryGetValue(handle, out var stream) ? stream : null;

    public static void Remove(WaveStream stream) => Open.TryRemove(stream.Handle, out _);

    /// <summary>The streams a services object opened that are still open.</summary>
    public static IEnumerable<WaveStream> OwnedBy(WaveServices services) => Open.Values.Where(s => s.Owner == services);
}
