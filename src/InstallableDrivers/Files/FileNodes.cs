using System.Runtime.InteropServices;

namespace InstallableDrivers.Files;

/// <summary>
/// What .NET's file API cannot tell: whether a path is a FIFO, a device or a socket (opening a FIFO for reading waits
/// for a writer, forever if none comes), and the real path of a file with every symbolic link resolved. On Linux both
/// come from the C library (statx, realpath); elsewhere from what .NET reports.
/// </summary>
internal static partial class FileNodes
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;

    // struct statx is the same on every Linux architecture (it was designed so); stx_mode is the u16 at offset 28.
    private const int StatxSize = 256, StatxModeOffset = 28;

    private const int FileTypeMask = 0xF000;

    /// <summary>What the path names, following symbolic links.</summary>
    /// <param name="path">A full path.</param>
    /// <returns>The type; <see cref="FileNodeType.Missing"/> for a dangling link or a path that cannot be looked at.</returns>
    public static unsafe FileNodeType TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Windows has no FIFOs, devices or sockets among files; what is not a directory is a file or nothing.
            if (Directory.Exists(path))
            {
                return FileNodeType.Directory;
            }

            var info = new FileInfo(path);
            return info.Exists && (info.LinkTarget is null || info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true })
                ? FileNodeType.RegularFile
                : FileNodeType.Missing;
        }

        var buffer = stackalloc byte[StatxSize];
        if (statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            return FileNodeType.Missing;
        }

        return (*(ushort*)(buffer + StatxModeOffset) & FileTypeMask) switch
        {
            0x8000 => FileNodeType.RegularFile,
            0x4000 => FileNodeType.Directory,
            0x1000 => FileNodeType.Fifo,
            0x2000 => FileNodeType.CharacterDevice,
            0x6000 => FileNodeType.BlockDevice,
            0xC000 => FileNodeType.Socket,
            _ => FileNodeType.Other,
        };
    }

    /// <summary>The words a message uses for what a path is, e.g. "a FIFO (named pipe)".</summary>
    /// <param name="type">What the path is.</param>
    /// <returns>A noun phrase with its article.</returns>
    public static string Describe(FileNodeType type) => type switch
    {
        FileNodeType.Missing => "missing",
        FileNodeType.RegularFile => "a regular file",
        FileNodeType.Directory => "a directory",
        FileNodeType.Fifo => "a FIFO (named pipe)",
        FileNodeType.CharacterDevice => "a character device",
        FileNodeType.BlockDevice => "a block device",
        FileNodeType.Socket => "a socket",
        _ => "not a regular file",
    };

    /// <summary>
    /// The path with every symbolic link and every <c>.</c> and <c>..</c> resolved, or null if it cannot be (a missing
    /// component, a loop). Off Linux only the path's last component is followed.
    /// </summary>
    /// <param name="path">A full path.</param>
    /// <returns>The real path, or null.</returns>
    public static unsafe string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.Exists || Directory.Exists(path) ? (info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path)) : null;
        }

        var resolved = realpath(path, null);
        if (resolved is null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved);
        }
        finally
        {
            NativeMemory.Free(resolved);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial byte* realpath(string path, byte* resolved);
}
