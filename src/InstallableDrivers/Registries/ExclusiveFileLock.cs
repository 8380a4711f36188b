using System.Diagnostics;

namespace InstallableDrivers.Registries;

/// <summary>
/// A lock that processes share through a lock file: whoever holds the file open with <see cref="FileShare.None"/> holds
/// the lock, and the operating system releases it when the holder exits or is killed.
/// </summary>
/// <remarks>
/// The lock file is never deleted: a process that deleted it on release could race one that had just opened it, and two
/// writers would then each hold a "lock" on a different file.
/// </remarks>
internal static class ExclusiveFileLock
{
    private const int LongestPauseMilliseconds = 32;

    /// <summary>Takes the lock, waiting with short back-off while another process or thread holds it.</summary>
    /// <param name="lockPath">The lock file; it is created if missing, and its directory must exist.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <returns>The open lock file: dispose it to release the lock.</returns>
    /// <exception cref="IOException">The lock was still held by another writer after <paramref name="timeout"/>.</exception>
    public static FileStream Acquire(string lockPath, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var pause = 1;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException))
            {
                if (waited.Elapsed >= timeout)
                {
                    throw new IOException(
                        $"The lock file '{lockPath}' is held by another writer; gave up after {timeout.TotalSeconds:0.###} s. ({e.Message})", e);
                }

                // Random pauses keep waiting writers from retrying in lockstep.
                Thread.Sleep(Random.Shared.Next(pause, 2 * pause));
                pause = Math.Min(2 * pause, LongestPauseMilliseconds);
            }
        }
    }
}
