using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace InstallableDrivers.Registries;

/// <summary>
/// A file's permissions, owner and group, copied onto another file: what a replacement written beside a file needs so
/// that renaming it over the file changes the contents and nothing else.
/// </summary>
/// <remarks>
/// .NET reads and sets permissions but not owners, so the owner comes from <c>statx</c> (whose layout is the same on
/// every Linux architecture) and is set with <c>fchown</c>. Elsewhere only the permissions are copied (none on Windows).
/// </remarks>
internal static partial class FileOwnership
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxUid = 0x8, StatxGid = 0x10;
    private const int StatxSize = 256, StatxUidOffset = 20, StatxGidOffset = 24;

    // Only read and write: a lock file never needs to be executable, even beside a registry file that (oddly) is.
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead
        | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Gives <paramref name="file"/> the permissions, owner and group of <paramref name="model"/>.</summary>
    /// <param name="model">The file to copy from; nothing happens if it does not exist.</param>
    /// <param name="file">The open file to change.</param>
    /// <param name="readWriteOnly">Copy only the read and write permissions.</param>
    /// <exception cref="IOException">The owner or group could not be set (only the superuser may give a file away).</exception>
    public static void Copy(string model, SafeFileHandle file, bool readWriteOnly = false)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(model))
        {
            return;
        }

        var mode = File.GetUnixFileMode(model);
        File.SetUnixFileMode(file, readWriteOnly ? mode & ReadWrite : mode);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var owner = OwnerOf(model);
        if (owner != OwnerOf(file) && fchown(file, owner.User, owner.Group) != 0)
        {
            throw new IOException($"Could not give the new copy of '{model}' its owner and group {owner.User}:{owner.Group} "
                + $"(error {Marshal.GetLastPInvokeError()}); '{model}' is left unchanged.");
        }
    }

    private static (uint User, uint Group) OwnerOf(string path) => Statx(AtCurrentDirectory, path, flags: 0);

    // An empty path with AT_EMPTY_PATH stats the open file itself.
    private static (uint User, uint Group) OwnerOf(SafeFileHandle file) =>
        Statx((int)file.DangerousGetHandle(), string.Empty, flags: 0x1000);

    private static unsafe (uint User, uint Group) Statx(int directory, string path, int flags)
    {
        var buffer = stackalloc byte[StatxSize];
        if (statx(directory, path, flags, StatxUid | StatxGid, buffer) != 0)
        {
            throw new IOException($"Could not read the owner of '{path}' (error {Marshal.GetLastPInvokeError()}).");
        }

        return (*(uint*)(buffer + StatxUidOffset), *(uint*)(buffer + StatxGidOffset));
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fchown(SafeFileHandle file, uint owner, uint group);
}
